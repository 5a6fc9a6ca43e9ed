package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.cksconsole.keystore.ActivityEvents;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The XKS pre-flight check on the review page against each behaviour of the sandbox XKS
 * proxy, reached through the same host table as the KMS sandbox, and the override with a
 * reason.
 */
@ConsoleApplicationTest
class XksPreflightApplicationTest {

    static final String LAB_KEY = "SANDBOXLABKEYIDZZ23456";
    static final String LAB_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    private ActivityEvents activity;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
        activity = ActivityEvents.listen(context);
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
    }

    @AfterEach
    void restore() {
        activity.close();
        sandbox.restorePublicXks();
        sandbox.restorePrivateXks();
    }

    /**
     * The review page of a path and credential change of the connected public store (the
     * check runs at once).
     */
    private String reviewOf(String prefix, String keyId, String secret) {
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.PATH, prefix + "/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, keyId, XksUpdateForm.SECRET, secret);
        return console.get(review).body();
    }

    @Test
    void aHealthyProxyShowsItsVendorFleetAndExternalKeyManagersWithTheLatency() {
        var page = reviewOf("/tenant-b", SeededKeyStores.TENANT_B_KEY, SeededKeyStores.TENANT_B_SECRET);
        assertThat(page).contains("Reachable and healthy.")
            .containsPattern("The proxy answered healthy in \\d+ ms " + "\\(KMS allows 250 ms\\)")
            .containsPattern("<span>\\d+</span> ms of KMS's\\s+<span>250</span> ms budget")
            .contains("<dt>Proxy fleet size</dt>")
            .contains("https://xks-public.sandbox.example.com/tenant-b/kms/xks/v1/health")
            .contains("badge--connected\">ACTIVE</span>")
            .doesNotContain("overrideReason")
            .doesNotContain(SeededKeyStores.TENANT_B_SECRET);
    }

    @Test
    void aDegradedExternalKeyManagerStillCountsAsHealthy() {
        var page = reviewOf("/degraded", LAB_KEY, LAB_SECRET);
        assertThat(page).contains("Reachable and healthy.")
            .contains("Some external key managers are DEGRADED")
            .contains("badge--transient\">DEGRADED</span>");
    }

    @Test
    void everyExternalKeyManagerUnavailableFailsWithWhatKmsWouldSay() {
        var page = reviewOf("/unavailable", LAB_KEY, LAB_SECRET);
        assertThat(page).contains("The check failed.")
            .contains("reports every external key manager UNAVAILABLE")
            .contains("KMS would refuse these values with XksProxyUriUnreachableException")
            .contains("XKS_PROXY_NOT_REACHABLE")
            .contains("badge--failed\">UNAVAILABLE</span>")
            .contains("id=\"overrideReason\"");
    }

    @Test
    void aSlowProxyFailsAgainstKmssBudget() {
        var page = reviewOf("/slow", LAB_KEY, LAB_SECRET);
        assertThat(page).contains("The check failed.")
            .contains("did not answer within KMS&#39;s budget of 250 ms")
            .contains("XKS_PROXY_TIMED_OUT");
    }

    @Test
    void aWrongCredentialFails() {
        var page = reviewOf("/tenant-b", LAB_KEY, LAB_SECRET);
        assertThat(page).contains("rejected the credential (HTTP 401, AuthenticationFailedException)")
            .contains("XksProxyIncorrectAuthenticationCredentialException")
            .doesNotContain(LAB_SECRET);
    }

    @Test
    void aWrongPathFails() {
        var page = reviewOf("/no-such-tenant", LAB_KEY, LAB_SECRET);
        assertThat(page)
            .contains("does not know the path /no-such-tenant/kms/xks/v1 (HTTP 404, " + "InvalidUriPathException)")
            .contains("XksProxyInvalidConfigurationException");
    }

    @Test
    void aFailedCheckBlocksTheUpdateUntilAReasonIsGiven() {
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.PATH, "/unavailable/kms/xks/v1",
                XksUpdateForm.ACCESS_KEY_ID, LAB_KEY, XksUpdateForm.SECRET, LAB_SECRET);
        var blocked = console.confirm(review, "CHG-5");
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(blocked.body()).contains("There is a problem").contains("The XKS pre-flight check did not pass");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration().uriPath())
            .isEqualTo("/tenant-a/kms/xks/v1");
        assertThat(activity.of(SeededKeyStores.PUBLIC_XKS)).extracting(KeyStoreActivityRecord::action)
            .as("no decision was taken on the check")
            .doesNotContain(KeyStoreActivityAction.XKS_PREFLIGHT);
    }

    @Test
    void anUnchangedCredentialNeedsTheCurrentSecretWhichIsUsedOnceAndNeverShown() {
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, "ekm-renamed-too",
                XksUpdateForm.PATH, "/tenant-a/kms/xks/v1");
        assertThat(console.get(review).body()).as("a rename needs no check").doesNotContain("XKS pre-flight check");

        sandbox.ensureDisconnected(SeededKeyStores.PRIVATE_XKS);
        review = console.submit(SeededKeyStores.PRIVATE_XKS, "xks", XksUpdateForm.PATH, "/tenant-a/kms/xks/v1");
        assertThat(console.get(review).body()).contains("<strong>current</strong> secret access key")
            .contains("name=\"currentSecret\"")
            .doesNotContain("The check failed.");

        assertThat(console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET).body())
            .as("the path with the private store's own credential")
            .contains("The check failed.")
            .contains("rejected the credential")
            .doesNotContain(SeededKeyStores.TENANT_A_SECRET);
        assertThat(console.checkProxy(review, "tooShort").body()).contains("A secret access key is 43 to 64");
    }

    @Test
    void goingOnWithoutACheckNeedsAReasonWhichIsRecorded() {
        sandbox.ensureDisconnected(SeededKeyStores.PRIVATE_XKS);
        String review = console.submit(SeededKeyStores.PRIVATE_XKS, "xks", XksUpdateForm.CONNECTIVITY,
                "PUBLIC_ENDPOINT", XksUpdateForm.ENDPOINT, "https://xks-public.sandbox.example.com",
                XksUpdateForm.SERVICE_NAME, "", XksUpdateForm.SERVICE_OWNER, "");
        var blocked = console.confirm(review, "");
        assertThat(blocked.body()).contains("Not checked yet.").contains("The check did not run");

        var applied = console.confirm(review, "CHG-6", "secret is in the vault, proxy checked by the XKS team");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(sandbox.describe(SeededKeyStores.PRIVATE_XKS).xksProxyConfiguration().connectivityAsString())
            .isEqualTo("PUBLIC_ENDPOINT");
        var records = activity.of(SeededKeyStores.PRIVATE_XKS);
        assertThat(records).filteredOn(r -> r.action() == KeyStoreActivityAction.XKS_PREFLIGHT)
            .singleElement()
            .satisfies(r -> {
                assertThat(r.outcome()).isEqualTo(KeyStoreActivityRecord.Outcome.FAILED);
                assertThat(r.details()).containsEntry("status", "NOT_RUN");
            });
        assertThat(records).filteredOn(r -> r.action() == KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN)
            .singleElement()
            .satisfies(r -> {
                assertThat(r.reason()).isEqualTo("secret is in the vault, proxy checked by the XKS team");
                assertThat(r.actor()).isEqualTo("admin");
            });

    }

    @Test
    void aVpcProxyTheConsoleCannotReachIsExplainedAndMayBeOverridden() {
        sandbox.ensureDisconnected(SeededKeyStores.PRIVATE_XKS);
        String review = console.submit(SeededKeyStores.PRIVATE_XKS, "xks", XksUpdateForm.ENDPOINT,
                "https://xks-spare.sandbox.example.com", XksUpdateForm.SERVICE_NAME,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0b2c3d4e5f6071829", XksUpdateForm.ACCESS_KEY_ID,
                SeededKeyStores.PRIVATE_KEY, XksUpdateForm.SECRET, SeededKeyStores.PRIVATE_SECRET);
        assertThat(console.get(review).body())
            .contains("could not reach the proxy at https://xks-spare.sandbox.example.com")
            .contains("reaches its proxy through a VPC endpoint service")
            .contains("the console&#39;s network may not reach at all")
            .contains("id=\"overrideReason\"");
    }

}
