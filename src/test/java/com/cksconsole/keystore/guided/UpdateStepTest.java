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

import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.keystore.guided.KeyStoreCalls.Accepted;
import com.cksconsole.keystore.guided.KeyStoreCalls.AuditUnavailable;
import com.cksconsole.keystore.guided.KeyStoreCalls.Refused;
import com.cksconsole.kms.ConnectionState;

class UpdateStepTest {

    private static final String NEW_SECRET = "b".repeat(43);

    private final StepKit kit = new StepKit();

    private final UpdateStep step = new UpdateStep(kit.calls, new UpdatePolicy(false), kit.secrets, StepKit.PROPERTIES);

    private final GuidedRun run = StepKit.doneUntil(run(GuidedMode.RECONNECT), StepName.UPDATE);

    private StepOutcome take(GuidedRun run, GuidedStep current) {
        return step.take(run, current, kit.recorder);
    }

    private StepOutcome take() {
        return take(run, pending(run, StepName.UPDATE));
    }

    private GuidedRun withSecret(GuidedMode mode) {
        return StepKit
            .doneUntil(
                    run(mode,
                            new XksChange(null, null, null, null, null, null,
                                    new XksCredential("AKIANEWEXAMPLEEXAMPL", Secret.of(NEW_SECRET)))),
                    StepName.UPDATE);
    }

    @Test
    void aCancelBeforeTheUpdateSkipsItAndReconnects() {
        var outcome = take(StepKit.requested(run, true, false), pending(run, StepName.UPDATE));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Skipped.class, skipped -> {
            assertThat(kit.text(skipped.detail())).isEqualTo("Cancelled by an operator before the update was sent.");
            assertThat(skipped.then()).as("the connect step follows").isNull();
        });
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aCancelOfARunThatLeavesTheStoreDisconnectedEndsIt() {
        var leaving = StepKit.doneUntil(run(GuidedMode.LEAVE_DISCONNECTED), StepName.UPDATE);

        var outcome = take(StepKit.requested(leaving, true, false), pending(leaving, StepName.UPDATE));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Skipped.class, skipped -> {
            assertThat(skipped.then()).isNotNull();
            assertThat(skipped.then().status()).isEqualTo(RunStatus.CANCELLED);
            assertThat(skipped.then().next()).isEqualTo(NextAction.CONNECT);
            assertThat(kit.text(skipped.then().outcome())).isEqualTo("Cancelled before the update: nothing was "
                    + "changed. The key store is DISCONNECTED with its old settings, and its KMS keys cannot be used "
                    + "until it is connected again.");
        });
    }

    @Test
    void sendsTheUpdateToTheDisconnectedStoreAndForgetsTheSecret() {
        var secretRun = withSecret(GuidedMode.RECONNECT);
        kit.secrets.keep(secretRun.id(), Secret.of(NEW_SECRET));
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT)).answering(new Accepted("req-7"));

        var outcome = take(secretRun, pending(secretRun, StepName.UPDATE));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> assertThat(kit.text(done.detail()))
            .isEqualTo("KMS accepted UpdateCustomKeyStore (request ID req-7)."));
        assertThat(kit.calls.sent).containsExactly("UpdateCustomKeyStore");
        assertThat(kit.recorder.begun).isEqualTo(1);
        assertThat(kit.secrets.get(secretRun.id())).isEmpty();
    }

    @Test
    void anUpdateSentBeforeARestartIsRecognisedByItsNewValues() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT));

        var outcome = take(run, running(run, StepName.UPDATE, START, 1));

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> assertThat(kit.text(done.detail()))
            .isEqualTo("KMS had applied the update; Describe shows the new values."));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aRunThatLostItsSecretPausesAndSaysWhatCancelWouldDo() {
        var reconnecting = withSecret(GuidedMode.RECONNECT);
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));
        assertThat(take(reconnecting, pending(reconnecting, StepName.UPDATE))).isInstanceOfSatisfying(
                StepOutcome.NeedsSecret.class,
                paused -> assertThat(kit.text(paused.outcome()))
                    .contains("the key store is DISCONNECTED with its old settings")
                    .endsWith("or cancel (the console then connects it again with its old settings)."));

        var leaving = withSecret(GuidedMode.LEAVE_DISCONNECTED);
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));
        assertThat(take(leaving, pending(leaving, StepName.UPDATE)))
            .isInstanceOfSatisfying(StepOutcome.NeedsSecret.class, paused -> assertThat(kit.text(paused.outcome()))
                .endsWith("or cancel (the console then leaves it disconnected)."));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aStoreNotDisconnectedOrChangedMeanwhileGetsNoUpdate() {
        kit.calls.describing(store(ConnectionState.CONNECTED, OLD_ENDPOINT));
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail())).isEqualTo("The key store is CONNECTED, not DISCONNECTED.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("The key store is CONNECTED instead of DISCONNECTED, "
                    + "so the update was not sent. The key store is CONNECTED: its KMS keys can be used.");
            assertThat(stopped.next()).isEqualTo(NextAction.NONE);
        });

        kit.calls.describing(store(ConnectionState.DISCONNECTED, "https://elsewhere.example.com"));
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("The key store's settings changed while it was disconnected.");
            assertThat(stopped.next()).isEqualTo(NextAction.CONNECT);
        });
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aCancelThatCameFirstIsCarriedOutByTakingTheStepAgain() {
        kit.recorder.requestCameFirst = true;
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));

        assertThat(take()).isInstanceOf(StepOutcome.Again.class);
        assertThat(kit.calls.sent).isEmpty();
        assertThat(kit.recorder.begun).isZero();
    }

    @Test
    void anAuditLogThatCannotRecordIsTriedAgainThenStopsTheRunWithNothingSent() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT)).answering(new AuditUnavailable());
        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Later.class,
                later -> assertThat(kit.text(java.util.Objects.requireNonNull(later.note())))
                    .isEqualTo("Attempt 1: the audit log could not record "
                            + "the update, so it was not sent; trying again."));

        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));
        var last = take(run, running(run, StepName.UPDATE, START, StepKit.PROPERTIES.callAttempts() - 1));
        assertThat(last).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("The audit log could not record the update, so it was not sent.");
            assertThat(stopped.next()).isEqualTo(NextAction.CONNECT);
        });
    }

    @Test
    void aRefusedUpdateSaysWhyInWordsAndNamesTheErrorAndRequest() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT))
            .answering(new Refused(new KmsFailure(KmsFailureKind.REFUSED, "XksProxyUriInUseException", "req-9"), null,
                    ""));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail())).isEqualTo("KMS refused the update: another external key store "
                    + "already uses this endpoint and path (XksProxyUriInUseException, request ID req-9).");
            assertThat(kit.text(stopped.outcome())).isEqualTo("KMS refused the update: another external key store "
                    + "already uses this endpoint and path (XksProxyUriInUseException, request ID req-9). Nothing was "
                    + "changed: the key store is DISCONNECTED with its old settings, and its KMS keys cannot be used "
                    + "until it is connected again. Next: connect it again with its old settings, or correct the "
                    + "value and make the change anew.");
            assertThat(stopped.next()).isEqualTo(NextAction.CONNECT);
        });
    }

    @Test
    void anErrorWithoutItsOwnWordsIsNamedAsKmsAnsweredIt() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT))
            .answering(new Refused(failure(KmsFailureKind.REFUSED, "SomeNewException"), null, ""));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(kit.text(stopped.detail()))
                    .isEqualTo("KMS refused the update: KMS answered SomeNewException " + "(SomeNewException)."));
    }

    @Test
    void aThrottledUpdateIsTriedAgain() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT))
            .answering(new Refused(failure(KmsFailureKind.THROTTLED, "ThrottlingException"), null, ""));

        assertThat(take()).isInstanceOfSatisfying(StepOutcome.Later.class,
                later -> assertThat(later.step()).isNotNull());
    }

}
