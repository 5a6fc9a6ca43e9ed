package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.internal.KeyStoreService;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.keystore.RecordingActivity;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.SecretSealing;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * The step logic of guided changes against KMS answers the sandbox cannot be made to give
 * on demand (a store that stays DISCONNECTING, throttling, a setting changed by someone
 * else at the wrong moment), through the real SDK and a real database; time is a clock
 * the test moves.
 */
class GuidedChangeEngineTest {

    static final String ID = "cks-2d9c6a1f8e4b7035c";
    static final String OLD_ENDPOINT = "https://xks-public.sandbox.example.com";
    static final String NEW_ENDPOINT = "https://xks-lab.sandbox.example.com";
    static final String PATH = "/tenant-a/kms/xks/v1";
    static final Duration WAIT_FOR_DISCONNECTED = Duration.ofMinutes(1);
    static final Duration WAIT_FOR_CONNECTED = Duration.ofMinutes(2);
    static final Duration POLL = Duration.ofSeconds(2);

    private final CannedKms kms = new CannedKms();

    private final KmsClient client = kms.client();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final RecordingActivity activity = new RecordingActivity();

    private RunSecrets secrets;

    private GuidedRunRepository runs;

    private KeyStoreService keyStores;

    private GuidedChangeEngine engine;

    private StoreChangeLocks locks;

    @BeforeEach
    void setUp() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa",
                "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        var jdbc = JdbcClient.create(dataSource);
        locks = KeyStoreServices.jdbcLocks(jdbc, clock);
        runs = new GuidedRunRepository(jdbc, new DataSourceTransactionManager(dataSource), locks);
        secrets = new RunSecrets(SecretSealing.NONE, runs);
        keyStores = KeyStoreServices.over(client, clock, locks, activity);
        var properties = new GuidedChangeProperties(WAIT_FOR_DISCONNECTED, WAIT_FOR_CONNECTED, POLL,
                Duration.ofSeconds(15), Duration.ofSeconds(30), 3);
        engine = GuidedEngines.engine(runs, keyStores, new UpdatePolicy(false), secrets, activity, properties, clock);
    }

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    @Test
    void aRunGoesThroughEveryStepAndReportsEachOne() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        kms.answer(describe("CONNECTED", OLD_ENDPOINT))
            .answer("{}") // disconnect
            .answer(describe("DISCONNECTING", OLD_ENDPOINT)) // wait
            .answer(describe("DISCONNECTED", OLD_ENDPOINT)) // wait
            .answer(describe("DISCONNECTED", OLD_ENDPOINT))
            .answer("{}") // update
            .answer(describe("DISCONNECTED", NEW_ENDPOINT))
            .answer("{}") // connect
            .answer(describe("CONNECTING", NEW_ENDPOINT)) // wait
            .answer(describe("CONNECTED", NEW_ENDPOINT)); // wait

        driveToTheEnd(run);

        var done = runs.find(run.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.nextAction()).isEqualTo(NextAction.NONE);
        assertThat(done.steps()).filteredOn(step -> step.name() != StepName.PREFLIGHT)
            .allSatisfy(step -> assertThat(step.status()).isEqualTo(StepStatus.DONE));
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore", "UpdateCustomKeyStore",
                "ConnectCustomKeyStore");
        assertThat(kms.requests()
            .stream()
            .filter(r -> r.target().endsWith("UpdateCustomKeyStore"))
            .findFirst()
            .orElseThrow()
            .body()).contains("\"XksProxyUriEndpoint\":\"" + NEW_ENDPOINT + "\"");
        assertThat(activity.records()).filteredOn(r -> r.action() == KeyStoreActivityAction.GUIDED_STEP)
            .extracting(r -> r.details().get("step"))
            .containsExactly("DISCONNECT", "WAIT_FOR_DISCONNECTED", "UPDATE", "CONNECT", "WAIT_FOR_CONNECTED");
        assertThat(activity.records()).filteredOn(r -> r.outcome() == null)
            .extracting(KeyStoreActivityRecord::action)
            .as("each connect and disconnect is reported before it is made (the update goes to the audit log)")
            .containsExactly(KeyStoreActivityAction.DISCONNECT, KeyStoreActivityAction.CONNECT);
        assertThat(activity.records()).last().satisfies(r -> {
            assertThat(r.action()).isEqualTo(KeyStoreActivityAction.GUIDED_RUN_ENDED);
            assertThat(r.outcome()).isEqualTo(KeyStoreActivityRecord.Outcome.SUCCEEDED);
            assertThat(r.runId()).isEqualTo(run.id());
        });
        assertThat(locks.holder(TestTargets.ref(ID))).isEmpty();
    }

    @Test
    void waitingForDisconnectedStopsJustAfterItsConfiguredTime() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        kms.answer(describe("CONNECTED", OLD_ENDPOINT)).answer("{}");
        assertThat(engine.advance(run.id())).contains(Duration.ZERO);
        kms.answer(describe("DISCONNECTING", OLD_ENDPOINT));
        assertThat(engine.advance(run.id())).contains(POLL);

        clock.advance(WAIT_FOR_DISCONNECTED);
        kms.answer(describe("DISCONNECTING", OLD_ENDPOINT));
        assertThat(engine.advance(run.id())).as("at the limit it still waits").contains(POLL);

        clock.advance(Duration.ofMillis(1));
        kms.answer(describe("DISCONNECTING", OLD_ENDPOINT));
        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.nextAction()).isEqualTo(NextAction.WAIT);
        assertThat(stopped.outcome()).contains("was not DISCONNECTED after 1 minutes")
            .contains("console.guided.wait-for-disconnected")
            .contains("It is still DISCONNECTING")
            .contains("Nothing was updated");
        assertThat(stopped.step(StepName.WAIT_FOR_DISCONNECTED).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(targets()).doesNotContain("UpdateCustomKeyStore");
        assertThat(locks.holder(TestTargets.ref(ID))).isEmpty();
    }

    @Test
    void waitingForConnectedStopsJustAfterItsConfiguredTime() {
        var run = runUntilConnecting();
        clock.advance(WAIT_FOR_CONNECTED);
        kms.answer(describe("CONNECTING", NEW_ENDPOINT));
        assertThat(engine.advance(run.id())).contains(POLL);

        clock.advance(Duration.ofMillis(1));
        kms.answer(describe("CONNECTING", NEW_ENDPOINT));
        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.outcome()).contains("was not CONNECTED after 2 minutes").contains("The update was applied");
    }

    @Test
    void throttlingIsRetriedOnTheNextPoll() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        kms.answer(describe("CONNECTED", OLD_ENDPOINT))
            .fail(400, "ThrottlingException")
            .answer(describe("CONNECTED", OLD_ENDPOINT));
        assertThat(engine.advance(run.id())).contains(POLL);
        assertThat(runs.find(run.id()).orElseThrow().step(StepName.DISCONNECT).orElseThrow().detail())
            .contains("Attempt 1: ThrottlingException; trying again.");

        kms.answer(describe("CONNECTED", OLD_ENDPOINT)).answer("{}");
        assertThat(engine.advance(run.id())).contains(Duration.ZERO);

        var step = runs.find(run.id()).orElseThrow().step(StepName.DISCONNECT).orElseThrow();
        assertThat(step.status()).isEqualTo(StepStatus.DONE);
        assertThat(step.attempts()).isEqualTo(2);
    }

    @Test
    void throttlingStopsTheRunAfterTheConfiguredAttempts() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        for (int attempt = 1; attempt <= 3; attempt++) {
            kms.answer(describe("CONNECTED", OLD_ENDPOINT))
                .fail(400, "ThrottlingException")
                .answer(describe("CONNECTED", OLD_ENDPOINT));
            engine.advance(run.id());
        }
        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.outcome()).contains("ThrottlingException").contains("Nothing was updated");
        assertThat(stopped.nextAction()).isEqualTo(NextAction.NONE);
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore", "DisconnectCustomKeyStore",
                "DisconnectCustomKeyStore");
    }

    @Test
    void nothingIsSentWhenSomeoneChangedTheStoreSinceTheReview() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        kms.answer(CannedKms.page(null, CannedKms.entry(ID, "renamed-by-a-colleague", "CONNECTED")));

        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.outcome()).contains("Someone changed the key store since this change was reviewed")
            .contains("CONNECTED");
        assertThat(targets()).isEmpty();
    }

    @Test
    void theUpdateIsNotSentWhenSomeoneChangedASettingWhileTheStoreWasDisconnected() {
        var run = runUntilDisconnected();
        kms.answer(CannedKms.page(null, CannedKms.entry(ID, "renamed-by-a-colleague", "DISCONNECTED")));

        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.nextAction()).isEqualTo(NextAction.CONNECT);
        assertThat(stopped.outcome()).contains("Someone changed the key store's settings while it was disconnected")
            .contains("DISCONNECTED: its KMS keys cannot be used");
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore");
    }

    @Test
    void aRefusedUpdateLeavesTheStoreDisconnectedAndSaysWhatToDo() {
        var run = runUntilDisconnected();
        kms.answer(describe("DISCONNECTED", OLD_ENDPOINT)).fail(400, "XksProxyInvalidConfigurationException");

        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.nextAction()).isEqualTo(NextAction.CONNECT);
        assertThat(stopped.outcome())
            .startsWith("KMS refused the update: the proxy does not know the proxy URI path "
                    + "(XksProxyInvalidConfigurationException, request ID ")
            .contains("Nothing was changed: the key store is DISCONNECTED with its old settings")
            .contains("Next: connect it again with its old settings, or correct the value");
        assertThat(stopped.step(StepName.UPDATE).orElseThrow().status()).isEqualTo(StepStatus.FAILED);
        assertThat(stopped.step(StepName.CONNECT).orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore", "UpdateCustomKeyStore");
    }

    @Test
    void aConnectionEndingFailedStopsTheRunWithTheErrorExplained() {
        var run = runUntilConnecting();
        kms.answer(CannedKms.page(null,
                CannedKms.entry(ID, "ekm-a", "FAILED", NEW_ENDPOINT, PATH, "XKS_PROXY_NOT_REACHABLE")));

        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.nextAction()).isEqualTo(NextAction.DISCONNECT);
        assertThat(stopped.outcome())
            .startsWith("The update was applied, but the connection failed with "
                    + "XKS_PROXY_NOT_REACHABLE: KMS cannot talk to the external key store proxy")
            .contains("The key store is FAILED")
            .contains("What to do: Check the endpoint and path");
    }

    @Test
    void aConnectKmsRefusesStopsTheRunWithTheStoreDisconnected() {
        var run = runUntilUpdated();
        kms.answer(describe("DISCONNECTED", NEW_ENDPOINT))
            .fail(400, "CloudHsmClusterNotActiveException")
            .answer(describe("DISCONNECTED", NEW_ENDPOINT));

        assertThat(engine.advance(run.id())).isEmpty();

        var stopped = runs.find(run.id()).orElseThrow();
        assertThat(stopped.status()).isEqualTo(RunStatus.FAILED);
        assertThat(stopped.outcome()).startsWith("The update was applied, but KMS did not connect the key store.")
            .contains("cluster is not active");
        assertThat(stopped.nextAction()).isEqualTo(NextAction.CONNECT);
    }

    @Test
    void aCancelBeforeTheDisconnectEndsTheRunWithoutAnyKmsCall() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        assertThat(runs.requestCancel(run.id(), clock.instant())).isTrue();

        assertThat(engine.advance(run.id())).isEmpty();

        var cancelled = runs.find(run.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.outcome()).contains("not touched and is still CONNECTED");
        assertThat(kms.requests()).as("no request after the run was created").hasSize(baseline);
    }

    @Test
    void aCancelAfterTheDisconnectSkipsTheUpdateAndConnectsTheOldSettingsAgain() {
        var run = runUntilDisconnected();
        assertThat(runs.requestCancel(run.id(), clock.instant())).isTrue();
        kms.answer(describe("DISCONNECTED", OLD_ENDPOINT)).answer("{}").answer(describe("CONNECTED", OLD_ENDPOINT));

        driveToTheEnd(run);

        var cancelled = runs.find(run.id()).orElseThrow();
        assertThat(cancelled.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(cancelled.step(StepName.UPDATE).orElseThrow().status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(cancelled.outcome()).contains("nothing was changed")
            .contains("CONNECTED again with its old settings");
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore", "ConnectCustomKeyStore");
    }

    @Test
    void aRunAskedToLeaveTheStoreDisconnectedSkipsTheConnect() {
        var run = runUntilUpdated();
        assertThat(runs.requestLeaveDisconnected(run.id(), clock.instant())).isTrue();

        assertThat(engine.advance(run.id())).isEmpty();

        var done = runs.find(run.id()).orElseThrow();
        assertThat(done.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(done.nextAction()).isEqualTo(NextAction.CONNECT);
        assertThat(done.outcome()).contains("as asked, the key store was left DISCONNECTED");
        assertThat(targets()).doesNotContain("ConnectCustomKeyStore");
    }

    @Test
    void aRunWithoutItsSecretPausesBeforeDisconnectingAndGoesOnOnceItIsGiven() {
        var run = start(GuidedMode.RECONNECT, credentialChange());
        secrets.forget(run.id()); // as after a restart

        assertThat(engine.advance(run.id())).isEmpty();

        var paused = runs.find(run.id()).orElseThrow();
        assertThat(paused.status()).isEqualTo(RunStatus.NEEDS_SECRET);
        assertThat(paused.nextAction()).isEqualTo(NextAction.PROVIDE_SECRET);
        assertThat(paused.outcome()).contains("Nothing was sent to KMS: the key store is still CONNECTED")
            .contains("secret access key of access key ID SANDBOXTENANTBKEYID234");
        assertThat(kms.requests()).as("no request after the run was created").hasSize(baseline);

        secrets.keep(run.id(), Secret.of("0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o="));
        assertThat(runs.resumeWithSecret(run.id(), "instance", clock.instant().plusSeconds(30), clock.instant()))
            .isTrue();
        kms.answer(describe("CONNECTED", OLD_ENDPOINT)).answer("{}");
        assertThat(engine.advance(run.id())).contains(Duration.ZERO);
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore");
    }

    @Test
    void aDisconnectThatMayAlreadyHaveReachedKmsIsNotSentAgain() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        var disconnect = run.step(StepName.DISCONNECT).orElseThrow();
        // Recorded as started, then the console stopped before it could record the
        // answer.
        runs.saveStep(run.id(), disconnect.with(StepStatus.RUNNING, clock.instant(), null, 1, null), clock.instant());
        kms.answer(describe("DISCONNECTING", OLD_ENDPOINT));

        assertThat(engine.advance(run.id())).contains(Duration.ZERO);

        assertThat(runs.find(run.id()).orElseThrow().step(StepName.DISCONNECT).orElseThrow().status())
            .isEqualTo(StepStatus.DONE);
        assertThat(targets()).isEmpty();
    }

    @Test
    void anUpdateThatDescribeShowsAppliedIsNotSentAgain() {
        var run = runUntilDisconnected();
        var update = runs.find(run.id()).orElseThrow().step(StepName.UPDATE).orElseThrow();
        runs.markUpdateStarted(run.id(), clock.instant());
        runs.saveStep(run.id(), update.with(StepStatus.RUNNING, clock.instant(), null, 1, null), clock.instant());
        kms.answer(describe("DISCONNECTED", NEW_ENDPOINT));

        assertThat(engine.advance(run.id())).contains(Duration.ZERO);

        assertThat(runs.find(run.id()).orElseThrow().step(StepName.UPDATE).orElseThrow().detail())
            .contains("Describe shows the new values");
        assertThat(targets()).containsExactly("DisconnectCustomKeyStore");
    }

    // ---- helpers ----

    private GuidedRun start(GuidedMode mode, KeyStoreChange change) {
        kms.answer(describe("CONNECTED", OLD_ENDPOINT));
        CustomKeyStore loaded = keyStores.describeNow(TestTargets.ref(ID));
        var run = GuidedChangeService.plan(TestTargets.ref(loaded.id()), loaded, change, mode, "CHG-9", "olivia", null,
                clock.instant());
        runs.create(run, "instance", clock.instant().plusSeconds(30));
        if (change instanceof XksChange xks && xks.credential() != null) {
            secrets.keep(run.id(), xks.credential().rawSecretAccessKey());
        }
        baseline = kms.requests().size();
        return run;
    }

    private int baseline;

    private GuidedRun runUntilDisconnected() {
        var run = start(GuidedMode.RECONNECT, endpointChange());
        kms.answer(describe("CONNECTED", OLD_ENDPOINT)).answer("{}").answer(describe("DISCONNECTED", OLD_ENDPOINT));
        engine.advance(run.id());
        engine.advance(run.id());
        assertThat(runs.find(run.id()).orElseThrow().currentStep().orElseThrow().name()).isEqualTo(StepName.UPDATE);
        return run;
    }

    private GuidedRun runUntilUpdated() {
        var run = runUntilDisconnected();
        kms.answer(describe("DISCONNECTED", OLD_ENDPOINT)).answer("{}");
        engine.advance(run.id());
        assertThat(runs.find(run.id()).orElseThrow().currentStep().orElseThrow().name()).isEqualTo(StepName.CONNECT);
        return run;
    }

    private GuidedRun runUntilConnecting() {
        var run = runUntilUpdated();
        kms.answer(describe("DISCONNECTED", NEW_ENDPOINT)).answer("{}").answer(describe("CONNECTING", NEW_ENDPOINT));
        engine.advance(run.id());
        assertThat(engine.advance(run.id())).contains(POLL);
        return run;
    }

    private void driveToTheEnd(GuidedRun run) {
        for (int step = 0; step < 50; step++) {
            Optional<Duration> next = engine.advance(run.id());
            if (next.isEmpty()) {
                return;
            }
        }
        throw new AssertionError("the run did not end");
    }

    /** The KMS operations sent after the run was created, Describe left out. */
    private List<String> targets() {
        return kms.requests()
            .stream()
            .skip(baseline)
            .map(request -> request.target().substring(request.target().indexOf('.') + 1))
            .filter(target -> !target.equals("DescribeCustomKeyStores"))
            .toList();
    }

    private static String describe(String state, String endpoint) {
        return CannedKms.page(null, CannedKms.entry(ID, "ekm-a", state, endpoint, PATH, null));
    }

    private static XksChange endpointChange() {
        return new XksChange(null, NEW_ENDPOINT, null, null, null, null, null);
    }

    private static XksChange credentialChange() {
        return new XksChange(null, NEW_ENDPOINT, null, null, null, null,
                new XksCredential("SANDBOXTENANTBKEYID234", Secret.of("0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=")));
    }

}
