package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * A secret given again after a restart is checked before the guided change goes on with
 * it, over HTTP against the KMS sandbox and its XKS proxy: an XKS secret access key by a
 * pre-flight GetHealthStatus signed with it, a CloudHSM kmsuser password against its
 * format. A refused secret leaves the run paused with nothing sent to KMS, and the page
 * says why; the check and its result are in the audit log in the name of the operator who
 * gave the secret (here {@code admin}; the run was started by {@code olivia} before the
 * restart).
 */
@ConsoleApplicationTest
class SecretGivenAgainApplicationTest {

    private static final String LAB = "https://xks-lab.sandbox.example.com";

    /**
     * Well-formed (43 to 64 characters of the allowed alphabet), but not tenant-a's
     * secret.
     */
    private static final String WRONG_SECRET = "V3JvbmdTZWNyZXRXcm9uZ1NlY3JldFdyb25nU2VjcmV0==";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditLog auditLog;

    private SeededKeyStores sandbox;

    private ConsoleHttpClient operator;

    private String runId;

    private String storeId;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        operator = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    @AfterEach
    void endTheRunAndRestoreTheStores() {
        if (runId != null) {
            var run = GuidedRunFixtures.run(context, runId);
            if (run.status() == RunStatus.NEEDS_SECRET) {
                context.getBean(GuidedChangeService.class).cancel(run, "admin");
            }
            await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> !GuidedRunFixtures.status(context, runId).isActive());
        }
        sandbox.restorePublicXks();
        sandbox.restoreFinanceHsm();
    }

    @Test
    void anXksSecretTheProxyRejectsIsRefusedAndNothingIsSent() {
        pausedRun(SeededKeyStores.PUBLIC_XKS, labWithTenantACredential(), false);
        long seenBefore = lastSeq();

        String page = giveSecret(WRONG_SECRET);

        assertThat(page).contains("The proxy rejected the credential (HTTP 401, AuthenticationFailedException)")
            .contains("The change does not go on")
            .contains("Waiting for the secret")
            .doesNotContain(WRONG_SECRET);
        assertThat(GuidedRunFixtures.status(context, runId)).isEqualTo(RunStatus.NEEDS_SECRET);
        var store = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(store.connectionState()).as("not disconnected").isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(store.xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks-public.sandbox.example.com");
        assertThat(entriesSince(seenBefore)).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("XKS_PREFLIGHT");
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
            assertThat(entry.errorName()).isEqualTo("AUTHENTICATION_FAILED");
        }).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("GUIDED_CHANGE_REQUEST");
            assertThat(entry.event().actor()).as("the operator who gave the secret").isEqualTo("admin");
            assertThat(entry.details()).extracting(AuditParameter::value).contains("GUIDED_RUN_SECRET_REFUSED");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
        });
    }

    @Test
    void theRightXksSecretPassesTheCheckAndTheRunGoesOnToTheEnd() {
        pausedRun(SeededKeyStores.PUBLIC_XKS, labWithTenantACredential(), false);
        long seenBefore = lastSeq();

        String page = giveSecret(SeededKeyStores.TENANT_A_SECRET);

        assertThat(page).contains("The change goes on.").doesNotContain(SeededKeyStores.TENANT_A_SECRET);
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> GuidedRunFixtures.status(context, runId) == RunStatus.COMPLETED);
        var store = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(store.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(store.xksProxyConfiguration().uriEndpoint()).isEqualTo(LAB);
        assertThat(entriesSince(seenBefore)).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("XKS_PREFLIGHT");
            assertThat(entry.event().actor()).isEqualTo("admin");
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        }).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("GUIDED_CHANGE_REQUEST");
            assertThat(entry.event().actor()).as("the operator who gave the secret").isEqualTo("admin");
            assertThat(entry.details()).extracting(AuditParameter::value).contains("GUIDED_RUN_SECRET_PROVIDED");
        });
    }

    @Test
    void aSecretThatCannotBeCheckedIsRefusedUnlessTheRunsCheckWasOverriddenAtItsStart() {
        KeyStoreChange unreachable = new XksChange(null, "https://xks-nowhere.sandbox.example.com", null, null, null,
                null, new XksCredential(SeededKeyStores.TENANT_A_KEY, Secret.of(SeededKeyStores.TENANT_A_SECRET)));
        pausedRun(SeededKeyStores.PUBLIC_XKS, unreachable, false);

        assertThat(giveSecret(SeededKeyStores.TENANT_A_SECRET))
            .contains("The console could not check the secret access key with the proxy")
            .contains("could not reach the proxy at https://xks-nowhere.sandbox.example.com");
        assertThat(GuidedRunFixtures.status(context, runId)).isEqualTo(RunStatus.NEEDS_SECRET);
        context.getBean(GuidedChangeService.class).cancel(GuidedRunFixtures.run(context, runId), "admin");
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> !GuidedRunFixtures.status(context, runId).isActive());

        pausedRun(SeededKeyStores.PUBLIC_XKS, unreachable, true);
        assertThat(giveSecret(SeededKeyStores.TENANT_A_SECRET))
            .as("overridden at its start: a check that cannot " + "reach the proxy says nothing about the secret")
            .contains("The change goes on.");
    }

    @Test
    void aKmsuserPasswordOfTheWrongLengthIsRefusedAndTheRefusalIsAudited() {
        pausedRun(SeededKeyStores.FINANCE_HSM, new CloudHsmChange(null, Secret.of("Finance2026"), null), false);
        long seenBefore = lastSeq();

        for (String password : List.of("Six666", "x".repeat(33))) {
            assertThat(giveSecret(password)).contains("A kmsuser password is 7 to 32 characters long.")
                .doesNotContain(password);
        }

        assertThat(GuidedRunFixtures.status(context, runId)).isEqualTo(RunStatus.NEEDS_SECRET);
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(entriesSince(seenBefore)).filteredOn(entry -> entry.event().action().equals("GUIDED_CHANGE_REQUEST"))
            .hasSize(2)
            .allSatisfy(entry -> {
                assertThat(entry.event().actor()).isEqualTo("admin");
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
                assertThat(entry.errorName()).isEqualTo("InvalidFormat");
            });
    }

    private static KeyStoreChange labWithTenantACredential() {
        // A new endpoint (needs DISCONNECTED, so a guided change) and the credential,
        // whose secret a restart lost.
        return new XksChange(null, LAB, null, null, null, null,
                new XksCredential(SeededKeyStores.TENANT_A_KEY, Secret.of(SeededKeyStores.TENANT_A_SECRET)));
    }

    private void pausedRun(String store, KeyStoreChange change, boolean preflightOverridden) {
        sandbox.ensureConnected(store);
        storeId = store;
        runId = GuidedRunFixtures.pausedForSecret(context, store, change, "olivia", preflightOverridden);
    }

    /**
     * Gives the secret on the run's page as an operator does; returns the page the
     * console answers with.
     */
    private String giveSecret(String secret) {
        String runPage = "/t/default/key-stores/" + storeId + "/runs/" + runId;
        assertThat(operator.get(runPage).body()).contains("Give the secret again");
        var response = operator.postForm(runPage + "/secret", Map.of("secret", secret));
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(runPage);
        return operator.get(runPage).body();
    }

    private long lastSeq() {
        var latest = auditLog.changeHistory(storeId, 1);
        return latest.isEmpty() ? 0 : latest.get(0).event().seq();
    }

    private List<AuditEntry> entriesSince(long seq) {
        return auditLog.changeHistory(storeId, 50).stream().filter(entry -> entry.event().seq() > seq).toList();
    }

}
