package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.keystore.ActivityEvents;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * Connect and disconnect from the detail page over HTTP, against the KMS sandbox through
 * the real SDK: the confirmation pages, the calls, the page following the transition,
 * KMS's refusals in plain words, CSRF.
 */
@ConsoleApplicationTest
class KeyStoreConnectionApplicationTest {

    /** ekm-lab-slow, seeded FAILED with XKS_PROXY_TIMED_OUT; no test changes it. */
    static final String FAILED_XKS = "cks-a4c7e2f9b6d1380f2";

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private ConsoleHttpClient http;

    private ConsoleFlows console;

    private ActivityEvents activity;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        console = new ConsoleFlows(http);
        activity = ActivityEvents.listen(context);
    }

    @AfterEach
    void restore() {
        activity.close();
        sandbox.restorePublicXks();
        sandbox.restorePaymentsHsm();
    }

    @Test
    void disconnectingSaysTheConsequenceFirstThenTheDetailPageFollowsTheStateUntilDisconnected() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String detail = "/key-stores/" + SeededKeyStores.PUBLIC_XKS;
        assertThat(console.get(detail).body()).contains("href=\"" + detail + "/disconnect\"")
            .doesNotContain("href=\"" + detail + "/connect\"");

        var confirm = console.get(detail + "/disconnect");
        assertThat(confirm.body())
            .contains("Every KMS key in this key store becomes unusable until the key store is " + "connected again")
            .contains("action=\"" + detail + "/disconnect\"")
            .contains("Disconnect the key store");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionState())
            .as("the confirmation page changes nothing")
            .isEqualTo(ConnectionStateType.CONNECTED);

        var disconnected = console.postOn(detail + "/disconnect", detail + "/disconnect", Map.of());
        assertThat(disconnected.statusCode()).isEqualTo(302);
        assertThat(disconnected.headers().firstValue("Location").orElseThrow()).endsWith(detail);
        assertThat(console.get(detail).body()).contains("KMS is disconnecting the key store.");

        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> console.get(detail + "/state").body(), body -> body.contains("\"state\":\"DISCONNECTED\""));
        assertThat(console.get(detail + "/state").body()).contains("\"transitional\":false");
        assertThat(console.get(detail).body()).doesNotContain("http-equiv=\"refresh\"")
            .contains("href=\"" + detail + "/connect\"");
        assertThat(activity.of(SeededKeyStores.PUBLIC_XKS))
            .filteredOn(r -> r.action() == KeyStoreActivityAction.DISCONNECT)
            .extracting(KeyStoreActivityRecord::outcome)
            .containsExactly(null, KeyStoreActivityRecord.Outcome.SUCCEEDED);
        assertThat(auditLog.changeHistory(SeededKeyStores.PUBLIC_XKS, 1)).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name());
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.kmsRequestId()).isNotBlank();
        });
    }

    @Test
    void connectingSaysHowLongItCanTakeAndEndsConnected() {
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);
        String detail = "/key-stores/" + SeededKeyStores.PAYMENTS_HSM;
        assertThat(console.get(detail + "/connect").body()).contains("up to 20 minutes for a CloudHSM key store");

        var connected = console.postOn(detail + "/connect", detail + "/connect", Map.of());
        assertThat(connected.statusCode()).isEqualTo(302);

        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> sandbox.describe(SeededKeyStores.PAYMENTS_HSM)
                .connectionState() == ConnectionStateType.CONNECTED);
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> console.get(detail + "/state").body(), body -> body.contains("\"state\":\"CONNECTED\""));
        assertThat(auditLog.changeHistory(SeededKeyStores.PAYMENTS_HSM, 1)).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.CONNECT_CUSTOM_KEY_STORE.name());
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        });
    }

    @Test
    void aFailedStoreOffersTheDisconnectAndItsConnectPageSaysWhyNot() {
        String failed = FAILED_XKS;
        String detail = "/key-stores/" + failed;
        assertThat(console.get(detail).body()).contains("Disconnecting is the way out of FAILED")
            .contains("href=\"" + detail + "/disconnect\"")
            .doesNotContain("href=\"" + detail + "/connect\"");
        assertThat(console.get(detail + "/connect").body())
            .contains("KMS does not connect a FAILED key store: disconnect it first")
            .doesNotContain("action=\"" + detail + "/connect\"");
    }

    @Test
    void aConnectKmsRefusesIsExplainedWithTheStoresState() {
        String failed = FAILED_XKS;
        String detail = "/key-stores/" + failed;

        var refused = console.postOn(detail, detail + "/connect", Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(console.get(detail).body()).contains("KMS refused to connect the key store because of its "
                + "connection state: it is FAILED. A FAILED key store must be disconnected first");
        assertThat(sandbox.describe(failed).connectionState()).isEqualTo(ConnectionStateType.FAILED);
        assertThat(activity.of(failed)).filteredOn(r -> r.action() == KeyStoreActivityAction.CONNECT)
            .last()
            .satisfies(r -> assertThat(r.errorCode()).isEqualTo("CustomKeyStoreInvalidStateException"));
    }

    @Test
    void aDisconnectWithoutCsrfTokenIsRefusedAndChangesNothing() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        var response = http.postFormWithoutToken("/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/disconnect", Map.of());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
    }

}
