package com.cksconsole.keystore.guided;

import java.util.Objects;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.ConnectionState;

/**
 * Sends UpdateCustomKeyStore to the DISCONNECTED store, with the secret the run holds
 * (sealed in its row or in memory, {@link RunSecrets}; erased once sent), once a fresh
 * Describe shows the settings as reviewed and the update policy allows every value. An
 * update sent before a restart is recognised by Describe showing every new value. The
 * audit log records the intent first; when it cannot, nothing is sent (fail closed). A
 * cancel that arrives before the update has started skips it.
 */
@Component
final class UpdateStep implements Step {

    private final KeyStoreCalls calls;

    private final UpdatePolicy policy;

    private final RunSecrets secrets;

    private final GuidedChangeProperties properties;

    UpdateStep(KeyStoreCalls calls, UpdatePolicy policy, RunSecrets secrets, GuidedChangeProperties properties) {
        this.calls = calls;
        this.policy = policy;
        this.secrets = secrets;
        this.properties = properties;
    }

    @Override
    public StepName name() {
        return StepName.UPDATE;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        if (step.status() == StepStatus.PENDING && run.cancelRequested()) {
            return cancelAfterDisconnect(run, step);
        }
        var secret = run.secretNeeded() ? secrets.find(run) : Optional.<Secret>empty();
        var fresh = StepSupport.describe(calls, run, step);
        if (fresh instanceof StepSupport.NoStore none) {
            return none.outcome();
        }
        var store = ((StepSupport.Store) fresh).store();
        boolean resumed = step.status() == StepStatus.RUNNING;
        if (resumed && !run.secretNeeded() && appliedAlready(store, run.change())) {
            // Sent before a restart; Describe shows every new value, so it took effect.
            return new StepOutcome.Done(step, Sentence.of("guided.update.appliedBefore"));
        }
        if (run.secretNeeded() && secret.isEmpty()) {
            return new StepOutcome.NeedsSecret(Sentence.of(
                    run.mode() == GuidedMode.RECONNECT ? "guided.update.needsSecret.reconnect"
                            : "guided.update.needsSecret.leaveDisconnected",
                    String.valueOf(store.connectionState()), run.secretLabel()));
        }
        if (store.connectionState() != ConnectionState.DISCONNECTED) {
            return new StepOutcome.Stopped(step,
                    Sentence.of("guided.step.notDisconnected.detail", String.valueOf(store.connectionState())),
                    Sentence.of("guided.update.notDisconnected.outcome", String.valueOf(store.connectionState()),
                            StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        boolean asReviewed = store.settingsFingerprint().equals(run.settingsFingerprint());
        if (!asReviewed && !(resumed && appliedAlready(store, run.change()))) {
            return new StepOutcome.Stopped(step, Sentence.of("guided.update.settingsChanged.detail"),
                    Sentence.of("guided.update.settingsChanged.outcome", StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        var change = run.change().toChange(secret.orElse(null));
        var refusals = policy.refusals(store, change);
        if (!refusals.isEmpty()) {
            return new StepOutcome.Stopped(step, Sentence.of("guided.update.notAllowed.detail"), Sentence
                .of("guided.update.notAllowed.outcome", String.join(" ", refusals.values()), StepSupport.state(store)),
                    StepSupport.nextFor(store));
        }
        if (step.status() == StepStatus.PENDING && !recorder.markUpdateStarted(run)) {
            return new StepOutcome.Again(); // a cancel came first: taking the step again
                                            // carries it out
        }
        var started = recorder.begin(run, step);
        var result = calls.update(run.store(), store, run.id(), run.startedBy(), change, run.reason());
        if (result instanceof KeyStoreCalls.Accepted accepted) {
            secrets.forget(run.id());
            return new StepOutcome.Done(started, StepSupport.accepted("UpdateCustomKeyStore", accepted.requestId()));
        }
        if (result instanceof KeyStoreCalls.AuditUnavailable) {
            if (started.attempts() < properties.callAttempts()) {
                return new StepOutcome.Later(started,
                        Sentence.of("guided.update.auditUnavailable.retrying", String.valueOf(started.attempts())));
            }
            return new StepOutcome.Stopped(started, Sentence.of("guided.update.auditUnavailable.detail"),
                    Sentence.of("guided.update.auditUnavailable.outcome"), NextAction.CONNECT);
        }
        var failure = ((KeyStoreCalls.Refused) result).failure();
        if (StepSupport.retryable(failure, started, properties)) {
            return StepSupport.retrying(started, failure);
        }
        var why = UpdateRefusalText.of(failure);
        return new StepOutcome.Stopped(started, Sentence.of("guided.update.refused.detail", why),
                Sentence.of("guided.update.refused.outcome", why), NextAction.CONNECT);
    }

    /**
     * A cancel that reached the run after it disconnected the store: no update; reconnect
     * if it was to.
     */
    private static StepOutcome cancelAfterDisconnect(GuidedRun run, GuidedStep update) {
        var skipped = Sentence.of("guided.update.cancelled");
        if (run.mode() == GuidedMode.RECONNECT && !run.leaveDisconnectedRequested()) {
            // connect and wait: the store returns with its old settings
            return new StepOutcome.Skipped(update, skipped, null);
        }
        return new StepOutcome.Skipped(update, skipped, new StepOutcome.RunEnd(RunStatus.CANCELLED,
                Sentence.of("guided.run.cancelledAfterDisconnect"), NextAction.CONNECT));
    }

    /**
     * Whether every non-secret value of the change shows in the store (the update took
     * effect).
     */
    static boolean appliedAlready(CustomKeyStore store, StoredChange change) {
        var xks = store.xks();
        return (change.newName() == null || change.newName().equals(store.name()))
                && (change.cloudHsmClusterId() == null || change.cloudHsmClusterId().equals(store.cloudHsmClusterId()))
                && (change.uriEndpoint() == null
                        || xks.map(x -> Objects.equals(change.uriEndpoint(), x.uriEndpoint())).orElse(false))
                && (change.uriPath() == null
                        || xks.map(x -> Objects.equals(change.uriPath(), x.uriPath())).orElse(false))
                && (change.connectivity() == null
                        || xks.map(x -> change.connectivity() == x.connectivity()).orElse(false))
                && (change.vpcEndpointServiceName() == null
                        || xks.map(x -> Objects.equals(change.vpcEndpointServiceName(), x.vpcEndpointServiceName()))
                            .orElse(false))
                && (change.vpcEndpointServiceOwner() == null
                        || xks.map(x -> Objects.equals(change.vpcEndpointServiceOwner(), x.vpcEndpointServiceOwner()))
                            .orElse(false))
                && (change.accessKeyId() == null
                        || xks.map(x -> Objects.equals(change.accessKeyId(), x.accessKeyId())).orElse(false));
    }

}
