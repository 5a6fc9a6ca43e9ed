package com.cksconsole.keystore.guided;

import static com.cksconsole.keystore.guided.StepKit.NEW_ENDPOINT;
import static com.cksconsole.keystore.guided.StepKit.START;
import static com.cksconsole.keystore.guided.StepKit.run;
import static com.cksconsole.keystore.guided.StepKit.running;
import static com.cksconsole.keystore.guided.StepKit.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.ConnectionErrorExplanation;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

class WaitForConnectedStepTest {

    private static final Duration LIMIT = StepKit.PROPERTIES.waitForConnected();

    private final StepKit kit = new StepKit();

    private final WaitForConnectedStep step = new WaitForConnectedStep(kit.calls, StepKit.PROPERTIES, kit.clock);

    private final GuidedRun updated = StepKit.doneUntil(run(GuidedMode.RECONNECT), StepName.WAIT_FOR_CONNECTED);

    private final GuidedRun cancelled = StepKit.skipped(updated, StepName.UPDATE);

    private StepOutcome takeAfter(GuidedRun run, Duration waited) {
        kit.clock.advance(waited);
        return step.take(run, running(run, StepName.WAIT_FOR_CONNECTED, START, 1), kit.recorder);
    }

    @Test
    void connectedEndsTheRunCompletedAfterItsUpdate() {
        kit.calls.describing(store(ConnectionState.CONNECTED, NEW_ENDPOINT));

        assertThat(takeAfter(updated, Duration.ofSeconds(3))).isInstanceOfSatisfying(StepOutcome.Done.class, done -> {
            assertThat(kit.text(done.detail())).isEqualTo("CONNECTED after 3.0 s.");
            assertThat(done.then()).isNotNull();
            assertThat(done.then().status()).isEqualTo(RunStatus.COMPLETED);
            assertThat(done.then().next()).isEqualTo(NextAction.NONE);
            assertThat(kit.text(done.then().outcome())).isEqualTo("The update was applied and the key store is "
                    + "CONNECTED again with its new settings. Changes can take up to five minutes to take full "
                    + "effect in KMS.");
        });
        assertThat(kit.calls.snapshotsForgotten).isEqualTo(1);
    }

    @Test
    void connectedEndsACancelledRunCancelled() {
        kit.calls.describing(store(ConnectionState.CONNECTED, StepKit.OLD_ENDPOINT));

        assertThat(takeAfter(cancelled, Duration.ofSeconds(3))).isInstanceOfSatisfying(StepOutcome.Done.class, done -> {
            assertThat(done.then()).isNotNull();
            assertThat(done.then().status()).isEqualTo(RunStatus.CANCELLED);
        });
    }

    @Test
    void keepsWaitingWhileConnectingUntilItsConfiguredTime() {
        kit.calls.describing(store(ConnectionState.CONNECTING, NEW_ENDPOINT));
        assertThat(takeAfter(updated, LIMIT)).isEqualTo(StepOutcome.Later.POLL);

        kit.calls.describing(store(ConnectionState.CONNECTING, NEW_ENDPOINT));
        assertThat(takeAfter(updated, Duration.ofMillis(1))).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> {
                    assertThat(kit.text(stopped.detail())).isEqualTo("Not CONNECTED after 2 minutes.");
                    assertThat(kit.text(stopped.outcome())).isEqualTo("The key store was not CONNECTED after 2 "
                            + "minutes (console.guided.wait-for-connected), so the change stopped waiting. It is "
                            + "still CONNECTING. The update was applied. KMS goes on by itself: look at the key store "
                            + "again in a while.");
                    assertThat(stopped.next()).isEqualTo(NextAction.WAIT);
                });
    }

    @Test
    void failedStopsTheRunWithWhatTheErrorMeansAndTheWayOut() {
        kit.calls.describing(store(ConnectionState.FAILED, NEW_ENDPOINT, "XKS_PROXY_TIMED_OUT"));
        var explanation = ConnectionErrorExplanation.of("XKS_PROXY_TIMED_OUT", KeyStoreType.EXTERNAL_KEY_STORE);

        assertThat(takeAfter(updated, Duration.ofSeconds(30))).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> {
                    assertThat(kit.text(stopped.detail())).isEqualTo("The connection failed with XKS_PROXY_TIMED_OUT.");
                    assertThat(kit.text(stopped.outcome())).isEqualTo("The update was applied, but the connection "
                            + "failed with XKS_PROXY_TIMED_OUT: " + explanation.meaning() + " The key store is FAILED, "
                            + "and its KMS keys cannot be used. What to do: " + explanation.fix());
                    assertThat(stopped.next()).isEqualTo(NextAction.DISCONNECT);
                });
        assertThat(kit.calls.snapshotsForgotten).isEqualTo(1);
    }

    @Test
    void failedWithoutAnErrorCodeSaysSo() {
        kit.calls.describing(store(ConnectionState.FAILED, StepKit.OLD_ENDPOINT));

        assertThat(takeAfter(cancelled, Duration.ofSeconds(30))).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(kit.text(stopped.outcome())).startsWith(
                        "Nothing was changed, but connecting " + "the key store again failed with an unknown error: "));
    }

    @Test
    void anotherStateMeansSomeoneElseIsChangingTheStore() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, NEW_ENDPOINT));

        assertThat(takeAfter(updated, Duration.ofSeconds(30))).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> {
                    assertThat(kit.text(stopped.outcome())).isEqualTo("The update was applied, but while the console "
                            + "waited for the key store to connect, it became DISCONNECTED: someone else is changing "
                            + "it. The key store is DISCONNECTED: its KMS keys cannot be used until it is connected "
                            + "again.");
                    assertThat(stopped.next()).isEqualTo(NextAction.CONNECT);
                });
    }

}
