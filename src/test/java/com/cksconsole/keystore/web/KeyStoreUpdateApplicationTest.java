package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Whole flows over HTTP against the KMS sandbox, through the real SDK: real updates of
 * both store types read back through Describe, real KMS refusals shown on their fields,
 * and lost-update protection against a real concurrent change. Seeded stores are put back
 * after every test.
 */
@ConsoleApplicationTest
class KeyStoreUpdateApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    @AfterEach
    void restoreSeededStores() {
        sandbox.restorePublicXks();
        sandbox.restorePrivateXks();
        sandbox.restorePaymentsHsm();
        sandbox.restoreFinanceHsm();
    }

    @Test
    void aConnectedExternalKeyStoreIsRenamedAndKmsShowsTheNewName() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String name = "ekm-renamed-" + UUID.randomUUID().toString().substring(0, 8);

        var detail = console.apply(SeededKeyStores.PUBLIC_XKS, "xks", "CHG-1001", XksUpdateForm.NAME, name);

        assertThat(detail.body()).contains("KMS accepted the change")
            .contains("<td>ekm-public-tenant-a</td>")
            .contains("<td>" + name + "</td>")
            .contains("Reason: <span>CHG-1001</span>");
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.customKeyStoreName()).isEqualTo(name);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void pathAndCredentialOfAConnectedExternalKeyStoreChangeTogether() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);

        console.apply(SeededKeyStores.PUBLIC_XKS, "xks", "", XksUpdateForm.PATH, "/tenant-b/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY, XksUpdateForm.SECRET,
                SeededKeyStores.TENANT_B_SECRET);

        var xks = sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration();
        assertThat(xks.uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(xks.accessKeyId()).isEqualTo(SeededKeyStores.TENANT_B_KEY);
    }

    @Test
    void aDisconnectedVpcStoreSwitchesToAPublicEndpointAndKmsClearsTheService() {
        sandbox.ensureDisconnected(SeededKeyStores.PRIVATE_XKS);
        String review = console.submit(SeededKeyStores.PRIVATE_XKS, "xks", XksUpdateForm.CONNECTIVITY,
                "PUBLIC_ENDPOINT", XksUpdateForm.ENDPOINT, "https://xks-public.sandbox.example.com",
                XksUpdateForm.SERVICE_NAME, "", XksUpdateForm.SERVICE_OWNER, "");
        // The credential stays, so the pre-flight check needs the current secret to sign
        // with.
        assertThat(console.checkProxy(review, SeededKeyStores.PRIVATE_SECRET).body())
            .contains("Reachable and healthy.");

        var applied = console.confirm(review, "");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);

        var xks = sandbox.describe(SeededKeyStores.PRIVATE_XKS).xksProxyConfiguration();
        assertThat(xks.connectivityAsString()).isEqualTo("PUBLIC_ENDPOINT");
        assertThat(xks.uriEndpoint()).isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(xks.vpcEndpointServiceName()).isNull();
    }

    @Test
    void aDisconnectedCloudHsmStoreGetsANewNameAndPassword() {
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);

        console.apply(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", "CHG-2002", CloudHsmUpdateForm.NAME,
                "payments-hsm-dr-renamed", CloudHsmUpdateForm.PASSWORD, "NewKmsuserPassword1");

        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName())
            .isEqualTo("payments-hsm-dr-renamed");
    }

    @Test
    void aDisconnectedCloudHsmStoreMovesToARelatedCluster() {
        sandbox.ensureDisconnected(SeededKeyStores.FINANCE_HSM);

        console.apply(SeededKeyStores.FINANCE_HSM, "cloudhsm", "", CloudHsmUpdateForm.CLUSTER_ID,
                "cluster-m7qz3vh2kd5");

        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).cloudHsmClusterId()).isEqualTo("cluster-m7qz3vh2kd5");
    }

    @Test
    void aNameKmsRefusesIsShownOnTheNameField() {
        var page = console.applyRefused(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, "finance-hsm-primary");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<a href=\"#newCustomKeyStoreName\">Another custom key store in this "
                + "account and Region already has this name.");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo("ekm-public-tenant-a");
    }

    @Test
    void aCredentialTheProxyRejectsIsShownOnTheCredentialFields() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ACCESS_KEY_ID,
                "SANDBOXUNKNOWNKEYID234", XksUpdateForm.SECRET, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        // The console's own pre-flight check sees the refusal first; going on anyway lets
        // KMS refuse it too.
        var page = console.confirm(review, "", "checking what KMS says");
        assertThat(page.body()).contains("id=\"xksProxyAuthenticationCredential.accessKeyId-error\"")
            .contains("The proxy rejected this credential")
            .contains("value=\"SANDBOXUNKNOWNKEYID234\"")
            .doesNotContain("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration().accessKeyId())
            .isEqualTo(SeededKeyStores.TENANT_A_KEY);
    }

    @Test
    void aChangeMadeElsewhereBetweenReviewAndApplyIsNotOverwritten() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.PATH, "/tenant-b/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY, XksUpdateForm.SECRET,
                SeededKeyStores.TENANT_B_SECRET);
        sandbox.update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(SeededKeyStores.PUBLIC_XKS)
            .newCustomKeyStoreName("renamed-by-a-colleague"));

        var page = console.confirm(review, "");

        assertThat(page.statusCode()).isEqualTo(409);
        assertThat(page.body()).contains("the key store changed since you opened the form")
            .contains("<td>ekm-public-tenant-a</td>")
            .contains("<td>renamed-by-a-colleague</td>");
        var xks = sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration();
        assertThat(xks.uriPath()).as("the stale change was not sent").isEqualTo("/tenant-a/kms/xks/v1");
    }

    @Test
    void anEndpointChangeOfAConnectedStoreIsOfferedAsAGuidedChangeAndNothingIsSentYet() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT,
                "https://xks-lab.sandbox.example.com");
        assertThat(console.get(review).body())
            .contains("This change needs the key store DISCONNECTED, and it is CONNECTED")
            .contains("Disconnect, apply, reconnect");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration().uriEndpoint())
            .isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void anUnknownKeyStoreIsANotFoundPage() {
        var response = console.get("/t/default/key-stores/cks-0123456789abcdef0");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Key store not found");
    }

    @Test
    void theListShowsTheSeededStoresFromTheSandbox() {
        var response = console.get("/key-stores?type=EXTERNAL_KEY_STORE");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("ekm-lab-slow")
            .contains("<code>XKS_PROXY_TIMED_OUT</code>")
            .doesNotContain(">finance-hsm-primary<");
    }

    @Test
    void signedOutVisitorsAreSentToSignIn() {
        var response = ConsoleHttpClient.anonymous(port).get("/key-stores");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/login");
    }

}
