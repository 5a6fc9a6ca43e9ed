package com.cksconsole.keystore.guided;

import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.SecretSealing;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * Fakes of a step's collaborators and runs in given states, for the unit tests of each
 * {@link Step}.
 */
final class StepKit {

    static final String ID = "cks-2d9c6a1f8e4b7035c";
    static final String OLD_ENDPOINT = "https://xks-public.sandbox.example.com";
    static final String NEW_ENDPOINT = "https://xks-lab.sandbox.example.com";
    static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    static final GuidedChangeProperties PROPERTIES = new GuidedChangeProperties(Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofSeconds(2), Duration.ofSeconds(15), Duration.ofSeconds(30), 3);

    final MutableClock clock = new MutableClock(START);

    final FakeCalls calls = new FakeCalls();

    final FakeRecorder recorder = new FakeRecorder();

    /**
     * Memory only (no key-encryption key): the steps' tests give and take the secret
     * through memory; sealing is tested with a database in
     * {@code GuidedRunSealedSecretTest}.
     */
    final RunSecrets secrets = new RunSecrets(SecretSealing.NONE, mock(GuidedRunRepository.class));

    private final Sentences sentences = GuidedEngines.sentences();

    String text(Sentence sentence) {
        return sentences.render(sentence);
    }

    static CustomKeyStore store(ConnectionState state, String endpoint) {
        return store(state, endpoint, null);
    }

    static CustomKeyStore store(ConnectionState state, String endpoint, @Nullable String errorCode) {
        return new CustomKeyStore(ID, "payments-xks", KeyStoreType.EXTERNAL_KEY_STORE, state, errorCode, START, null,
                null, new XksProxySettings(XksConnectivity.PUBLIC_ENDPOINT, endpoint, "/tenant-a/kms/xks/v1",
                        "AKIAEXAMPLEEXAMPLE00", null, null));
    }

    static XksChange endpointChange() {
        return new XksChange(null, NEW_ENDPOINT, null, null, null, null, null);
    }

    /** A planned run of {@code change} of the CONNECTED store with the old endpoint. */
    static GuidedRun run(GuidedMode mode, KeyStoreChange change) {
        var store = store(ConnectionState.CONNECTED, OLD_ENDPOINT);
        return GuidedChangeService.plan(TestTargets.ref(store.id()), store, change, mode, "CHG-1", "olivia", null,
                START);
    }

    static GuidedRun run(GuidedMode mode) {
        return run(mode, endpointChange());
    }

    /** The run with an operator's requests recorded. */
    static GuidedRun requested(GuidedRun run, boolean cancel, boolean leaveDisconnected) {
        return new GuidedRun(run.id(), run.store(), run.storeName(), run.storeType(), run.mode(), run.status(),
                run.change(), run.settingsFingerprint(), run.startedBy(), run.reason(), cancel, run.updateStarted(),
                leaveDisconnected, run.connectStarted(), run.outcome(), run.nextAction(), run.createdAt(),
                run.updatedAt(), run.finishedAt(), run.steps());
    }

    /** The run with every step before {@code name} done. */
    static GuidedRun doneUntil(GuidedRun run, StepName name) {
        var steps = new ArrayList<GuidedStep>();
        for (var step : run.steps()) {
            boolean before = step.name() != StepName.PREFLIGHT && step.name().ordinal() < name.ordinal();
            steps.add(before ? step.with(StepStatus.DONE, START, START, 1, "done") : step);
        }
        return new GuidedRun(run.id(), run.store(), run.storeName(), run.storeType(), run.mode(), run.status(),
                run.change(), run.settingsFingerprint(), run.startedBy(), run.reason(), run.cancelRequested(),
                run.updateStarted(), run.leaveDisconnectedRequested(), run.connectStarted(), run.outcome(),
                run.nextAction(), run.createdAt(), run.updatedAt(), run.finishedAt(), steps);
    }

    /** The run with {@code name} skipped (a cancel skipped the update). */
    static GuidedRun skipped(GuidedRun run, StepName name) {
        var steps = new ArrayList<GuidedStep>();
        for (var step : run.steps()) {
            steps.add(step.name() == name ? step.with(StepStatus.SKIPPED, null, START, 0, "skipped") : step);
        }
        return new GuidedRun(run.id(), run.store(), run.storeName(), run.storeType(), run.mode(), run.status(),
                run.change(), run.settingsFingerprint(), run.startedBy(), run.reason(), run.cancelRequested(),
                run.updateStarted(), run.leaveDisconnectedRequested(), run.connectStarted(), run.outcome(),
                run.nextAction(), run.createdAt(), run.updatedAt(), run.finishedAt(), steps);
    }

    static GuidedStep pending(GuidedRun run, StepName name) {
        return run.step(name).orElseThrow();
    }

    /**
     * The step as recorded RUNNING since {@code startedAt} after {@code attempts}
     * attempts.
     */
    static GuidedStep running(GuidedRun run, StepName name, Instant startedAt, int attempts) {
        return run.step(name).orElseThrow().with(StepStatus.RUNNING, startedAt, null, attempts, null);
    }

    static KmsFailure failure(KmsFailureKind kind, String code) {
        return new KmsFailure(kind, code, null);
    }

    /**
     * Answers Describe and the KMS calls from what the test set; records what was sent.
     */
    static final class FakeCalls implements KeyStoreCalls {

        private final Deque<Described> described = new ArrayDeque<>();

        private @Nullable CallResult next;

        final List<String> sent = new ArrayList<>();

        int snapshotsForgotten;

        FakeCalls describing(CustomKeyStore store) {
            described.add(new Seen(store));
            return this;
        }

        FakeCalls describing(Described result) {
            described.add(result);
            return this;
        }

        FakeCalls answering(CallResult result) {
            next = result;
            return this;
        }

        @Override
        public Described describe(KeyStoreRef store) {
            var result = described.poll();
            if (result == null) {
                throw new AssertionError("Describe was not expected");
            }
            return result;
        }

        @Override
        public CallResult disconnect(KeyStoreRef store, String actor, String runId) {
            return send("DisconnectCustomKeyStore");
        }

        @Override
        public CallResult connect(KeyStoreRef store, String actor, String runId) {
            return send("ConnectCustomKeyStore");
        }

        @Override
        public CallResult update(KeyStoreRef ref, CustomKeyStore before, String runId, String actor,
                KeyStoreChange change, @Nullable String reason) {
            return send("UpdateCustomKeyStore");
        }

        private CallResult send(String operation) {
            sent.add(operation);
            var result = next;
            if (result == null) {
                throw new AssertionError(operation + " was not expected");
            }
            return result;
        }

        @Override
        public void forgetSnapshot(KeyStoreRef store) {
            snapshotsForgotten++;
        }

    }

    /**
     * Records as the engine does (RUNNING, one more attempt), in memory; may lose the
     * race to a request.
     */
    final class FakeRecorder implements StepRecorder {

        int begun;

        boolean requestCameFirst;

        @Override
        public GuidedStep begin(GuidedRun run, GuidedStep step) {
            begun++;
            return step.with(StepStatus.RUNNING, step.startedAt() == null ? clock.instant() : step.startedAt(), null,
                    step.attempts() + 1, step.detail());
        }

        @Override
        public boolean markUpdateStarted(GuidedRun run) {
            return !requestCameFirst;
        }

        @Override
        public boolean markConnectStarted(GuidedRun run) {
            return !requestCameFirst;
        }

    }

}
