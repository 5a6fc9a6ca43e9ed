package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.ConnectionErrorExplanation;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreActivity;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.kms.ConnectionState;

/**
 * Moves a guided change on by one step per call, from what the database and a fresh Describe say (so that any
 * instance can pick a run up after a restart): disconnect, wait for DISCONNECTED, update, connect, wait for
 * CONNECTED or FAILED. Every step is recorded with its time and result before and after its KMS call, and
 * reported through {@link KeyStoreActivity}.
 *
 * <p>Before each KMS call the store is described again: the run sends nothing once someone else has changed a
 * setting or the state is not the one the step expects. A step whose call may already have reached KMS (it
 * was recorded as started, then the console stopped) is judged by the state KMS shows, so it is never sent
 * twice without need. KMS throttling, timeouts and internal errors are retried up to
 * {@code console.guided.call-attempts} times; everything else stops the run and says where the store stands.
 */
@Component
class GuidedChangeEngine {

    private static final Logger log = LoggerFactory.getLogger(GuidedChangeEngine.class);

    private final GuidedRunRepository runs;
    private final KeyStoreService keyStores;
    private final UpdatePolicy policy;
    private final RunSecrets secrets;
    private final KeyStoreActivity activity;
    private final GuidedChangeProperties properties;
    private final Clock clock;

    GuidedChangeEngine(GuidedRunRepository runs, KeyStoreService keyStores, UpdatePolicy policy, RunSecrets secrets,
                       KeyStoreActivity activity, GuidedChangeProperties properties, Clock clock) {
        this.runs = runs;
        this.keyStores = keyStores;
        this.policy = policy;
        this.secrets = secrets;
        this.activity = activity;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Does the next piece of work of a run.
     *
     * @return when to call again; empty when the run has ended or paused (nothing to drive)
     */
    Optional<Duration> advance(String runId) {
        var found = runs.find(runId);
        if (found.isEmpty() || found.get().status() != RunStatus.RUNNING) {
            return Optional.empty();
        }
        var run = found.get();
        return OnBehalfOf.operator(run.startedBy(), () -> advance(run));
    }

    private Optional<Duration> advance(GuidedRun run) {
        var current = run.currentStep();
        if (current.isEmpty()) {
            finish(run, RunStatus.COMPLETED, "Every step is done.", NextAction.NONE);
            return Optional.empty();
        }
        var step = current.get();
        try {
            return step(run, step);
        } catch (RunEnded ended) {
            return Optional.empty();
        }
    }

    private Optional<Duration> step(GuidedRun run, GuidedStep step) {
        return switch (step.name()) {
            // Recorded when the run is created; never open. Treated as done should it ever be.
            case PREFLIGHT -> {
                complete(run, step, "Recorded when the change was started.");
                yield Optional.of(Duration.ZERO);
            }
            case DISCONNECT -> disconnect(run, step);
            case WAIT_FOR_DISCONNECTED -> waitForDisconnected(run, step);
            case UPDATE -> update(run, step);
            case CONNECT -> connect(run, step);
            case WAIT_FOR_CONNECTED -> waitForConnected(run, step);
        };
    }

    // ---- Disconnect -------------------------------------------------------------------------------------------

    private Optional<Duration> disconnect(GuidedRun run, GuidedStep step) {
        if (run.cancelRequested()) {
            finish(run, RunStatus.CANCELLED, "Cancelled before anything was sent to KMS: the key store was not "
                    + "touched and is still CONNECTED.", NextAction.NONE);
            return Optional.empty();
        }
        if (run.secretNeeded() && secrets.get(run.id()).isEmpty()) {
            return pauseForSecret(run, "The console restarted before this change disconnected the key store, and "
                    + "it does not keep secrets across restarts. Nothing was sent to KMS: the key store is still "
                    + "CONNECTED. Give the " + run.secretLabel() + " again to go on, or cancel.");
        }
        var described = describe(run, step);
        if (described.isEmpty()) {
            return retryLater();
        }
        var store = described.get();
        boolean mayHaveBeenSent = step.status() == StepStatus.RUNNING;
        if (mayHaveBeenSent && (store.connectionState() == ConnectionState.DISCONNECTING
                || store.connectionState() == ConnectionState.DISCONNECTED)) {
            complete(run, step, "KMS had accepted the disconnect; the key store is " + store.connectionState() + ".");
            return Optional.of(Duration.ZERO);
        }
        if (!store.settingsFingerprint().equals(run.settingsFingerprint())) {
            stop(run, step, "The key store's settings changed since the change was reviewed.",
                    "Someone changed the key store since this change was reviewed, so nothing was sent to KMS. "
                            + state(store) + " Review the key store again and make the change anew.", store);
            return Optional.empty();
        }
        if (store.connectionState() != ConnectionState.CONNECTED) {
            stop(run, step, "The key store is " + store.connectionState() + ", not CONNECTED as reviewed.",
                    "The key store is no longer CONNECTED as it was when the change was reviewed, so nothing was "
                            + "sent to KMS. " + state(store), store);
            return Optional.empty();
        }
        var started = begin(run, step);
        try {
            String requestId = keyStores.disconnect(run.store(), run.startedBy(), run.id());
            complete(run, started, "KMS accepted DisconnectCustomKeyStore" + requestId(requestId) + ".");
            return Optional.of(Duration.ZERO);
        } catch (ConnectionChangeFailedException e) {
            var now = e.current();
            if (now != null && (now.connectionState() == ConnectionState.DISCONNECTING
                    || now.connectionState() == ConnectionState.DISCONNECTED)) {
                complete(run, started, "The key store is " + now.connectionState() + ".");
                return Optional.of(Duration.ZERO);
            }
            if (retryable(e.failure(), started)) {
                note(run, started, "Attempt " + started.attempts() + ": " + e.failure().errorCode() + "; trying again.");
                return retryLater();
            }
            stop(run, started, "KMS did not disconnect the key store: " + e.failure().errorCode() + ".",
                    e.explanation() + " Nothing was updated.", now);
            return Optional.empty();
        } catch (KeyStoreNotFoundException | KeyStoreBusyException e) {
            return gone(run, started, e);
        }
    }

    private Optional<Duration> waitForDisconnected(GuidedRun run, GuidedStep step) {
        var waiting = step.status() == StepStatus.PENDING ? begin(run, step) : step;
        var described = describe(run, waiting);
        if (described.isEmpty()) {
            return timedOut(waiting, properties.waitForDisconnected())
                    ? stopWaiting(run, waiting, "DISCONNECTED", properties.waitForDisconnected(), null)
                    : poll();
        }
        var store = described.get();
        switch (store.connectionState()) {
            case DISCONNECTED -> {
                keyStores.forgetSnapshot();
                complete(run, waiting, "DISCONNECTED after " + seconds(waiting) + ".");
                return Optional.of(Duration.ZERO);
            }
            case DISCONNECTING -> {
                return timedOut(waiting, properties.waitForDisconnected())
                        ? stopWaiting(run, waiting, "DISCONNECTED", properties.waitForDisconnected(), store)
                        : poll();
            }
            default -> {
                stop(run, waiting, "The key store became " + store.connectionState() + " while the console waited "
                        + "for DISCONNECTED.", "While the console waited for the key store to be DISCONNECTED, it "
                        + "became " + store.connectionState() + ": someone else is changing it. Nothing was "
                        + "updated. " + state(store), store);
                return Optional.empty();
            }
        }
    }

    // ---- Update -----------------------------------------------------------------------------------------------

    private Optional<Duration> update(GuidedRun run, GuidedStep step) {
        if (step.status() == StepStatus.PENDING && run.cancelRequested()) {
            return cancelAfterDisconnect(run, step);
        }
        var secret = secrets.get(run.id());
        var described = describe(run, step);
        if (described.isEmpty()) {
            return retryLater();
        }
        var store = described.get();
        boolean resumed = step.status() == StepStatus.RUNNING;
        if (resumed && !run.secretNeeded() && appliedAlready(store, run.change())) {
            // Sent before a restart; Describe shows every new value, so it took effect.
            complete(run, step, "KMS had applied the update; Describe shows the new values.");
            return Optional.of(Duration.ZERO);
        }
        if (run.secretNeeded() && secret.isEmpty()) {
            return pauseForSecret(run, "The console restarted while this change was under way, and it does not "
                    + "keep secrets across restarts. The update was not sent: the key store is "
                    + store.connectionState() + " with its old settings, and its KMS keys cannot be used until it "
                    + "is connected. Give the " + run.secretLabel() + " again to go on, or cancel (the console then "
                    + (run.mode() == GuidedMode.RECONNECT ? "connects it again with its old settings)."
                    : "leaves it disconnected)."));
        }
        if (store.connectionState() != ConnectionState.DISCONNECTED) {
            stop(run, step, "The key store is " + store.connectionState() + ", not DISCONNECTED.",
                    "The key store is " + store.connectionState() + " instead of DISCONNECTED, so the update was not "
                            + "sent. " + state(store), store);
            return Optional.empty();
        }
        boolean asReviewed = store.settingsFingerprint().equals(run.settingsFingerprint());
        if (!asReviewed && !(resumed && appliedAlready(store, run.change()))) {
            stop(run, step, "The key store's settings changed while it was disconnected.",
                    "Someone changed the key store's settings while it was disconnected, so the update was not "
                            + "sent. " + state(store) + " Check its settings, then connect it or make the change "
                            + "anew.", store);
            return Optional.empty();
        }
        KeyStoreChange change = run.change().toChange(secret.orElse(null));
        var refusals = policy.refusals(store, change);
        if (!refusals.isEmpty()) {
            stop(run, step, "KMS would not accept this change in this state.", String.join(" ", refusals.values())
                    + " Nothing was updated. " + state(store), store);
            return Optional.empty();
        }
        if (step.status() == StepStatus.PENDING && !runs.markUpdateStarted(run.id(), clock.instant())) {
            return Optional.of(Duration.ZERO); // a cancel came first: the next call carries it out
        }
        var started = begin(run, step);
        try {
            String requestId = keyStores.updateForGuidedChange(store, run.id(), run.startedBy(), change,
                    run.reason());
            secrets.forget(run.id());
            complete(run, started, "KMS accepted UpdateCustomKeyStore" + requestId(requestId) + ".");
            return Optional.of(Duration.ZERO);
        } catch (AuditUnavailableException e) {
            // Fail closed: the audit log could not record the intent, so the update was not sent.
            if (started.attempts() < properties.callAttempts()) {
                note(run, started, "Attempt " + started.attempts() + ": the audit log could not record the update, "
                        + "so it was not sent; trying again.");
                return retryLater();
            }
            stop(run, started, "The audit log could not record the update, so it was not sent.",
                    "The audit log could not record the update, so it was not sent. Nothing was changed: the key store "
                            + "is DISCONNECTED with its old settings, and its KMS keys cannot be used until it is "
                            + "connected again.", NextAction.CONNECT);
            return Optional.empty();
        } catch (KmsCallException e) {
            if (retryable(e.failure(), started)) {
                note(run, started, "Attempt " + started.attempts() + ": " + e.failure().errorCode() + "; trying again.");
                return retryLater();
            }
            String next = "Next: connect it again with its old settings, or correct the value and make the change "
                    + "anew.";
            stop(run, started, "KMS refused the update: " + UpdateRefusalText.of(e.failure()) + ".",
                    "KMS refused the update: " + UpdateRefusalText.of(e.failure()) + ". Nothing was changed: the key "
                            + "store is DISCONNECTED with its old settings, and its KMS keys cannot be used until it "
                            + "is connected again. " + next, NextAction.CONNECT);
            return Optional.empty();
        }
    }

    /** A cancel that reached the run after it disconnected the store: no update; reconnect if it was to. */
    private Optional<Duration> cancelAfterDisconnect(GuidedRun run, GuidedStep update) {
        skip(run, update, "Cancelled by an operator before the update was sent.");
        if (run.mode() == GuidedMode.RECONNECT && !run.leaveDisconnectedRequested()) {
            return Optional.of(Duration.ZERO); // connect and wait: the store returns with its old settings
        }
        finish(run, RunStatus.CANCELLED, "Cancelled before the update: nothing was changed. The key store is "
                + "DISCONNECTED with its old settings, and its KMS keys cannot be used until it is connected again.",
                NextAction.CONNECT);
        return Optional.empty();
    }

    // ---- Connect ----------------------------------------------------------------------------------------------

    private Optional<Duration> connect(GuidedRun run, GuidedStep step) {
        boolean updated = run.stepDone(StepName.UPDATE);
        if (run.leaveDisconnectedRequested() && step.status() == StepStatus.PENDING) {
            finish(run, updated ? RunStatus.COMPLETED : RunStatus.CANCELLED, (updated
                    ? "The update was applied and, as asked, the key store was left DISCONNECTED. "
                    : "Cancelled before the update: nothing was changed, and, as asked, the key store was left "
                    + "DISCONNECTED. ") + "Its KMS keys cannot be used until it is connected.", NextAction.CONNECT);
            return Optional.empty();
        }
        var described = describe(run, step);
        if (described.isEmpty()) {
            return retryLater();
        }
        var store = described.get();
        if (step.status() == StepStatus.RUNNING && store.connectionState() != ConnectionState.DISCONNECTED) {
            complete(run, step, "KMS had accepted the connect; the key store is " + store.connectionState() + ".");
            return Optional.of(Duration.ZERO);
        }
        if (store.connectionState() != ConnectionState.DISCONNECTED) {
            stop(run, step, "The key store is " + store.connectionState() + ", not DISCONNECTED.",
                    (updated ? "The update was applied, but " : "Nothing was updated, and ") + "the key store is "
                            + store.connectionState() + " instead of DISCONNECTED, so the console did not connect it. "
                            + state(store), store);
            return Optional.empty();
        }
        if (step.status() == StepStatus.PENDING && !runs.markConnectStarted(run.id(), clock.instant())) {
            return Optional.of(Duration.ZERO); // "leave disconnected" came first: the next call carries it out
        }
        var started = begin(run, step);
        try {
            String requestId = keyStores.connect(run.store(), run.startedBy(), run.id());
            complete(run, started, "KMS accepted ConnectCustomKeyStore" + requestId(requestId) + ".");
            return Optional.of(Duration.ZERO);
        } catch (ConnectionChangeFailedException e) {
            var now = e.current();
            if (now != null && (now.connectionState() == ConnectionState.CONNECTING
                    || now.connectionState() == ConnectionState.CONNECTED)) {
                complete(run, started, "The key store is " + now.connectionState() + ".");
                return Optional.of(Duration.ZERO);
            }
            if (retryable(e.failure(), started)) {
                note(run, started, "Attempt " + started.attempts() + ": " + e.failure().errorCode() + "; trying again.");
                return retryLater();
            }
            stop(run, started, "KMS did not connect the key store: " + e.failure().errorCode() + ".",
                    (updated ? "The update was applied, but " : "Nothing was updated, and ")
                            + "KMS did not connect the key store. " + e.explanation(), now);
            return Optional.empty();
        } catch (KeyStoreNotFoundException | KeyStoreBusyException e) {
            return gone(run, started, e);
        }
    }

    private Optional<Duration> waitForConnected(GuidedRun run, GuidedStep step) {
        var waiting = step.status() == StepStatus.PENDING ? begin(run, step) : step;
        boolean updated = run.stepDone(StepName.UPDATE);
        var described = describe(run, waiting);
        if (described.isEmpty()) {
            return timedOut(waiting, properties.waitForConnected())
                    ? stopWaiting(run, waiting, "CONNECTED", properties.waitForConnected(), null)
                    : poll();
        }
        var store = described.get();
        switch (store.connectionState()) {
            case CONNECTED -> {
                keyStores.forgetSnapshot();
                complete(run, waiting, "CONNECTED after " + seconds(waiting) + ".");
                if (updated) {
                    finish(run, RunStatus.COMPLETED, "The update was applied and the key store is CONNECTED again "
                            + "with its new settings. Changes can take up to five minutes to take full effect in KMS.",
                            NextAction.NONE);
                } else {
                    finish(run, RunStatus.CANCELLED, "Cancelled before the update: nothing was changed, and the key "
                            + "store is CONNECTED again with its old settings.", NextAction.NONE);
                }
                return Optional.empty();
            }
            case CONNECTING -> {
                return timedOut(waiting, properties.waitForConnected())
                        ? stopWaiting(run, waiting, "CONNECTED", properties.waitForConnected(), store)
                        : poll();
            }
            case FAILED -> {
                keyStores.forgetSnapshot();
                String code = store.connectionErrorCode() == null ? "an unknown error" : store.connectionErrorCode();
                var explanation = ConnectionErrorExplanation.of(code, store.type());
                stop(run, waiting, "The connection failed with " + code + ".",
                        (updated ? "The update was applied, but the connection failed with "
                                : "Nothing was changed, but connecting the key store again failed with ") + code
                                + ": " + explanation.meaning() + " The key store is FAILED, and its KMS keys cannot be "
                                + "used. What to do: " + explanation.fix(), NextAction.DISCONNECT);
                return Optional.empty();
            }
            default -> {
                stop(run, waiting, "The key store became " + store.connectionState() + " while the console waited "
                        + "for CONNECTED.", (updated ? "The update was applied, but while" : "While")
                        + " the console waited for the key store to connect, it became " + store.connectionState()
                        + ": someone else is changing it. " + state(store), store);
                return Optional.empty();
            }
        }
    }

    // ---- Shared -----------------------------------------------------------------------------------------------

    /** A fresh Describe; empty (noted on the step) when KMS could not be asked just now. */
    private Optional<CustomKeyStore> describe(GuidedRun run, GuidedStep step) {
        try {
            return Optional.of(keyStores.describeNow(run.store()));
        } catch (KeyStoreNotFoundException gone) {
            stop(run, step, "The key store no longer exists.", "The key store no longer exists in KMS.",
                    NextAction.NONE);
            throw new RunEnded();
        } catch (KmsCallException e) {
            log.info("Guided change {}: Describe of {} failed ({}); trying again", run.id(), run.storeId(),
                    e.failure().errorCode());
            if (!e.failure().kind().isTransient()) {
                stop(run, step, "KMS could not be asked for the key store's state: " + e.failure().errorCode() + ".",
                        "KMS could not be asked for the key store's state (" + e.failure().errorCode() + "), so the "
                                + "change stopped here. Check the key store's state on its page.", NextAction.WAIT);
                throw new RunEnded();
            }
            return Optional.empty();
        }
    }

    /** Whether every non-secret value of the change shows in the store (the update took effect). */
    private static boolean appliedAlready(CustomKeyStore store, StoredChange change) {
        var xks = store.xks();
        return (change.newName() == null || change.newName().equals(store.name()))
                && (change.cloudHsmClusterId() == null || change.cloudHsmClusterId().equals(store.cloudHsmClusterId()))
                && (change.uriEndpoint() == null
                        || xks.map(x -> Objects.equals(change.uriEndpoint(), x.uriEndpoint())).orElse(false))
                && (change.uriPath() == null || xks.map(x -> Objects.equals(change.uriPath(), x.uriPath())).orElse(false))
                && (change.connectivity() == null
                        || xks.map(x -> change.connectivity() == x.connectivity()).orElse(false))
                && (change.vpcEndpointServiceName() == null || xks.map(x -> Objects.equals(
                        change.vpcEndpointServiceName(), x.vpcEndpointServiceName())).orElse(false))
                && (change.vpcEndpointServiceOwner() == null || xks.map(x -> Objects.equals(
                        change.vpcEndpointServiceOwner(), x.vpcEndpointServiceOwner())).orElse(false))
                && (change.accessKeyId() == null
                        || xks.map(x -> Objects.equals(change.accessKeyId(), x.accessKeyId())).orElse(false));
    }

    private boolean retryable(KmsFailure failure, GuidedStep step) {
        return failure.kind().isTransient() && step.attempts() < properties.callAttempts();
    }

    private Optional<Duration> pauseForSecret(GuidedRun run, String outcome) {
        runs.pauseForSecret(run.id(), outcome, clock.instant());
        activity.record(record(run, KeyStoreActivityAction.GUIDED_RUN_NEEDS_SECRET).noted());
        return Optional.empty();
    }

    private Optional<Duration> gone(GuidedRun run, GuidedStep step, RuntimeException e) {
        if (e instanceof KeyStoreNotFoundException) {
            stop(run, step, "The key store no longer exists.", "The key store no longer exists in KMS.",
                    NextAction.NONE);
        } else {
            stop(run, step, "Another change holds the key store.", "Another change holds this key store, so this "
                    + "one stopped.", NextAction.WAIT);
        }
        return Optional.empty();
    }

    private Optional<Duration> stopWaiting(GuidedRun run, GuidedStep step, String target, Duration limit,
                                           @Nullable CustomKeyStore store) {
        String stateNow = store == null ? "KMS could not be asked for its state just now."
                : "It is still " + store.connectionState() + ".";
        boolean updated = run.stepDone(StepName.UPDATE);
        stop(run, step, "Not " + target + " after " + minutes(limit) + ".",
                "The key store was not " + target + " after " + minutes(limit) + " (console.guided.wait-for-"
                        + (target.equals("CONNECTED") ? "connected" : "disconnected") + "), so the change stopped "
                        + "waiting. " + stateNow + (updated ? " The update was applied." : " Nothing was updated.")
                        + " KMS goes on by itself: look at the key store again in a while.", NextAction.WAIT);
        return Optional.empty();
    }

    private boolean timedOut(GuidedStep step, Duration limit) {
        return step.startedAt() != null
                && Duration.between(step.startedAt(), clock.instant()).compareTo(limit) > 0;
    }

    private GuidedStep begin(GuidedRun run, GuidedStep step) {
        var now = clock.instant();
        var started = step.with(StepStatus.RUNNING, step.startedAt() == null ? now : step.startedAt(), null,
                step.attempts() + 1, step.detail());
        runs.saveStep(run.id(), started, now);
        return started;
    }

    private void note(GuidedRun run, GuidedStep step, String detail) {
        runs.saveStep(run.id(), step.with(step.status(), step.startedAt(), null, step.attempts(), detail),
                clock.instant());
    }

    private void complete(GuidedRun run, GuidedStep step, String detail) {
        var now = clock.instant();
        var done = step.with(StepStatus.DONE, step.startedAt() == null ? now : step.startedAt(), now,
                Math.max(1, step.attempts()), detail);
        runs.saveStep(run.id(), done, now);
        activity.record(stepRecord(run, done).succeeded(null));
    }

    private void skip(GuidedRun run, GuidedStep step, String detail) {
        var now = clock.instant();
        var skipped = step.with(StepStatus.SKIPPED, step.startedAt(), now, step.attempts(), detail);
        runs.saveStep(run.id(), skipped, now);
        activity.record(stepRecord(run, skipped).noted());
    }

    /** Stops the run at a failed step; the next action follows from the store's state. */
    private void stop(GuidedRun run, GuidedStep step, String stepDetail, String outcome,
                      @Nullable CustomKeyStore store) {
        stop(run, step, stepDetail, outcome, nextFor(store));
    }

    private void stop(GuidedRun run, GuidedStep step, String stepDetail, String outcome, NextAction next) {
        var now = clock.instant();
        var failed = step.with(StepStatus.FAILED, step.startedAt() == null ? now : step.startedAt(), now,
                step.attempts(), stepDetail);
        runs.saveStep(run.id(), failed, now);
        activity.record(stepRecord(run, failed).failed(step.name().name() + "Failed", null));
        finish(run, RunStatus.FAILED, outcome, next);
    }

    private void finish(GuidedRun run, RunStatus status, String outcome, NextAction next) {
        runs.finish(run, status, outcome, next, clock.instant());
        secrets.forget(run.id());
        keyStores.forgetSnapshot();
        var record = record(run, KeyStoreActivityAction.GUIDED_RUN_ENDED)
                .with("status", status)
                .with("outcome", outcome)
                .with("nextAction", next);
        activity.record(status == RunStatus.COMPLETED ? record.succeeded(null)
                : status == RunStatus.CANCELLED ? record.noted() : record.failed("GuidedChangeStopped", null));
        log.info("Guided change {} of {} ended {}", run.id(), run.storeId(), status);
    }

    private static KeyStoreActivityRecord record(GuidedRun run, KeyStoreActivityAction action) {
        return KeyStoreActivityRecord.intent(action, run.store(), run.startedBy(), run.id());
    }

    private static KeyStoreActivityRecord stepRecord(GuidedRun run, GuidedStep step) {
        return record(run, KeyStoreActivityAction.GUIDED_STEP)
                .with("step", step.name())
                .with("status", step.status())
                .with("startedAt", step.startedAt())
                .with("finishedAt", step.finishedAt())
                .with("attempts", step.attempts())
                .with("detail", step.detail());
    }

    private static NextAction nextFor(@Nullable CustomKeyStore store) {
        if (store == null) {
            return NextAction.WAIT;
        }
        return switch (store.connectionState()) {
            case CONNECTED -> NextAction.NONE;
            case DISCONNECTED -> NextAction.CONNECT;
            case FAILED -> NextAction.DISCONNECT;
            default -> NextAction.WAIT;
        };
    }

    /** Where the store stands, as a sentence for an outcome. */
    private static String state(@Nullable CustomKeyStore store) {
        if (store == null) {
            return "Its current state is unknown: look at the key store's page.";
        }
        return switch (store.connectionState()) {
            case CONNECTED -> "The key store is CONNECTED: its KMS keys can be used.";
            case DISCONNECTED -> "The key store is DISCONNECTED: its KMS keys cannot be used until it is connected "
                    + "again.";
            case FAILED -> "The key store is FAILED: disconnect it (the way out of FAILED), fix the cause, then "
                    + "connect it.";
            default -> "The key store is " + store.connectionState() + ": KMS is still moving it; look again in a "
                    + "while.";
        };
    }

    private Optional<Duration> poll() {
        return Optional.of(properties.pollInterval());
    }

    private Optional<Duration> retryLater() {
        return Optional.of(properties.pollInterval());
    }

    private String seconds(GuidedStep step) {
        var took = step.duration(clock.instant());
        if (took == null) {
            return "a moment";
        }
        long millis = took.toMillis();
        return millis < 60_000 ? String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0)
                : (millis / 60_000) + " min " + (millis / 1000 % 60) + " s";
    }

    private static String minutes(Duration limit) {
        return limit.toMinutes() >= 1 ? limit.toMinutes() + " minutes" : limit.toMillis() + " ms";
    }

    private static String requestId(@Nullable String requestId) {
        return requestId == null ? "" : " (request ID " + requestId + ")";
    }

    /** Unwinds {@link #advance} after a describe has already ended the run. */
    static final class RunEnded extends RuntimeException {
        RunEnded() {
            super(null, null, false, false);
        }
    }
}
