package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import org.springframework.context.ApplicationEventPublisher;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightRequiredException;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Starts guided changes and carries out operators' requests on them (cancel, leave
 * disconnected, give the secret again). The steps themselves run in the background
 * ({@link GuidedChangeRunner}).
 *
 * <p>
 * Concurrency rules: one guided change per key store, and no plain edit of a store while
 * a guided change holds it (both enforced by the store's change lock in the database,
 * {@link com.cksconsole.keystore.StoreChangeLocks}).
 */
@Service
public class GuidedChangeService {

    private final GuidedRunRepository runs;

    private final GuidedChangeRunner runner;

    private final RunSecrets secrets;

    private final KeyStoreReads reads;

    private final KeyStoreChanges changes;

    private final UpdatePolicy policy;

    private final XksPreflight preflight;

    private final ApplicationEventPublisher activity;

    private final GivenSecretCheck secretCheck;

    private final Sentences sentences;

    private final Clock clock;

    GuidedChangeService(GuidedRunRepository runs, GuidedChangeRunner runner, RunSecrets secrets, KeyStoreReads reads,
            KeyStoreChanges changes, UpdatePolicy policy, XksPreflight preflight, ApplicationEventPublisher activity,
            GivenSecretCheck secretCheck, Sentences sentences, Clock clock) {
        this.runs = runs;
        this.runner = runner;
        this.secrets = secrets;
        this.reads = reads;
        this.changes = changes;
        this.policy = policy;
        this.preflight = preflight;
        this.activity = activity;
        this.secretCheck = secretCheck;
        this.sentences = sentences;
        this.clock = clock;
    }

    /**
     * Starts a guided change of a CONNECTED store: records the run (its pre-flight result
     * as its first step), the change's secret sealed in the run's row (or, without a
     * key-encryption key, in this instance's memory) and takes the store's change lock in
     * one transaction, and hands the run to the runner.
     * @param ref the store's account, Region and ID (from the page's URL)
     * @param loaded the store as reviewed (its fingerprint guards against lost updates)
     * @param preflightClearance required when the change needs an XKS pre-flight check
     * @throws IllegalArgumentException the change does not need a guided change
     * @throws PreflightRequiredException the change needs a pre-flight clearance
     * @throws KeyStoreChangedException the store changed since it was reviewed; nothing
     * was started
     * @throws KeyStoreBusyException another change holds the store; nothing was started
     * @throws com.cksconsole.audit.AuditUnavailableException the audit log could not
     * record the start; nothing was started (as for any other failure of the database)
     */
    public GuidedRun start(KeyStoreRef ref, CustomKeyStore loaded, KeyStoreChange change, GuidedMode mode,
            @Nullable String reason, String actor, @Nullable PreflightClearance preflightClearance) {
        if (!policy.needsGuidedChange(loaded, change)) {
            throw new IllegalArgumentException("This change does not need a guided change");
        }
        boolean needsPreflight = preflight.target(loaded, change).isPresent();
        if (needsPreflight && preflightClearance == null) {
            throw new PreflightRequiredException(loaded.id());
        }
        var current = reads.describeNow(ref);
        if (!current.fingerprint().equals(loaded.fingerprint())) {
            throw new KeyStoreChangedException(loaded, current);
        }
        var run = plan(ref, current, change, mode, reason, actor, needsPreflight ? preflightClearance : null,
                clock.instant());
        var secret = secret(change);
        // Sealed into the run's row as it is created, so that any instance can take
        // the run over; held in this instance's memory when it cannot be sealed.
        var sealed = secret.map(given -> secrets.seal(run, given)).orElse(null);
        try {
            // Recorded in the run's own transaction: a run the audit log cannot record is
            // not created, so that it
            // never goes on (a resuming instance would pick it up) while the operator was
            // told nothing started.
            runs.create(run, runner.instanceId(), runner.leaseFromNow(), sealed, () -> {
                activity.publishEvent(KeyStoreActivityRecord
                    .intent(KeyStoreActivityAction.GUIDED_RUN_STARTED, run.store(), actor, run.id())
                    .withChange(change)
                    .withReason(reason)
                    .with("mode", mode)
                    .with("properties", change.properties())
                    .noted());
                if (preflightClearance != null && needsPreflight) {
                    changes.recordPreflight(run.store(), actor, run.id(), preflightClearance);
                }
            });
        }
        catch (KeyStoreBusyException busy) {
            // After a lost race the holder could not be read inside the rolled-back
            // transaction: read it now.
            throw new KeyStoreBusyException(reads.changeUnderWay(ref).orElse(busy.holder()));
        }
        if (sealed == null) {
            secret.ifPresent(given -> secrets.keep(run.id(), given));
        }
        runner.kick(run.id());
        return run;
    }

    public Optional<GuidedRun> find(KeyStoreRef store, String runId) {
        return runs.find(runId).filter(run -> run.store().equals(store));
    }

    /** The guided change holding this store now, if any. */
    public Optional<GuidedRun> activeRun(KeyStoreRef store) {
        return runs.activeFor(store);
    }

    /**
     * Every guided change under way (running, or waiting for its secret), oldest first.
     */
    public List<GuidedRun> activeRuns() {
        return runs.active();
    }

    /** The store's most recent guided changes, newest first. */
    public List<GuidedRun> recentRuns(KeyStoreRef store, int limit) {
        return runs.recentFor(store, limit);
    }

    /**
     * Asks a run to stop before its update: before the disconnect it ends at once with
     * nothing done; after the disconnect it skips the update and (unless it was to end
     * disconnected) connects the store again with its old settings.
     * @throws GuidedRunRefusedException the update has started (or the run has ended)
     */
    public void cancel(GuidedRun run, String actor) {
        if (!runs.requestCancel(run.id(), clock.instant())) {
            throw refused("guided.request.cancelTooLate");
        }
        // The update will never be sent now: its secret is erased at once
        // (memory and row).
        secrets.forget(run.id());
        activity.publishEvent(KeyStoreActivityRecord
            .intent(KeyStoreActivityAction.GUIDED_RUN_CANCEL_REQUESTED, run.store(), actor, run.id())
            .noted());
        runner.kick(run.id());
    }

    /**
     * Asks a reconnecting run to leave the store DISCONNECTED instead of connecting it
     * (possible until its connect step starts).
     * @throws GuidedRunRefusedException too late, or the run does not reconnect
     */
    public void leaveDisconnected(GuidedRun run, String actor) {
        if (!runs.requestLeaveDisconnected(run.id(), clock.instant())) {
            throw refused("guided.request.leaveDisconnectedTooLate");
        }
        activity.publishEvent(KeyStoreActivityRecord
            .intent(KeyStoreActivityAction.GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED, run.store(), actor, run.id())
            .noted());
        runner.kick(run.id());
    }

    /**
     * Gives a paused run its secret again (sealed in its row, or held in this instance's
     * memory without a key-encryption key) and resumes it on this instance, once the
     * secret has passed its check ({@link GivenSecretCheck}). Both the check and the
     * outcome are reported in the name of {@code actor}, the operator who gave it.
     * @return a sentence about what is wrong with the secret (the run stays paused), or
     * empty when the run resumed
     * @throws GuidedRunRefusedException the run is not waiting for a secret
     * @throws com.cksconsole.keystore.KmsCallException KMS could not be asked for the
     * store's current settings
     */
    public Optional<String> provideSecret(GuidedRun run, String actor, String secret) {
        if (run.status() != RunStatus.NEEDS_SECRET) {
            throw refused("guided.request.notWaitingForSecret");
        }
        var given = Secret.of(secret);
        var refusal = secretCheck.refusal(run, actor, given);
        if (refusal.isPresent()) {
            activity.publishEvent(KeyStoreActivityRecord
                .intent(KeyStoreActivityAction.GUIDED_RUN_SECRET_REFUSED, run.store(), actor, run.id())
                .failed(refusal.get().code(), null));
            return Optional.of(sentences.render(refusal.get().message()));
        }
        var sealed = secrets.seal(run, given);
        if (sealed == null) {
            secrets.keep(run.id(), given);
        }
        if (!runs.resumeWithSecret(run.id(), runner.instanceId(), runner.leaseFromNow(), clock.instant(), sealed)) {
            // Not paused any more: the row (and any secret sealed in it) belongs
            // to whoever resumed or ended the run.
            secrets.dropFromMemory(run.id());
            throw refused("guided.request.notWaitingForSecret");
        }
        activity.publishEvent(KeyStoreActivityRecord
            .intent(KeyStoreActivityAction.GUIDED_RUN_SECRET_PROVIDED, run.store(), actor, run.id())
            .noted());
        runner.kick(run.id());
        return Optional.empty();
    }

    /**
     * The operator's request is refused (at the facade: the run's page shows the
     * sentence).
     */
    private GuidedRunRefusedException refused(String code) {
        return new GuidedRunRefusedException(sentences.render(Sentence.of(code)));
    }

    /**
     * A new run of this change: its pre-flight step as recorded (external key stores
     * only: a CloudHSM key store has no XKS proxy to check), every other step still to
     * do.
     */
    static GuidedRun plan(KeyStoreRef ref, CustomKeyStore store, KeyStoreChange change, GuidedMode mode,
            @Nullable String reason, String actor, @Nullable PreflightClearance clearance, java.time.Instant now) {
        var steps = new ArrayList<GuidedStep>();
        int order = 1;
        if (change instanceof XksChange) {
            steps.add(preflightStep(order++, actor, clearance, now));
        }
        for (var name : List.of(StepName.DISCONNECT, StepName.WAIT_FOR_DISCONNECTED, StepName.UPDATE)) {
            steps.add(new GuidedStep(order++, name, StepStatus.PENDING, null, null, 0, null));
        }
        if (mode == GuidedMode.RECONNECT) {
            steps.add(new GuidedStep(order++, StepName.CONNECT, StepStatus.PENDING, null, null, 0, null));
            steps.add(new GuidedStep(order, StepName.WAIT_FOR_CONNECTED, StepStatus.PENDING, null, null, 0, null));
        }
        return new GuidedRun(UUID.randomUUID().toString(), ref, store.name(),
                Objects.requireNonNull(store.type(), "a guided change needs a key store of a known type"), mode,
                RunStatus.RUNNING, StoredChange.of(change), store.settingsFingerprint(), actor, reason, false, false,
                false, false, null, null, now, now, null, steps);
    }

    private static GuidedStep preflightStep(int order, String actor, @Nullable PreflightClearance clearance,
            java.time.Instant now) {
        if (clearance == null) {
            return new GuidedStep(order, StepName.PREFLIGHT, StepStatus.SKIPPED, null, now, 0,
                    "Not needed: the change keeps the proxy endpoint, path, connectivity and credential.");
        }
        var result = clearance.result();
        String detail = result.summary() + (result.kmsConsequence() == null ? "" : " " + result.kmsConsequence())
                + (clearance.overridden() ? " Overridden by " + actor + ": " + clearance.overrideReason() : "");
        return new GuidedStep(order, StepName.PREFLIGHT,
                clearance.overridden() ? StepStatus.OVERRIDDEN : StepStatus.DONE, result.checkedAt(), now,
                result.ran() ? 1 : 0, detail);
    }

    private static Optional<Secret> secret(KeyStoreChange change) {
        if (change instanceof CloudHsmChange hsm) {
            return Optional.ofNullable(hsm.keyStorePassword());
        }
        var xks = (XksChange) change;
        return xks.credential() == null ? Optional.empty() : Optional.of(xks.credential().rawSecretAccessKey());
    }

}
