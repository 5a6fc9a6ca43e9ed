package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.internal.KeyStoreService;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.RecordingActivity;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SecretSealing;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * A console restart in the middle of a guided change, against the KMS sandbox through the
 * real SDK: the first "instance" starts the run and does some steps, then stops; a second
 * instance, built anew over the same database (with an empty memory, as after a restart),
 * picks the run up when it starts, once the first instance's lease has expired. The runs
 * live in a database of their own, so that the application's own runner never sees them.
 * Without a key-encryption key a secret the run holds is lost with the first instance's
 * memory and given again; with one it is sealed in the run's row and the second instance
 * sends it (erased as soon as it is sent, and when the run ends).
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class GuidedChangeRestartTest {

    static final Duration LEASE = Duration.ofSeconds(30);

    static final String LAB = "https://xks-lab.sandbox.example.com";

    @Autowired
    ApplicationContext context;

    @Autowired
    KeyStoreService keyStores;

    @Autowired
    XksPreflight preflight;

    /**
     * The application's sealing (the monitoring credentials' key-encryption key,
     * generated in sandbox mode).
     */
    @Autowired
    SecretSealing sealing;

    private SeededKeyStores sandbox;

    private final RecordingActivity activity = new RecordingActivity();

    private final MutableClock firstClock = new MutableClock(Instant.now());

    /** The second instance starts after the first one's lease has run out. */
    private final MutableClock secondClock = new MutableClock(Instant.now().plus(LEASE).plusSeconds(1));

    private DataSource database;

    private Instance first;

    private Instance second;

    /**
     * One console instance: its own memory (secrets, lease owner), the shared database.
     */
    private final class Instance {

        final GuidedRunRepository runs;

        final RunSecrets secrets;

        final GuidedChangeRunner runner;

        final GuidedChangeService service;

        /**
         * @param sealing {@link SecretSealing#NONE}: no key-encryption key, secrets held
         * in memory only
         */
        Instance(MutableClock clock, SecretSealing sealing) {
            var jdbc = JdbcClient.create(database);
            StoreChangeLocks locks = KeyStoreServices.jdbcLocks(jdbc, clock);
            runs = new GuidedRunRepository(jdbc, new DataSourceTransactionManager(database), locks);
            secrets = new RunSecrets(sealing, runs);
            var properties = new GuidedChangeProperties(Duration.ofMinutes(1), Duration.ofMinutes(1),
                    Duration.ofMillis(50), Duration.ofMillis(200), LEASE, 3);
            var engine = GuidedEngines.engine(runs, keyStores, new UpdatePolicy(false), secrets, activity, properties,
                    clock);
            runner = new GuidedChangeRunner(runs, engine, properties, clock);
            service = new GuidedChangeService(runs, runner, secrets, keyStores, keyStores, new UpdatePolicy(false),
                    preflight, activity, new GivenSecretCheck(keyStores, keyStores, preflight),
                    GuidedEngines.sentences(), clock);
        }

    }

    @BeforeEach
    void setUp() {
        sandbox = SeededKeyStores.of(context);
        database = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        // Without a key-encryption key unless a test says otherwise: the secret lives in
        // the memory of the instance that was given it.
        first = new Instance(firstClock, SecretSealing.NONE);
        second = new Instance(secondClock, SecretSealing.NONE);
    }

    @AfterEach
    void stopAndRestore() {
        second.runner.stop();
        sandbox.restorePublicXks();
        sandbox.restoreFinanceHsm();
    }

    @Test
    void aRunWithoutSecretsResumesOnTheRestartedConsoleAndCompletes() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        var loaded = keyStores.describeNow(TestTargets.ref(SeededKeyStores.PUBLIC_XKS));
        KeyStoreChange change = new XksChange(null, "https://xks-lab.sandbox.example.com", null, null, null, null,
                null);
        // Checked until it clears: a machine busy with other builds can make one health
        // check miss the proxy's 250 ms budget.
        var clearance = await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> PreflightClearance
                .decide(preflight.check(loaded, change, Secret.of(SeededKeyStores.TENANT_A_SECRET)), null),
                    Optional::isPresent)
            .orElseThrow();
        var run = first.service.start(TestTargets.ref(loaded.id()), loaded, change, GuidedMode.RECONNECT, "CHG-restart",
                "olivia", clearance);

        assertThat(first.runner.tick(run.id())).as("the disconnect step").isNotNull();
        assertThat(first.runs.find(run.id()).orElseThrow().stepDone(StepName.DISCONNECT)).isTrue();
        // The first instance stops here: nothing of it survives but the database.

        second.runner.start();

        var done = awaitEnd(second, run.id());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.steps()).filteredOn(step -> step.name() != StepName.PREFLIGHT)
            .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.DONE));
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks-lab.sandbox.example.com");
    }

    @Test
    void aRunThatNeedsASecretStopsAfterTheRestartUntilTheSecretIsGivenAgain() {
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        var loaded = keyStores.describeNow(TestTargets.ref(SeededKeyStores.FINANCE_HSM));
        KeyStoreChange change = new CloudHsmChange(null, Secret.of("Finance2026"), null);
        var run = first.service.start(TestTargets.ref(loaded.id()), loaded, change, GuidedMode.RECONNECT, null,
                "olivia", null);
        assertThat(first.secrets.get(run.id())).isPresent();
        first.runner.tick(run.id()); // disconnect: the store is now on its way to
                                     // DISCONNECTED

        second.runner.start();

        var paused = await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> second.runs.find(run.id()).orElseThrow(), r -> r.status() == RunStatus.NEEDS_SECRET);
        assertThat(paused.outcome())
            .contains("The update was not sent: the key store is DISCONNECTED with its old " + "settings")
            .contains("key store password (the kmsuser password) again");
        assertThat(paused.stepDone(StepName.WAIT_FOR_DISCONNECTED)).isTrue();
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState())
            .isEqualTo(ConnectionStateType.DISCONNECTED);

        assertThat(second.service.provideSecret(paused, "olivia", "short")).get()
            .asString()
            .contains("7 to 32 characters");
        assertThat(second.service.provideSecret(paused, "olivia", "Finance2026")).isEmpty();

        var done = awaitEnd(second, run.id());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(activity.records()).extracting(r -> r.action().name())
            .contains("GUIDED_RUN_NEEDS_SECRET", "GUIDED_RUN_SECRET_PROVIDED");
    }

    @Test
    void aPausedRunCanBeCancelledAndConnectsTheStoreAgainWithItsOldSettings() {
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        var loaded = keyStores.describeNow(TestTargets.ref(SeededKeyStores.FINANCE_HSM));
        var run = first.service.start(TestTargets.ref(loaded.id()), loaded,
                new CloudHsmChange(null, Secret.of("Finance2026"), null), GuidedMode.RECONNECT, null, "olivia", null);
        first.runner.tick(run.id());
        second.runner.start();
        var paused = await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> second.runs.find(run.id()).orElseThrow(), r -> r.status() == RunStatus.NEEDS_SECRET);

        second.service.cancel(paused, "olivia");

        var cancelled = awaitEnd(second, run.id());
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.step(StepName.UPDATE).orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
    }

    // --- with a key-encryption key: the secret sealed in the run's row

    @Test
    void aSecretSealedInTheRunsRowIsSentByTheInstanceThatTakesTheRunOverWithoutAskingAgain(CapturedOutput output) {
        assertThat(sealing.available()).as("sandbox mode generates a key-encryption key").isTrue();
        first = new Instance(firstClock, sealing);
        second = new Instance(secondClock, sealing);
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
        var loaded = keyStores.describeNow(TestTargets.ref(SeededKeyStores.PUBLIC_XKS));
        var change = labWithTenantACredential();
        var clearance = await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> PreflightClearance.decide(preflight.check(loaded, change, null), null), Optional::isPresent)
            .orElseThrow();
        var run = first.service.start(TestTargets.ref(loaded.id()), loaded, change, GuidedMode.RECONNECT,
                "CHG-takeover", "olivia", clearance);
        assertThat(first.secrets.get(run.id())).as("nothing held in the first instance's memory").isEmpty();
        assertThat(first.runs.sealed(run.id())).as("sealed in the run's row").isPresent();
        assertNoReadableSecret(run.id(), SeededKeyStores.TENANT_A_SECRET);

        assertThat(first.runner.tick(run.id())).as("the disconnect step").isNotNull();
        assertThat(first.runs.find(run.id()).orElseThrow().stepDone(StepName.DISCONNECT)).isTrue();
        assertNoReadableSecret(run.id(), SeededKeyStores.TENANT_A_SECRET);
        // The first instance dies here: its memory is gone, the database stays.
        // The second (its own memory, empty) takes the run over once the first
        // one's lease has run out.

        var updated = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            second.runner.tick(run.id());
            return second.runs.find(run.id()).orElseThrow();
        }, r -> r.stepDone(StepName.UPDATE) || !r.status().isActive());
        assertThat(updated.status()).as("the update was sent, the run goes on").isEqualTo(RunStatus.RUNNING);
        assertThat(second.runs.sealed(run.id())).as("erased as soon as the update has sent it").isEmpty();
        assertThat(sealedColumns(run.id())).containsOnlyNulls();

        second.runner.start();
        // It holds the lease already, so resumeUnclaimed would skip the run.
        second.runner.kick(run.id());
        var done = awaitEnd(second, run.id());
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        var described = sandbox.describe(SeededKeyStores.PUBLIC_XKS);
        assertThat(described.connectionState()).as("the proxy accepted the secret the update sent")
            .isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(described.xksProxyConfiguration().uriEndpoint()).isEqualTo(LAB);
        assertThat(described.xksProxyConfiguration().accessKeyId()).isEqualTo(SeededKeyStores.TENANT_A_KEY);
        assertThat(activity.records()).extracting(r -> r.action().name())
            .as("never asked for the secret again")
            .doesNotContain("GUIDED_RUN_NEEDS_SECRET");
        assertNoReadableSecret(run.id(), SeededKeyStores.TENANT_A_SECRET);
        assertThat(sealedColumns(run.id())).containsOnlyNulls();
        assertThat(activity.records().toString()).doesNotContain(SeededKeyStores.TENANT_A_SECRET);
        assertThat(output.getAll()).doesNotContain(SeededKeyStores.TENANT_A_SECRET)
            .doesNotContain(base64(SeededKeyStores.TENANT_A_SECRET));
    }

    @Test
    void aCancelErasesTheSealedSecretAtOnceAndTheEndedRunHoldsNone() {
        first = new Instance(firstClock, sealing);
        sandbox.ensureConnected(SeededKeyStores.FINANCE_HSM);
        var loaded = keyStores.describeNow(TestTargets.ref(SeededKeyStores.FINANCE_HSM));
        var run = first.service.start(TestTargets.ref(loaded.id()), loaded,
                new CloudHsmChange(null, Secret.of("Finance2026"), null), GuidedMode.RECONNECT, null, "olivia", null);
        assertThat(first.runs.sealed(run.id())).isPresent();
        assertNoReadableSecret(run.id(), "Finance2026");

        first.service.cancel(first.runs.find(run.id()).orElseThrow(), "olivia");
        assertThat(sealedColumns(run.id())).as("erased with the cancel, before the run ends").containsOnlyNulls();

        first.runner.tick(run.id());
        var cancelled = first.runs.find(run.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(sealedColumns(run.id())).containsOnlyNulls();
        assertThat(sandbox.describe(SeededKeyStores.FINANCE_HSM).connectionState()).as("nothing was sent")
            .isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void aSealedSecretOpensOnlyForItsOwnRunAndPurpose() {
        var secrets = new RunSecrets(sealing, first.runs);
        var mine = plannedPasswordChange(SeededKeyStores.FINANCE_HSM);
        var other = plannedPasswordChange(SeededKeyStores.PAYMENTS_HSM);
        var sealed = secrets.seal(mine, Secret.of("Finance2026"));
        assertThat(sealed).isNotNull();
        first.runs.create(mine, "instance-a", firstClock.instant().plus(LEASE), sealed, () -> {
        });
        first.runs.create(other, "instance-a", firstClock.instant().plus(LEASE), null, () -> {
        });
        assertThat(secrets.find(mine)).map(Secret::reveal).contains("Finance2026");

        // The database login copies the sealed value onto another run.
        JdbcClient.create(database)
            .sql("update guided_change_run set sealed_data_key = ?, sealed_kek_id = ?, sealed_iv = ?, "
                    + "sealed_ciphertext = ? where id = ?")
            .params(sealed.encryptedDataKey(), sealed.kekId(), sealed.iv(), sealed.ciphertext(), other.id())
            .update();

        assertThat(secrets.find(other)).as("bound to its run and store").isEmpty();
        assertThat(sealing.open("credential-rotation/new-secret", RunSecrets.binding(mine), sealed))
            .as("bound to its purpose")
            .isEmpty();
        assertThat(secrets.find(mine)).map(Secret::reveal).contains("Finance2026");
        // Both runs were only planned here: end them so that the stores are free again.
        first.runs.finish(mine, RunStatus.CANCELLED, "Test over.", NextAction.NONE, firstClock.instant());
        first.runs.finish(other, RunStatus.CANCELLED, "Test over.", NextAction.NONE, firstClock.instant());
        assertThat(sealedColumns(mine.id())).containsOnlyNulls();
        assertThat(sealedColumns(other.id())).containsOnlyNulls();
    }

    private GuidedRun plannedPasswordChange(String storeId) {
        var loaded = keyStores.describeNow(TestTargets.ref(storeId));
        return GuidedChangeService.plan(TestTargets.ref(storeId), loaded,
                new CloudHsmChange(null, Secret.of("Finance2026"), null), GuidedMode.RECONNECT, null, "olivia", null,
                firstClock.instant());
    }

    private static KeyStoreChange labWithTenantACredential() {
        // A new endpoint (needs DISCONNECTED, so a guided change) and a new credential.
        return new XksChange(null, LAB, null, null, null, null,
                new XksCredential(SeededKeyStores.TENANT_A_KEY, Secret.of(SeededKeyStores.TENANT_A_SECRET)));
    }

    /**
     * Every row the run has in the database, as the database login reads them: neither
     * the secret nor its Base64 anywhere.
     */
    private void assertNoReadableSecret(String runId, String secret) {
        var jdbc = JdbcClient.create(database);
        String rows = jdbc.sql("select * from guided_change_run where id = ?")
            .param(runId)
            .query()
            .listOfRows()
            .toString()
                + jdbc.sql("select * from guided_change_step where run_id = ?").param(runId).query().listOfRows()
                + jdbc.sql("select * from active_store_lock").query().listOfRows();
        assertThat(rows).contains(runId).doesNotContain(secret).doesNotContain(base64(secret));
    }

    private List<Object> sealedColumns(String runId) {
        return GuidedRunRepositoryContract.sealedColumns(JdbcClient.create(database), runId);
    }

    private static String base64(String secret) {
        return Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    }

    private GuidedRun awaitEnd(Instance instance, String runId) {
        return await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> instance.runs.find(runId).orElseThrow(), r -> !r.status().isActive());
    }

}
