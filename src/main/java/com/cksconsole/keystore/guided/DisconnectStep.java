package com.cksconsole.keystore.guided;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.ConnectionState;

/**
 * Sends DisconnectCustomKeyStore, once a fresh Describe shows the store CONNECTED with
 * the settings as reviewed. The last moment a run can be cancelled with nothing sent, and
 * the last one it may still find its secret missing (held in the memory of an instance
 * that stopped, {@link RunSecrets}) without having touched the store.
 */
@Component
final class DisconnectStep implements Step {

    private final KeyStoreCalls calls;

    private final RunSecrets secrets;

    private final GuidedChangeProperties properties;

    DisconnectStep(KeyStoreCalls calls, RunSecrets secrets, GuidedChangeProperties properties) {
        this.calls = calls;
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public StepName name() {
        return StepName.DISCONNECT;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        if (run.cancelRequested()) {
            return new StepOutcome.Ended(new StepOutcome.RunEnd(RunStatus.CANCELLED,
                    Sentence.of("guided.run.cancelledBeforeDisconnect"), NextAction.NONE));
        }
        if (run.secretNeeded() && secrets.find(run).isEmpty()) {
            return new StepOutcome.NeedsSecret(Sentence.of("guided.disconnect.needsSecret", run.secretLabel()));
        }
        var fresh = StepSupport.describe(calls, run, step);
        if (fresh instanceof StepSupport.NoStore none) {
            return none.outcome();
        }
        var store = ((StepSupport.Store) fresh).store();
        var state = store.connectionState();
        boolean mayHaveBeenSent = step.status() == StepStatus.RUNNING;
        if (mayHaveBeenSent && (state == ConnectionState.DISCONNECTING || state == ConnectionState.DISCONNECTED)) {
            return new StepOutcome.Done(step, Sentence.of("guided.disconnect.acceptedBefore", String.valueOf(state)));
        }
        if (!store.settingsFingerprint().equals(run.settingsFingerprint())) {
            return new StepOutcome.Stopped(step, Sentence.of("guided.disconnect.settingsChanged.detail"),
                    Sentence.of("guided.disconnect.settingsChanged.outcome", StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        if (state != ConnectionState.CONNECTED) {
            return new StepOutcome.Stopped(step,
                    Sentence.of("guided.disconnect.notConnected.detail", String.valueOf(state)),
                    Sentence.of("guided.disconnect.notConnected.outcome", StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        var started = recorder.begin(run, step);
        var result = calls.disconnect(run.store(), run.startedBy(), run.id());
        if (result instanceof KeyStoreCalls.Accepted accepted) {
            return new StepOutcome.Done(started,
                    StepSupport.accepted("DisconnectCustomKeyStore", accepted.requestId()));
        }
        if (result instanceof KeyStoreCalls.Refused refused) {
            var now = refused.current();
            if (now != null && (now.connectionState() == ConnectionState.DISCONNECTING
                    || now.connectionState() == ConnectionState.DISCONNECTED)) {
                return new StepOutcome.Done(started,
                        Sentence.of("guided.step.storeIs", String.valueOf(now.connectionState())));
            }
            if (StepSupport.retryable(refused.failure(), started, properties)) {
                return StepSupport.retrying(started, refused.failure());
            }
            return new StepOutcome.Stopped(started,
                    Sentence.of("guided.disconnect.refused.detail", refused.failure().errorCode()),
                    Sentence.of("guided.disconnect.refused.outcome", refused.explanation()), StepSupport.nextFor(now));
        }
        return StepSupport.goneOrBusy(result, started);
    }

}
