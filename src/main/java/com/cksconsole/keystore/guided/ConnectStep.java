package com.cksconsole.keystore.guided;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.ConnectionState;

/**
 * Sends ConnectCustomKeyStore to the DISCONNECTED store (reconnecting runs only), with
 * its new settings after the update or its old ones after a cancel. Until the connect has
 * started an operator may ask to leave the store disconnected instead: the run then ends
 * here.
 */
@Component
final class ConnectStep implements Step {

    private final KeyStoreCalls calls;

    private final GuidedChangeProperties properties;

    ConnectStep(KeyStoreCalls calls, GuidedChangeProperties properties) {
        this.calls = calls;
        this.properties = properties;
    }

    @Override
    public StepName name() {
        return StepName.CONNECT;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        boolean updated = run.stepDone(StepName.UPDATE);
        if (run.leaveDisconnectedRequested() && step.status() == StepStatus.PENDING) {
            return new StepOutcome.Ended(new StepOutcome.RunEnd(updated ? RunStatus.COMPLETED : RunStatus.CANCELLED,
                    Sentence
                        .of(updated ? "guided.run.leftDisconnected.updated" : "guided.run.leftDisconnected.cancelled"),
                    NextAction.CONNECT));
        }
        var fresh = StepSupport.describe(calls, run, step);
        if (fresh instanceof StepSupport.NoStore none) {
            return none.outcome();
        }
        var store = ((StepSupport.Store) fresh).store();
        var state = store.connectionState();
        if (step.status() == StepStatus.RUNNING && state != ConnectionState.DISCONNECTED) {
            return new StepOutcome.Done(step, Sentence.of("guided.connect.acceptedBefore", String.valueOf(state)));
        }
        if (state != ConnectionState.DISCONNECTED) {
            return new StepOutcome.Stopped(step,
                    Sentence.of("guided.step.notDisconnected.detail", String.valueOf(state)),
                    Sentence.of(
                            updated ? "guided.connect.notDisconnected.outcome.updated"
                                    : "guided.connect.notDisconnected.outcome.notUpdated",
                            String.valueOf(state), StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        if (step.status() == StepStatus.PENDING && !recorder.markConnectStarted(run)) {
            return new StepOutcome.Again(); // "leave disconnected" came first: taking the
                                            // step again carries it out
        }
        var started = recorder.begin(run, step);
        var result = calls.connect(run.store(), run.startedBy(), run.id());
        if (result instanceof KeyStoreCalls.Accepted accepted) {
            return new StepOutcome.Done(started, StepSupport.accepted("ConnectCustomKeyStore", accepted.requestId()));
        }
        if (result instanceof KeyStoreCalls.Refused refused) {
            var now = refused.current();
            if (now != null && (now.connectionState() == ConnectionState.CONNECTING
                    || now.connectionState() == ConnectionState.CONNECTED)) {
                return new StepOutcome.Done(started,
                        Sentence.of("guided.step.storeIs", String.valueOf(now.connectionState())));
            }
            if (StepSupport.retryable(refused.failure(), started, properties)) {
                return StepSupport.retrying(started, refused.failure());
            }
            return new StepOutcome.Stopped(started,
                    Sentence.of("guided.connect.refused.detail", refused.failure().errorCode()),
                    Sentence.of(updated ? "guided.connect.refused.outcome.updated"
                            : "guided.connect.refused.outcome.notUpdated", refused.explanation()),
                    StepSupport.nextFor(now));
        }
        return StepSupport.goneOrBusy(result, started);
    }

}
