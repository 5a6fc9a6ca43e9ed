package com.cksconsole.keystore;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.XksProxyUriUnreachableException;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;

/**
 * The sandbox's seeded key stores (team brief) as application and browser tests use them:
 * read back through Describe, moved to the state a test needs, and put back afterwards,
 * all through the real SDK. Tests of one context share these stores, so every test leaves
 * them as it found them.
 */
public final class SeededKeyStores {

    public static final String FINANCE_HSM = "cks-5f3a9c0e1d2b4a687";

    public static final String PAYMENTS_HSM = "cks-8b1e4d7a2c9f03516";

    public static final String PUBLIC_XKS = "cks-2d9c6a1f8e4b7035c";

    public static final String PRIVATE_XKS = "cks-6e0f3b8d5a1c29e47";

    public static final String PAYMENTS_PASSWORD = "PaymentsDr77";

    public static final String TENANT_A_KEY = "SANDBOXTENANTAKEYID234";

    public static final String TENANT_A_SECRET = "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=";

    public static final String TENANT_B_KEY = "SANDBOXTENANTBKEYID234";

    public static final String TENANT_B_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    public static final String PRIVATE_KEY = "SANDBOXPRIVATEKEYID234";

    public static final String PRIVATE_SECRET = "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=";

    public static final String VPC_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";

    private static final Duration TRANSITION = Duration.ofSeconds(20);

    private final KmsClient kms;

    private final KeyStoreReads consoleSnapshot;

    private SeededKeyStores(KmsClient kms, KeyStoreReads consoleSnapshot) {
        this.kms = kms;
        this.consoleSnapshot = consoleSnapshot;
    }

    /**
     * Uses the application's own KmsClient, and drops the console's snapshot after every
     * change made here.
     */
    public static SeededKeyStores of(ApplicationContext context) {
        return new SeededKeyStores(com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context),
                context.getBean(KeyStoreReads.class));
    }

    public CustomKeyStoresListEntry describe(String id) {
        return kms.describeCustomKeyStores(r -> r.customKeyStoreId(id)).customKeyStores().get(0);
    }

    /**
     * Sends the update; sent again while the sandbox's proxy answers KMS's health check
     * too late (250 ms, XksProxyUriUnreachableException): a test machine busy with other
     * builds misses that budget now and then, which is no fault of the test that follows.
     */
    public void update(UpdateCustomKeyStoreRequest.Builder request) {
        var update = request.build();
        await().atMost(PROXY_BUDGET_RETRIES)
            .pollInterval(Duration.ofMillis(200))
            .ignoreException(XksProxyUriUnreachableException.class)
            .until(() -> kms.updateCustomKeyStore(update) != null);
        consoleSnapshot.forgetSnapshot();
    }

    public void ensureDisconnected(String id) {
        var state = describe(id).connectionState();
        if (state == ConnectionStateType.CONNECTED || state == ConnectionStateType.CONNECTING
                || state == ConnectionStateType.FAILED) {
            kms.disconnectCustomKeyStore(r -> r.customKeyStoreId(id));
        }
        await().atMost(TRANSITION)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> describe(id).connectionState() == ConnectionStateType.DISCONNECTED);
        consoleSnapshot.forgetSnapshot();
    }

    /** How long a restoring update is retried while the proxy misses KMS's 250 ms. */
    private static final Duration PROXY_BUDGET_RETRIES = Duration.ofSeconds(30);

    /**
     * Connects the store unless it is; a connection that FAILED (an external key store's
     * proxy missing KMS's 250 ms on a busy machine) is disconnected and tried again until
     * a deadline.
     */
    public void ensureConnected(String id) {
        await().atMost(PROXY_BUDGET_RETRIES).pollInterval(Duration.ofMillis(50)).until(() -> {
            var state = describe(id).connectionState();
            if (state == ConnectionStateType.FAILED || state == ConnectionStateType.DISCONNECTING) {
                ensureDisconnected(id);
                state = ConnectionStateType.DISCONNECTED;
            }
            if (state == ConnectionStateType.DISCONNECTED) {
                kms.connectCustomKeyStore(r -> r.customKeyStoreId(id));
            }
            return state == ConnectionStateType.CONNECTED;
        });
        consoleSnapshot.forgetSnapshot();
    }

    /**
     * ekm-public-tenant-a as seeded: its name, tenant-a proxy settings and credential,
     * CONNECTED.
     */
    public void restorePublicXks() {
        var entry = describe(PUBLIC_XKS);
        var xks = entry.xksProxyConfiguration();
        boolean settingsDiffer = !"ekm-public-tenant-a".equals(entry.customKeyStoreName())
                || !"/tenant-a/kms/xks/v1".equals(xks.uriPath()) || !TENANT_A_KEY.equals(xks.accessKeyId())
                || !"https://xks-public.sandbox.example.com".equals(xks.uriEndpoint());
        if (settingsDiffer) {
            ensureDisconnected(PUBLIC_XKS);
            update(UpdateCustomKeyStoreRequest.builder()
                .customKeyStoreId(PUBLIC_XKS)
                .newCustomKeyStoreName("ekm-public-tenant-a")
                .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                .xksProxyUriPath("/tenant-a/kms/xks/v1")
                .xksProxyAuthenticationCredential(credential(TENANT_A_KEY, TENANT_A_SECRET)));
        }
        ensureConnected(PUBLIC_XKS);
    }

    /** ekm-private-vpc as seeded: VPC endpoint service connectivity, DISCONNECTED. */
    public void restorePrivateXks() {
        ensureDisconnected(PRIVATE_XKS);
        var entry = describe(PRIVATE_XKS);
        var xks = entry.xksProxyConfiguration();
        var request = UpdateCustomKeyStoreRequest.builder().customKeyStoreId(PRIVATE_XKS);
        boolean change = false;
        if (!"ekm-private-vpc".equals(entry.customKeyStoreName())) {
            request.newCustomKeyStoreName("ekm-private-vpc");
            change = true;
        }
        if (!"VPC_ENDPOINT_SERVICE".equals(xks.connectivityAsString())) {
            request.xksProxyConnectivity("VPC_ENDPOINT_SERVICE")
                .xksProxyUriEndpoint("https://xks-private.sandbox.example.com")
                .xksProxyVpcEndpointServiceName(VPC_SERVICE)
                .xksProxyVpcEndpointServiceOwner("111122223333");
            change = true;
        }
        if (!"/kms/xks/v1".equals(xks.uriPath()) || !PRIVATE_KEY.equals(xks.accessKeyId())) {
            request.xksProxyUriPath("/kms/xks/v1")
                .xksProxyAuthenticationCredential(credential(PRIVATE_KEY, PRIVATE_SECRET));
            change = true;
        }
        if (change) {
            update(request);
        }
    }

    /**
     * payments-hsm-dr as seeded: its name, cluster and kmsuser password, DISCONNECTED.
     */
    public void restorePaymentsHsm() {
        ensureDisconnected(PAYMENTS_HSM);
        update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(PAYMENTS_HSM)
            .newCustomKeyStoreName("payments-hsm-dr")
            .cloudHsmClusterId("cluster-k4p2mq7xa3b")
            .keyStorePassword(PAYMENTS_PASSWORD));
    }

    /** finance-hsm-primary as seeded: its name and original cluster, CONNECTED. */
    public void restoreFinanceHsm() {
        var entry = describe(FINANCE_HSM);
        if (!"finance-hsm-primary".equals(entry.customKeyStoreName())
                || !"cluster-jxhlf7644ne".equals(entry.cloudHsmClusterId())) {
            ensureDisconnected(FINANCE_HSM);
            update(UpdateCustomKeyStoreRequest.builder()
                .customKeyStoreId(FINANCE_HSM)
                .newCustomKeyStoreName("finance-hsm-primary")
                .cloudHsmClusterId("cluster-jxhlf7644ne")
                .keyStorePassword("Finance2026"));
        }
        ensureConnected(FINANCE_HSM);
    }

    public static XksProxyAuthenticationCredentialType credential(String keyId, String secret) {
        return XksProxyAuthenticationCredentialType.builder().accessKeyId(keyId).rawSecretAccessKey(secret).build();
    }

}
