package com.cksconsole.keystore.guided;

import static com.cksconsole.keystore.guided.StepKit.NEW_ENDPOINT;
import static com.cksconsole.keystore.guided.StepKit.OLD_ENDPOINT;
import static com.cksconsole.keystore.guided.StepKit.START;
import static com.cksconsole.keystore.guided.StepKit.failure;
import static com.cksconsole.keystore.guided.StepKit.pending;
import static com.cksconsole.keystore.guided.StepKit.run;
import static com.cksconsole.keystore.guided.StepKit.running;
import static com.cksconsole.keystore.guided.StepKit.store;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.guided.KeyStoreCalls.Accepted;
import com.cksconsole.keystore.guided.KeyStoreCalls.Busy;
import com.cksconsole.keystore.guided.KeyStoreCalls.Gone;
import com.cksconsole.keystore.guided.KeyStoreCalls.NotFound;
import com.cksconsole.keystore.guided.KeyStoreCalls.Refused;
import com.cksconsole.keystore.guided.KeyStoreCalls.Unanswered;
import com.cksconsole.kms.ConnectionState;

class DisconnectStepTest {

    private final StepKit kit = new StepKit();

    private final DisconnectStep step = new DisconnectStep(kit.calls, kit.secrets, StepKit.PROPERTIES);

    private final GuidedRun run = run(GuidedMode.RECONNECT);

    private StepOutcome take(GuidedRun run, GuidedStep current) {
        return step.take(run, current, kit.recorder);
    }

    private StepOutcome take() {
        return take(run, pending(run, StepName.DISCONNECT));
    }

    @Test
    void aCancelledRunEndsBeforeAnythingIsAskedOrSent() {
        var outcome = take(StepKit.requested(run, true, false), pending(run, StepName.DISCONNECT));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Ended.class, ended -> {
            assertThat(ended.end().status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(ended.end().next()).isEqualTo(NextAction.NONE);
            assertThat(kit.text(ended.end().outcome())).isEqualTo("Cancelled before anything was sent to KMS: the "
                    + "key store was not touched and is still CONNECTED.");
        });
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aRunThatLostItsSecretPausesWithNothingSent() {
        var withSecret = run(GuidedMode.RECONNECT, new XksChange(null, null, null, null, null, null,
                new XksCredential("AKIANEWEXAMPLEEXAMPL", Secret.of("a".repeat(43)))));

        var outcome = take(withSecret, pending(withSecret, StepName.DISCONNECT));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.NeedsSecret.class,
                paused -> assertThat(kit.text(paused.outcome()))
                    .startsWith("The console restarted before this change disconnected")
                    .contains("Give the " + withSecret.secretLabel() + " again to go on, or cancel."));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aRunWithItsSecretGoesOn() {
        var withSecret = run(GuidedMode.RECONNECT, new XksChange(null, null, null, null, null, null,
                new XksCredential("AKIANEWEXAMPLEEXAMPL", Secret.of("a".repeat(43)))));
        kit.secrets.keep(withSecret.id(), Secret.of("a".repeat(43)));
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(new Accepted(null));

        assertThat(take(withSecret, pending(withSecret, StepName.DISCONNECT))).isInstanceOf(StepOutcome.Done.class);
    }

    @Test
    void sendsTheDisconnectOnceTheStoreIsAsReviewed() {
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(new Accepted("req-1"));

        var outcome = take();

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> {
            assertThat(kit.text(done.detail())).isEqualTo("KMS accepted DisconnectCustomKeyStore (request ID req-1).");
            assertThat(done.step().status()).isEqualTo(StepStatus.RUNNING);
            assertThat(done.step().attempts()).isEqualTo(1);
            assertThat(done.then()).isNull();
        });
        assertThat(kit.recorder.begun).as("recorded as started before the call").isEqualTo(1);
        assertThat(kit.calls.sent).containsExactly("DisconnectCustomKeyStore");
    }

    @Test
    void aDisconnectWithoutRequestIdSaysSo() {
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(new Accepted(null));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail())).isEqualTo("KMS accepted DisconnectCustomKeyStore."));
    }

    @Test
    void aDisconnectSentBeforeARestartIsNotSentAgain() {
        kit.calls.describing(store(ConnectionState.DISCONNECTING, OLD_ENDPOINT));

        var outcome = take(run, running(run, StepName.DISCONNECT, START, 1));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> assertThat(kit.text(done.detail()))
            .isEqualTo("KMS had accepted the disconnect; the key store is DISCONNECTING."));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aStoreChangedSinceTheReviewStopsTheRunWithNothingSent() {
        kit.calls.describing(store(ConnectionState.CONNECTED, NEW_ENDPOINT));

        var outcome = take();

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("The key store's settings changed since the change was reviewed.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("Someone changed the key store since this change was "
                    + "reviewed, so nothing was sent to KMS. The key store is CONNECTED: its KMS keys can be used. "
                    + "Review the key store again and make the change anew.");
            assertThat(stopped.next()).isEqualTo(NextAction.NONE);
        });
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aStoreNoLongerConnectedStopsTheRunWithTheWayOut() {
        kit.calls.describing(store(ConnectionState.FAILED, OLD_ENDPOINT, "NETWORK_ERRORS"));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail())).isEqualTo("The key store is FAILED, not CONNECTED as reviewed.");
            assertThat(stopped.next()).isEqualTo(NextAction.DISCONNECT);
        });
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aRefusedDisconnectOfAStoreThatIsDisconnectingAnywayIsDone() {
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT))
            .answering(new Refused(failure(KmsFailureKind.REFUSED, "CustomKeyStoreInvalidStateException"),
                    store(ConnectionState.DISCONNECTING, OLD_ENDPOINT), "Someone else disconnected it."));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail())).isEqualTo("The key store is DISCONNECTING."));
    }

    @Test
    void throttlingIsTriedAgainUntilTheLastAttempt() {
        var throttled = new Refused(failure(KmsFailureKind.THROTTLED, "ThrottlingException"), null, "KMS throttled.");
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(throttled);

        var first = take();

        assertThat(first).isInstanceOfSatisfying(StepOutcome.Later.class, later -> {
            assertThat(later.note()).isNotNull();
            assertThat(kit.text(later.note())).isEqualTo("Attempt 1: ThrottlingException; trying again.");
        });

        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT));
        var last = take(run, running(run, StepName.DISCONNECT, START, StepKit.PROPERTIES.callAttempts() - 1));

        assertThat(last).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("KMS did not disconnect the key store: " + "ThrottlingException.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("KMS throttled. Nothing was updated.");
            assertThat(stopped.next()).as("the state after the failure is unknown").isEqualTo(NextAction.WAIT);
            assertThat(stopped.step().attempts()).isEqualTo(StepKit.PROPERTIES.callAttempts());
        });
    }

    @Test
    void aStoreHeldByAnotherChangeOrGoneStopsTheRun() {
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(new Busy());
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.outcome()))
                .isEqualTo("Another change holds this key store, so this one " + "stopped.");
            assertThat(stopped.next()).isEqualTo(NextAction.WAIT);
        });

        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT)).answering(new Gone());
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.outcome())).isEqualTo("The key store no longer exists in KMS.");
            assertThat(stopped.next()).isEqualTo(NextAction.NONE);
        });
    }

    @Test
    void aDescribeThatFailsBrieflyIsTriedLaterAndOneThatKmsRefusesStopsTheRun() {
        kit.calls.describing(new Unanswered(failure(KmsFailureKind.TIMED_OUT, "TimedOut")));
        assertThat(take()).isEqualTo(StepOutcome.Later.POLL);

        kit.calls.describing(new Unanswered(failure(KmsFailureKind.REFUSED, "AccessDeniedException")));
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.outcome())).isEqualTo("KMS could not be asked for the key store's state "
                    + "(AccessDeniedException), so the change stopped here. Check the key store's state on its page.");
            assertThat(stopped.next()).isEqualTo(NextAction.WAIT);
        });

        kit.calls.describing(new NotFound());
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(kit.text(stopped.detail())).isEqualTo("The key store no longer exists."));
        assertThat(kit.calls.sent).isEmpty();
    }

}
