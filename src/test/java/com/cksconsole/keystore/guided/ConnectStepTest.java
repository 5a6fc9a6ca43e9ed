package com.cksconsole.keystore.guided;

import static com.cksconsole.keystore.guided.StepKit.NEW_ENDPOINT;
import static com.cksconsole.keystore.guided.StepKit.START;
import static com.cksconsole.keystore.guided.StepKit.failure;
import static com.cksconsole.keystore.guided.StepKit.pending;
import static com.cksconsole.keystore.guided.StepKit.run;
import static com.cksconsole.keystore.guided.StepKit.running;
import static com.cksconsole.keystore.guided.StepKit.store;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.guided.KeyStoreCalls.Accepted;
import com.cksconsole.keystore.guided.KeyStoreCalls.Busy;
import com.cksconsole.keystore.guided.KeyStoreCalls.Refused;
import com.cksconsole.kms.ConnectionState;

class ConnectStepTest {

    private final StepKit kit = new StepKit();

    private final ConnectStep step = new ConnectStep(kit.calls, StepKit.PROPERTIES);

    /** Disconnected and updated. */
    private final GuidedRun updated = StepKit.doneUntil(run(GuidedMode.RECONNECT), StepName.CONNECT);

    /** Disconnected, update skipped after a cancel. */
    private final GuidedRun cancelled = StepKit.skipped(
            StepKit.requested(StepKit.doneUntil(run(GuidedMode.RECONNECT), StepName.UPDATE), true, false),
            StepName.UPDATE);

    private StepOutcome take(GuidedRun run) {
        return step.take(run, pending(run, StepName.CONNECT), kit.recorder);
    }

    @Test
    void leavingTheStoreDisconnectedEndsTheRunAsItsUpdateLeftIt() {
        assertThat(take(StepKit.requested(updated, false, true))).isInstanceOfSatisfying(StepOutcome.Ended.class,
                ended -> {
                    assertThat(ended.end().status()).isEqualTo(RunStatus.COMPLETED);
                    assertThat(ended.end().next()).isEqualTo(NextAction.CONNECT);
                    assertThat(kit.text(ended.end().outcome())).isEqualTo("The update was applied and, as asked, the "
                            + "key store was left DISCONNECTED. Its KMS keys cannot be used until it is connected.");
                });
        assertThat(take(StepKit.requested(cancelled, true, true))).isInstanceOfSatisfying(StepOutcome.Ended.class,
                ended -> assertThat(ended.end().status()).isEqualTo(RunStatus.CANCELLED));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void sendsTheConnectToTheDisconnectedStore() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT)).answering(new Accepted("req-3"));

        assertThat(take(updated)).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail()))
                    .isEqualTo("KMS accepted ConnectCustomKeyStore (request ID req-3)."));
        assertThat(kit.recorder.begun).isEqualTo(1);
        assertThat(kit.calls.sent).containsExactly("ConnectCustomKeyStore");
    }

    @Test
    void aConnectSentBeforeARestartIsNotSentAgain() {
        kit.calls.describing(store(ConnectionState.CONNECTING, NEW_ENDPOINT));

        var outcome = step.take(updated, running(updated, StepName.CONNECT, START, 1), kit.recorder);

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> assertThat(kit.text(done.detail()))
            .isEqualTo("KMS had accepted the connect; the key store is CONNECTING."));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aStoreNotDisconnectedIsNotConnected() {
        kit.calls.describing(store(ConnectionState.FAILED, NEW_ENDPOINT, "NETWORK_ERRORS"));
        assertThat(take(updated)).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.outcome())).isEqualTo("The update was applied, but the key store is FAILED "
                    + "instead of DISCONNECTED, so the console did not connect it. The key store is FAILED: "
                    + "disconnect it (the way out of FAILED), fix the cause, then connect it.");
            assertThat(stopped.next()).isEqualTo(NextAction.DISCONNECT);
        });

        kit.calls.describing(store(ConnectionState.CONNECTED, StepKit.OLD_ENDPOINT));
        assertThat(take(cancelled)).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(kit.text(stopped.outcome()))
                    .startsWith("Nothing was updated, and the key store is CONNECTED"));
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aLeaveDisconnectedThatCameFirstIsCarriedOutByTakingTheStepAgain() {
        kit.recorder.requestCameFirst = true;
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT));

        assertThat(take(updated)).isInstanceOf(StepOutcome.Again.class);
        assertThat(kit.calls.sent).isEmpty();
    }

    @Test
    void aRefusedConnectOfAStoreThatIsConnectingAnywayIsDone() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT))
            .answering(new Refused(failure(KmsFailureKind.REFUSED, "CustomKeyStoreInvalidStateException"),
                    store(ConnectionState.CONNECTED, NEW_ENDPOINT), "Someone else connected it."));

        assertThat(take(updated)).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail())).isEqualTo("The key store is CONNECTED."));
    }

    @Test
    void aRefusedConnectStopsTheRunWithKeystoreExplanation() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT))
            .answering(new Refused(failure(KmsFailureKind.REFUSED, "CustomKeyStoreInvalidStateException"),
                    store(ConnectionState.DISCONNECTED, NEW_ENDPOINT), "KMS did not allow it in this state."));

        assertThat(take(updated)).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("KMS did not connect the key store: CustomKeyStoreInvalidStateException.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("The update was applied, but KMS did not connect the "
                    + "key store. KMS did not allow it in this state.");
            assertThat(stopped.next()).isEqualTo(NextAction.CONNECT);
        });
    }

    @Test
    void aStoreHeldByAnotherChangeStopsTheRun() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT)).answering(new Busy());

        assertThat(take(updated)).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(stopped.next()).isEqualTo(NextAction.WAIT));
    }

}
