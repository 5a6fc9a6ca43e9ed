package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.keystore.ActivityEvents;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.guided.GuidedRunFixtures;
import com.cksconsole.keystore.guided.RunStatus;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Guided changes over HTTP, from the review page to the end of the run, against the KMS
 * sandbox through the real SDK (the sandbox's short transitions make a whole run take
 * well under a second). Seeded stores are put back after every test.
 */
@ConsoleApplicationTest
class GuidedChangeApplicationTest {

    static final String LAB = "https://xks-lab.sandbox.example.com";
    static final Duration RUN_TIME = Duration.ofSeconds(20);

    @LocalServerPort
    int port;

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
    void restoreSeededStores() {
        activity.close();
        sandbox.restorePublicXks();
        if (sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState() != ConnectionStateType.CONNECTED) {
            // A test gave it a wrong kmsuser password: the seeded one again.
            sandbox.ensureDisconnected(SeededKeyStores.FINANCE_HSM);
            sandbox.update(UpdateCustomKeyStoreRequest.builder()
                .customKeyStoreId(SeededKeyStores.FINANCE_HSM)
                .keyStorePassword("Finance2026"));
            sandbox.restoreFinanceHsm();
        }
    }

    @Test
    void anEndpointChangeOfAConnectedStoreRunsToTheEndAndTheStoreIsConnectedWithTheNewEndpoint() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT, LAB);
        assertThat(console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET).body())
            .contains("Reachable and healthy.");

        String runPage = startGuided(review, "RECONNECT", "CHG-4004", null);
        var finished = awaitEnd(runPage);

        assertThat(finished).contains("Completed")
            .contains("The update was applied and the key store is CONNECTED " + "again with its new settings.")
            .doesNotContain("http-equiv=\"refresh\"");
        assertThat(finished.split("<td data-field=\"status\">Done</td>", -1)).as("all six steps done").hasSize(7);
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo(LAB);
        assertThat(activity.of(SeededKeyStores.PUBLIC_XKS)).filteredOn(r -> r.outcome() != null)
            .extracting(KeyStoreActivityRecord::action)
            .containsSubsequence(KeyStoreActivityAction.GUIDED_RUN_STARTED, KeyStoreActivityAction.XKS_PREFLIGHT,
                    KeyStoreActivityAction.DISCONNECT, KeyStoreActivityAction.GUIDED_STEP,
                    KeyStoreActivityAction.GUIDED_STEP, KeyStoreActivityAction.GUIDED_STEP,
                    KeyStoreActivityAction.CONNECT, KeyStoreActivityAction.GUIDED_STEP,
                    KeyStoreActivityAction.GUIDED_STEP, KeyStoreActivityAction.GUIDED_RUN_ENDED);
        assertThat(activity.of(SeededKeyStores.PUBLIC_XKS)).filteredOn(r -> r.runId() != null)
            .allSatisfy(r -> assertThat(r.actor()).isEqualTo("admin"))
            .filteredOn(r -> r.action() == KeyStoreActivityAction.GUIDED_RUN_STARTED)
            .singleElement()
            .satisfies(r -> assertThat(r.reason()).isEqualTo("CHG-4004"));

        assertThat(context.getBean(AuditLog.class).changeHistory(SeededKeyStores.PUBLIC_XKS, 10))
            .as("the guided update is in the audit log like every update")
            .anySatisfy(entry -> {
                assertThat(entry.event().action()).isEqualTo("UPDATE_CUSTOM_KEY_STORE");
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
                assertThat(entry.event().reason()).isEqualTo("CHG-4004");
                assertThat(entry.event().actor()).as("the operator who started the run").isEqualTo("admin");
                assertThat(entry.changes()).anySatisfy(change -> assertThat(change.after()).isEqualTo(LAB));
            });
        assertThat(context.getBean(AuditLog.class).changeHistory(SeededKeyStores.PUBLIC_XKS, 20))
            .filteredOn(entry -> entry.event().action().startsWith("GUIDED_CHANGE")
                    || entry.event().action().endsWith("CONNECT_CUSTOM_KEY_STORE"))
            .as("every step of the run, in the operator's name")
            .isNotEmpty()
            .allSatisfy(entry -> assertThat(entry.event().actor()).isEqualTo("admin"));

        var cancel = console.postOn(runPage, runPage + "/cancel", Map.of());
        assertThat(cancel.headers().firstValue("Location").orElseThrow()).endsWith(runPage);
        assertThat(console.get(runPage).body()).as("a finished run cannot be cancelled")
            .contains("can no longer be cancelled");
    }

    @Test
    void anUpdateTheProxyRefusesStopsTheRunWithTheStoreDisconnectedAndSaysWhatToDo() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT, LAB,
                XksUpdateForm.PATH, "/reject-path/kms/xks/v1");
        assertThat(console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET).body()).contains("The check failed.")
            .contains("does not know the path /reject-path/kms/xks/v1");

        var blocked = postGuided(review, "RECONNECT", "", null);
        assertThat(blocked.statusCode()).isEqualTo(200);
        assertThat(blocked.body()).contains("<a href=\"#overrideReason\">The XKS pre-flight check did not pass");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionState()).as("nothing was sent")
            .isEqualTo(ConnectionStateType.CONNECTED);

        String runPage = startGuided(review, "RECONNECT", "", "proxy team moves the path tonight");
        var stopped = awaitEnd(runPage);

        assertThat(stopped).contains("Stopped")
            .contains("KMS refused the update: the proxy does not know the proxy URI path "
                    + "(XksProxyInvalidConfigurationException")
            .contains("Nothing was changed: the key store is DISCONNECTED with its old settings")
            .contains("Connect the key store…")
            .contains("href=\"/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/connect\"");
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(described.xksProxyConfiguration().uriPath()).isEqualTo("/tenant-a/kms/xks/v1");
        assertThat(activity.of(SeededKeyStores.PUBLIC_XKS))
            .filteredOn(r -> r.action() == KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN)
            .singleElement()
            .satisfies(r -> {
                assertThat(r.reason()).isEqualTo("proxy team moves the path tonight");
                assertThat(r.actor()).isEqualTo("admin");
                assertThat(r.details()).containsEntry("failure", "INVALID_URI_PATH");
            });
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void aConnectionThatEndsFailedStopsTheRunWithTheErrorExplainedAndOffersTheDisconnect(CapturedOutput output) {
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        String review = console.submit(SeededKeyStores.FINANCE_HSM, "cloudhsm", CloudHsmUpdateForm.PASSWORD,
                "NotTheKmsuserPassword");
        assertThat(console.get(review).body()).doesNotContain("XKS pre-flight check")
            .as("the keys the guided disconnect makes unusable, with the seeded ones among them")
            .contains("id=\"key-impact\"")
            .contains("alias/finance/payroll")
            .containsPattern("\\d+ KMS keys? \\(\\d+ enabled\\)")
            .contains("become unusable from the disconnect of the guided change");

        String runPage = startGuided(review, "RECONNECT", "", null);
        var stopped = awaitEnd(runPage);

        assertThat(stopped).contains("The update was applied, but the connection failed with INVALID_CREDENTIALS")
            .contains("does not match the current password of the kmsuser")
            .contains("href=\"/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM + "/disconnect\"")
            .doesNotContain("NotTheKmsuserPassword");
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState())
            .isEqualTo(ConnectionStateType.FAILED);
        assertThat(output.getAll()).as("the typed kmsuser password is in no log line")
            .doesNotContain("NotTheKmsuserPassword");
        assertThat(context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
            .sql("select * from guided_change_run")
            .query()
            .listOfRows()
            .toString()
                + context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                    .sql("select * from guided_change_step")
                    .query()
                    .listOfRows())
            .as("nor in the database")
            .doesNotContain("NotTheKmsuserPassword");
    }

    @Test
    void aRunThatLeavesTheStoreDisconnectedEndsDisconnectedWithTheNewSettings() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT, LAB);
        console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET);

        var done = awaitEnd(startGuided(review, "LEAVE_DISCONNECTED", "", null));

        assertThat(done).contains("Completed").doesNotContain("Wait for CONNECTED");
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo(LAB);
    }

    @Test
    void aSecondGuidedChangeAndAPlainEditOfTheSameStoreAreRefusedWithALinkToTheFirst() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String held = GuidedRunFixtures.heldByAStoppedInstance(context, SeededKeyStores.PUBLIC_XKS, "dora");
        String heldPage = "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held;

        String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT, LAB);
        assertThat(console.get(review).body()).contains("A guided change is under way on this key store")
            .contains("href=\"" + heldPage + "\"");
        console.checkProxy(review, SeededKeyStores.TENANT_A_SECRET);
        var second = postGuided(review, "RECONNECT", "", null);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.body()).contains("Not started: another change of this key store is under way")
            .contains("A guided change started by <span>dora</span>")
            .contains("href=\"" + heldPage + "\"");

        String rename = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, "ekm-renamed-meanwhile");
        var edit = console.confirm(rename, "");
        assertThat(edit.statusCode()).isEqualTo(409);
        assertThat(edit.body()).contains("href=\"" + heldPage + "\"");

        var disconnect = console.postOn("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/disconnect",
                "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/disconnect", Map.of());
        assertThat(disconnect.statusCode()).isEqualTo(302);
        assertThat(console.get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS).body())
            .contains("A guided change is under way on this key store, so the console did not disconnect it");

        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.customKeyStoreName()).isEqualTo("ekm-public-tenant-a");
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);

        // The held change is cancelled; once its stopped instance's lease has run out,
        // this console ends it.
        console.postOn(heldPage, heldPage + "/cancel", Map.of());
        GuidedRunFixtures.expireLease(context, held);
        await().atMost(RUN_TIME)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> GuidedRunFixtures.status(context, held) == RunStatus.CANCELLED);
        assertThat(console.get(heldPage).body()).contains("Cancelled before anything was sent to KMS");
        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).customKeyStoreName()).isEqualTo("ekm-public-tenant-a");
        assertThat(console
            .confirm(console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.NAME, "ekm-public-tenant-a-2"), "")
            .statusCode()).as("the store is free again").isEqualTo(302);
    }

    @Test
    void aCloudHsmRenameRunsWithoutAPreFlightStepAndItsPageThenShowsTheNewName() {
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        try {
            String review = console.submit(SeededKeyStores.FINANCE_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                    "finance-hsm-renamed");
            String runPage = startGuided(review, "RECONNECT", "", null);
            var finished = awaitEnd(runPage);

            assertThat(finished).contains("data-live-run-status>Completed</span>")
                .doesNotContain("pre-flight")
                .contains("<h1>Guided change of <span data-live-store-name>finance-hsm-renamed</span></h1>")
                .contains("data-live-store-name>finance-hsm-renamed</a> /")
                .contains("badge badge--connected\">CONNECTED</span>");
            assertThat(finished.split("<td data-field=\"status\">Done</td>", -1)).as("all five steps done").hasSize(6);
            assertThat(console.get(runPage + "/progress").body()).contains("\"storeName\":\"finance-hsm-renamed\"")
                .contains("\"storeState\":\"CONNECTED\"")
                .contains("\"keysUnusable\":false")
                .doesNotContain("PREFLIGHT");
        }
        finally {
            sandbox.restoreFinanceHsm();
        }
    }

    @Test
    void aRunsStatusPageIsForItsOwnStoreOnly() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        String held = GuidedRunFixtures.heldByAStoppedInstance(context, SeededKeyStores.PUBLIC_XKS, "dora");
        try {
            assertThat(
                    console.get("/t/default/key-stores/" + SeededKeyStores.PRIVATE_XKS + "/runs/" + held).statusCode())
                .isEqualTo(404);
            assertThat(console.get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held).body())
                .contains("Running")
                .contains("<noscript><meta http-equiv=\"refresh\" content=\"3\"></noscript>")
                .contains("data-live-run-url=\"/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held
                        + "/progress\"");
            var progress = console
                .get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held + "/progress");
            assertThat(progress.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
            assertThat(progress.body()).contains("\"status\":\"RUNNING\"")
                .contains("\"active\":true")
                .contains("\"name\":\"DISCONNECT\"");
        }
        finally {
            String heldPage = "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/runs/" + held;
            console.postOn(heldPage, heldPage + "/cancel", Map.of());
            GuidedRunFixtures.expireLease(context, held);
            await().atMost(RUN_TIME)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> GuidedRunFixtures.status(context, held) == RunStatus.CANCELLED);
        }
    }

    // ---- helpers ----

    /** Posts the review page's guided change form; returns the run's page. */
    private String startGuided(String review, String mode, String reason, String overrideReason) {
        var response = postGuided(review, mode, reason, overrideReason);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/runs/");
        return location.substring(location.indexOf("/t/default/key-stores/"));
    }

    private HttpResponse<String> postGuided(String review, String mode, String reason, String overrideReason) {
        var page = console.get(review);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review + "/guided"));
        fields.put("mode", mode);
        fields.put("reason", reason);
        if (overrideReason != null) {
            fields.put("overrideReason", overrideReason);
        }
        return http.postForm(review + "/guided", fields);
    }

    /** Follows the run's page until the run has ended; returns the page. */
    private String awaitEnd(String runPage) {
        return await().atMost(RUN_TIME)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> console.get(runPage).body(), body -> !body.contains("data-live-run-url"));
    }

}
