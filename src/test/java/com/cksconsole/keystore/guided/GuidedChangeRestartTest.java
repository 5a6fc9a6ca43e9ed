package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
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
 */
@ConsoleApplicationTest
class GuidedChangeRestartTest {

    static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    ApplicationContext context;

    @Autowired
    KeyStoreService keyStores;

    @Autowired
    XksPreflight preflight;

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

        final RunSecrets secrets = new RunSecrets();

        final GuidedChangeRunner runner;

        final GuidedChangeService service;

        Instance(MutableClock clock) {
            var jdbc = JdbcClient.create(database);
            StoreChangeLocks locks = KeyStoreServices.jdbcLocks(jdbc, clock);
            runs = new GuidedRunRepository(jdbc, new DataSourceTransactionManager(database), locks);
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
        first = new Instance(firstClock);
        second = new Instance(secondClock);
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

    private GuidedRun awaitEnd(Instance instance, String runId) {
        return await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> instance.runs.find(runId).orElseThrow(), r -> !r.status().isActive());
    }

}
