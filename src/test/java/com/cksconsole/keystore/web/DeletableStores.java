package com.cksconsole.keystore.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;
import software.amazon.awssdk.services.kms.model.XksProxyUriUnreachableException;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;

/**
 * Creates a DISCONNECTED public external key store to delete in a test (on the sandbox
 * proxy's /tenant-b prefix, which no seeded store of the default target uses), through
 * the application's own KmsClient, and drops the console's snapshot so that its pages
 * know it.
 */
final class DeletableStores {

    private DeletableStores() {
    }

    static String create(ApplicationContext context, String name) {
        var kms = KeyStoreServices.defaultClient(context);
        // CreateCustomKeyStore calls the sandbox proxy within KMS's 250 ms budget: on a
        // busy test machine the first call can miss it, so retry until a deadline.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (true) {
            try {
                String id = kms
                    .createCustomKeyStore(r -> r.customKeyStoreName(name)
                        .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                        .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                        .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                        .xksProxyUriPath("/tenant-b/kms/xks/v1")
                        .xksProxyAuthenticationCredential(c -> c.accessKeyId(SeededKeyStores.TENANT_B_KEY)
                            .rawSecretAccessKey(SeededKeyStores.TENANT_B_SECRET)))
                    .customKeyStoreId();
                context.getBean(KeyStoreReads.class).forgetSnapshot();
                return id;
            }
            catch (XksProxyUriUnreachableException slow) {
                if (Instant.now().isAfter(deadline)) {
                    throw slow;
                }
            }
        }
    }

    /** The CloudHSM cluster no seeded store of the default target uses (family E). */
    static final String SPARE_CLUSTER = "cluster-h5vq2xw7zpm";

    private static final String SPARE_PASSWORD = "SpareCluster9";

    /**
     * A DISCONNECTED CloudHSM key store on the spare cluster that holds one KMS key:
     * created, connected, given a key through the real CreateKey, and disconnected again.
     */
    static String createHoldingKey(ApplicationContext context, String name, int port) throws Exception {
        var kms = KeyStoreServices.defaultClient(context);
        HttpResponse<String> ca = HttpClient.newHttpClient()
            .send(HttpRequest
                .newBuilder(URI
                    .create("http://127.0.0.1:" + port + "/sandbox/cloudhsm/" + SPARE_CLUSTER + "/customerCA.crt"))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.US_ASCII));
        String id = kms
            .createCustomKeyStore(r -> r.customKeyStoreName(name)
                .cloudHsmClusterId(SPARE_CLUSTER)
                .trustAnchorCertificate(ca.body())
                .keyStorePassword(SPARE_PASSWORD))
            .customKeyStoreId();
        var sandbox = SeededKeyStores.of(context);
        sandbox.ensureConnected(id);
        kms.createKey(r -> r.customKeyStoreId(id).origin(OriginType.AWS_CLOUDHSM).description("keeps " + name));
        sandbox.ensureDisconnected(id);
        context.getBean(KeyStoreReads.class).forgetSnapshot();
        return id;
    }

    /**
     * Test clean-up only: removes the sandbox's KMS keys of a store at once (KMS would
     * need the 7-day waiting period), so that the store can be deleted.
     */
    static void removeKeysOf(ApplicationContext context, String storeId) {
        var jdbc = context.getBean(JdbcClient.class);
        for (String table : new String[] { "sandbox_kms_alias", "sandbox_kms_key_tag" }) {
            jdbc.sql("delete from " + table
                    + " where key_id in (select key_id from sandbox_kms_key where custom_key_store_id = ?)")
                .param(storeId)
                .update();
        }
        jdbc.sql("delete from sandbox_kms_key where custom_key_store_id = ?").param(storeId).update();
    }

}
