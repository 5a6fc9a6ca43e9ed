package com.cksconsole.keystore.guided;

import java.time.Clock;

import org.springframework.stereotype.Component;

import com.cksconsole.keystore.ConnectionErrorExplanation;

/**
 * Waits for CONNECTING to end in CONNECTED (the run's last step: it ends the run) or
 * FAILED (the run stops and explains the connection error), asking KMS every poll
 * interval, for at most {@code console.guided.wait-for-connected}.
 */
@Component
final class WaitForConnectedStep implements Step {

    /** What the outcome names when FAILED comes without a ConnectionErrorCode. */
    static final String UNKNOWN_ERROR = "an unknown error";

    private final KeyStoreCalls calls;

    private final GuidedChangeProperties properties;

    private final Clock clock;

    WaitForConnectedStep(KeyStoreCalls calls, GuidedChangeProperties properties, Clock clock) {
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public StepName name() {
        return StepName.WAIT_FOR_CONNECTED;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        var waiting = step.status() == StepStatus.PENDING ? recorder.begin(run, step) : step;
        boolean updated = run.stepDone(StepName.UPDATE);
        var limit = properties.waitForConnected();
        var fresh = StepSupport.describe(calls, run, waiting);
        if (fresh instanceof StepSupport.NoStore none) {
            if (none.transientFailure() == null) {
                return none.outcome();
            }
            return StepSupport.timedOut(waiting, limit, clock)
                    ? StepSupport.stopWaiting(run, waiting, "CONNECTED", limit, null) : StepOutcome.Later.POLL;
        }
        var store = ((StepSupport.Store) fresh).store();
        var state = store.connectionState();
        return switch (state) {
            case CONNECTED -> {
                calls.forgetSnapshot(run.store());
                var end = updated
                        ? new StepOutcome.RunEnd(RunStatus.COMPLETED, Sentence.of("guided.run.completed"),
                                NextAction.NONE)
                        : new StepOutcome.RunEnd(RunStatus.CANCELLED, Sentence.of("guided.run.cancelledReconnected"),
                                NextAction.NONE);
                yield new StepOutcome.Done(waiting,
                        Sentence.of("guided.waitForConnected.done", StepSupport.took(waiting, clock)), end);
            }
            case CONNECTING -> StepSupport.timedOut(waiting, limit, clock)
                    ? StepSupport.stopWaiting(run, waiting, "CONNECTED", limit, store) : StepOutcome.Later.POLL;
            case FAILED -> {
                calls.forgetSnapshot(run.store());
                String reported = store.connectionErrorCode();
                String code = reported == null ? UNKNOWN_ERROR : reported;
                var explanation = ConnectionErrorExplanation.of(code, store.type());
                yield new StepOutcome.Stopped(waiting, Sentence.of("guided.waitForConnected.failed.detail", code),
                        Sentence.of(
                                updated ? "guided.waitForConnected.failed.outcome.updated"
                                        : "guided.waitForConnected.failed.outcome.notUpdated",
                                code, explanation.meaning(), explanation.fix()),
                        NextAction.DISCONNECT);
            }
            default -> new StepOutcome.Stopped(waiting,
                    Sentence.of("guided.waitForConnected.otherState.detail", String.valueOf(state)),
                    Sentence.of(
                            updated ? "guided.waitForConnected.otherState.outcome.updated"
                                    : "guided.waitForConnected.otherState.outcome.notUpdated",
                            String.valueOf(state), StepSupport.state(store)),
                    StepSupport.nextFor(store));
        };
    }

}
