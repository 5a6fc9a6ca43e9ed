package com.cksconsole.keystore.guided;

import java.time.Clock;

import org.springframework.stereotype.Component;

/**
 * Waits for DISCONNECTING to end in DISCONNECTED, asking KMS every poll interval, for at
 * most {@code console.guided.wait-for-disconnected}. Any other state means someone else
 * is changing the store.
 */
@Component
final class WaitForDisconnectedStep implements Step {

    private final KeyStoreCalls calls;

    private final GuidedChangeProperties properties;

    private final Clock clock;

    WaitForDisconnectedStep(KeyStoreCalls calls, GuidedChangeProperties properties, Clock clock) {
        this.calls = calls;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public StepName name() {
        return StepName.WAIT_FOR_DISCONNECTED;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        var waiting = step.status() == StepStatus.PENDING ? recorder.begin(run, step) : step;
        var limit = properties.waitForDisconnected();
        var fresh = StepSupport.describe(calls, run, waiting);
        if (fresh instanceof StepSupport.NoStore none) {
            if (none.transientFailure() == null) {
                return none.outcome();
            }
            return StepSupport.timedOut(waiting, limit, clock)
                    ? StepSupport.stopWaiting(run, waiting, "DISCONNECTED", limit, null) : StepOutcome.Later.POLL;
        }
        var store = ((StepSupport.Store) fresh).store();
        return switch (store.connectionState()) {
            case DISCONNECTED -> {
                calls.forgetSnapshot(run.store());
                yield new StepOutcome.Done(waiting,
                        Sentence.of("guided.waitForDisconnected.done", StepSupport.took(waiting, clock)));
            }
            case DISCONNECTING -> StepSupport.timedOut(waiting, limit, clock)
                    ? StepSupport.stopWaiting(run, waiting, "DISCONNECTED", limit, store) : StepOutcome.Later.POLL;
            default -> new StepOutcome.Stopped(waiting,
                    Sentence.of("guided.waitForDisconnected.otherState.detail",
                            String.valueOf(store.connectionState())),
                    Sentence.of("guided.waitForDisconnected.otherState.outcome",
                            String.valueOf(store.connectionState()), StepSupport.state(store)),
                    StepSupport.nextFor(store));
        };
    }

}
