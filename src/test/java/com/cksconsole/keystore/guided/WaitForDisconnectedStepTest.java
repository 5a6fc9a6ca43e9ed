package com.cksconsole.keystore.guided;

import static com.cksconsole.keystore.guided.StepKit.OLD_ENDPOINT;
import static com.cksconsole.keystore.guided.StepKit.START;
import static com.cksconsole.keystore.guided.StepKit.failure;
import static com.cksconsole.keystore.guided.StepKit.pending;
import static com.cksconsole.keystore.guided.StepKit.run;
import static com.cksconsole.keystore.guided.StepKit.running;
import static com.cksconsole.keystore.guided.StepKit.store;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.guided.KeyStoreCalls.Unanswered;
import com.cksconsole.kms.ConnectionState;

class WaitForDisconnectedStepTest {

    private static final Duration LIMIT = StepKit.PROPERTIES.waitForDisconnected();

    private final StepKit kit = new StepKit();

    private final WaitForDisconnectedStep step = new WaitForDisconnectedStep(kit.calls, StepKit.PROPERTIES, kit.clock);

    private final GuidedRun run = StepKit.doneUntil(run(GuidedMode.RECONNECT), StepName.WAIT_FOR_DISCONNECTED);

    private StepOutcome takeAfter(Duration waited) {
        kit.clock.advance(waited);
        return step.take(run, running(run, StepName.WAIT_FOR_DISCONNECTED, START, 1), kit.recorder);
    }

    @Test
    void startsWaitingAndPollsWhileDisconnecting() {
        kit.calls.describing(store(ConnectionState.DISCONNECTING, OLD_ENDPOINT));

        var outcome = step.take(run, pending(run, StepName.WAIT_FOR_DISCONNECTED), kit.recorder);

        assertThat(outcome).isEqualTo(StepOutcome.Later.POLL);
        assertThat(kit.recorder.begun).as("the wait starts when first taken").isEqualTo(1);
    }

    @Test
    void isDoneWhenDisconnectedAndSaysHowLongItTook() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));

        assertThat(takeAfter(Duration.ofMillis(4_250))).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail())).isEqualTo("DISCONNECTED after 4.3 s."));
        assertThat(kit.calls.snapshotsForgotten).isEqualTo(1);
        assertThat(kit.recorder.begun).isZero();
    }

    @Test
    void aLongWaitIsToldInMinutesAndSeconds() {
        kit.calls.describing(store(ConnectionState.DISCONNECTED, OLD_ENDPOINT));

        assertThat(takeAfter(Duration.ofSeconds(65))).isInstanceOfSatisfying(StepOutcome.Done.class,
                done -> assertThat(kit.text(done.detail())).isEqualTo("DISCONNECTED after 1 min 5 s."));
    }

    @Test
    void keepsWaitingUntilItsConfiguredTimeAndStopsJustAfter() {
        kit.calls.describing(store(ConnectionState.DISCONNECTING, OLD_ENDPOINT));
        assertThat(takeAfter(LIMIT)).as("at the limit").isEqualTo(StepOutcome.Later.POLL);

        kit.calls.describing(store(ConnectionState.DISCONNECTING, OLD_ENDPOINT));
        assertThat(takeAfter(Duration.ofMillis(1))).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail())).isEqualTo("Not DISCONNECTED after 1 minutes.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("The key store was not DISCONNECTED after 1 minutes "
                    + "(console.guided.wait-for-disconnected), so the change stopped waiting. It is still "
                    + "DISCONNECTING. Nothing was updated. KMS goes on by itself: look at the key store again in a "
                    + "while.");
            assertThat(stopped.next()).isEqualTo(NextAction.WAIT);
        });
    }

    @Test
    void aDescribeThatFailsBrieflyIsWaitedOutUntilTheLimit() {
        kit.calls.describing(new Unanswered(failure(KmsFailureKind.THROTTLED, "ThrottlingException")));
        assertThat(takeAfter(Duration.ofSeconds(10))).isEqualTo(StepOutcome.Later.POLL);

        kit.calls.describing(new Unanswered(failure(KmsFailureKind.THROTTLED, "ThrottlingException")));
        assertThat(takeAfter(LIMIT)).isInstanceOfSatisfying(StepOutcome.Stopped.class,
                stopped -> assertThat(kit.text(stopped.outcome()))
                    .contains("KMS could not be asked for its state just now."));
    }

    @Test
    void anotherStateMeansSomeoneElseIsChangingTheStore() {
        kit.calls.describing(store(ConnectionState.CONNECTING, OLD_ENDPOINT));

        assertThat(takeAfter(Duration.ofSeconds(5))).isInstanceOfSatisfying(StepOutcome.Stopped.class, stopped -> {
            assertThat(kit.text(stopped.detail()))
                .isEqualTo("The key store became CONNECTING while the console waited for DISCONNECTED.");
            assertThat(kit.text(stopped.outcome())).isEqualTo("While the console waited for the key store to be "
                    + "DISCONNECTED, it became CONNECTING: someone else is changing it. Nothing was updated. The key "
                    + "store is CONNECTING: KMS is still moving it; look again in a while.");
            assertThat(stopped.next()).isEqualTo(NextAction.WAIT);
        });
    }

}
