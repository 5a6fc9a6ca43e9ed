package com.cksconsole.keystore;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * Reads custom key stores (through the shared snapshot), applies reviewed changes with UpdateCustomKeyStore
 * (guarded by lost-update protection, a final state-rule check, the XKS pre-flight clearance and the store's
 * change lock), and connects and disconnects stores. Every UpdateCustomKeyStore (plain or guided) is audited
 * through {@link KeyStoreAudit}; every connect, disconnect and pre-flight decision is reported through
 * {@link KeyStoreActivity}.
 */
@Service
public class KeyStoreService {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreService.class);

    private final KmsGateway gateway;
    private final KeyStoreSnapshotCache snapshots;
    private final UpdatePolicy policy;
    private final KeyStoreAudit audit;
    private final StoreChangeLocks locks;
    private final KeyStoreActivity activity;
    private final ConnectionTransitions transitions;
    private final XksPreflight preflight;

    @Autowired
    KeyStoreService(KmsGateway gateway, KeyStoreSnapshotCache snapshots, UpdatePolicy policy, KeyStoreAudit audit,
                    StoreChangeLocks locks, KeyStoreActivity activity, ConnectionTransitions transitions,
                    XksPreflight preflight) {
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.policy = policy;
        this.audit = audit;
        this.locks = locks;
        this.activity = activity;
        this.transitions = transitions;
        this.preflight = preflight;
        snapshots.onFreshSnapshot(audit::described);
    }

    /**
     * Records an update the console refused before it could be sent (the form's validation, the state rules,
     * no change at all), so the audit log holds every attempt, not only those that reached KMS.
     *
     * @param why the operator-facing reasons (never a typed value)
     */
    public void recordRefusedUpdate(CustomKeyStore store, @Nullable KeyStoreChange change, List<String> why) {
        audit.refusedUpdate(ref(store), store, change, null, why);
    }

    /**
     * Records that an XKS proxy configuration was read for this store's form (its name, size and SHA-256,
     * never its content), with the reasons when it was refused.
     */
    public void recordImport(CustomKeyStore store, ProxyConfigurationSource configuration, List<String> problems) {
        audit.imported(ref(store), store, configuration, problems);
    }

    /**
     * The reference of a store this service described: this service reaches one account and Region (its
     * snapshot's).
     */
    public KeyStoreRef ref(CustomKeyStore described) {
        return new KeyStoreRef(snapshots.target(), described.id());
    }

    /** Every store of the account and Region (possibly a marked, older snapshot while KMS throttles). */
    public SnapshotRead list() {
        return snapshots.read();
    }

    /**
     * One store, from the shared snapshot. An ID the snapshot does not know is not asked for: made-up IDs must
     * not cost DescribeCustomKeyStores calls (KMS allows about 5 per second per account and Region, shared by
     * every caller), so the answer comes from the snapshot, which is at most {@code console.kms.snapshot-ttl}
     * old (a store created a moment ago outside the console shows up with the next snapshot).
     *
     * @throws KeyStoreNotFoundException the current snapshot does not hold the ID
     * @throws KmsCallException KMS could not be asked, and the last known snapshot does not hold the ID either
     *     (so the console cannot tell whether it exists)
     */
    public KeyStoreView find(KeyStoreRef ref) {
        requireReachable(ref);
        var read = snapshots.read();
        var store = read.snapshot().find(ref);
        if (store.isPresent()) {
            return new KeyStoreView(store.get(), read);
        }
        if (read.staleBecause() != null) {
            throw new KmsCallException("DescribeCustomKeyStores", read.staleBecause());
        }
        throw new KeyStoreNotFoundException(ref.keyStoreId());
    }

    /**
     * One store straight from KMS, bypassing the snapshot: for decisions that must not rest on a view up to
     * {@code console.kms.snapshot-ttl} old (the steps of a guided change).
     *
     * @throws KeyStoreNotFoundException the store is gone
     * @throws KmsCallException KMS could not be asked
     */
    public CustomKeyStore describeNow(KeyStoreRef ref) {
        requireReachable(ref);
        return gateway.describe(ref.keyStoreId());
    }

    /** The change under way on this store (a guided change, or an edit being applied), if any. */
    public Optional<StoreLockHolder> changeUnderWay(KeyStoreRef ref) {
        return locks.holder(ref);
    }

    /**
     * Sends ConnectCustomKeyStore. KMS answers as soon as the connection has started: the store is then
     * CONNECTING, and later CONNECTED or FAILED.
     *
     * @param runId the guided change making this call (which holds the store), or null for an operator's call
     * @return the KMS request ID
     * @throws KeyStoreBusyException a guided change holds the store (and it is not {@code runId})
     * @throws KeyStoreNotFoundException the store is gone
     * @throws ConnectionChangeFailedException KMS refused or did not answer
     */
    public @Nullable String connect(KeyStoreRef ref, String actor, @Nullable String runId) {
        return changeConnection(ConnectionOperation.CONNECT, ref, actor, runId);
    }

    /**
     * Sends DisconnectCustomKeyStore: the store is DISCONNECTING, then DISCONNECTED, and while it is not
     * connected every KMS key in it is unusable.
     *
     * @see #connect
     */
    public @Nullable String disconnect(KeyStoreRef ref, String actor, @Nullable String runId) {
        return changeConnection(ConnectionOperation.DISCONNECT, ref, actor, runId);
    }

    private @Nullable String changeConnection(ConnectionOperation operation, KeyStoreRef ref, String actor,
                                              @Nullable String runId) {
        requireReachable(ref);
        String keyStoreId = ref.keyStoreId();
        var holder = locks.holder(ref);
        if (holder.isPresent() && holder.get().isGuidedRun() && !Objects.equals(holder.get().runId(), runId)) {
            throw new KeyStoreBusyException(holder.get());
        }
        if (runId == null) {
            // An operator's call for a store the snapshot does not know is refused before anything is written or
            // sent (a guided change has just described its store).
            find(ref);
        }
        var action = operation == ConnectionOperation.CONNECT
                ? KeyStoreActivityAction.CONNECT : KeyStoreActivityAction.DISCONNECT;
        try {
            String requestId = activity.attempt(KeyStoreActivityRecord.intent(action, ref, actor, runId),
                    () -> operation == ConnectionOperation.CONNECT
                            ? gateway.connect(keyStoreId) : gateway.disconnect(keyStoreId));
            transitions.started(keyStoreId, operation);
            return requestId;
        } catch (KmsCallException e) {
            if (e.failure().is("CustomKeyStoreNotFoundException")) {
                throw new KeyStoreNotFoundException(keyStoreId);
            }
            throw new ConnectionChangeFailedException(operation, e.failure(), currentOrNull(keyStoreId));
        } finally {
            snapshots.invalidate();
        }
    }

    /**
     * Applies a reviewed change: takes the store's change lock, re-describes the store, refuses when it changed
     * since the form was loaded, when its state no longer allows the change, or when a needed XKS pre-flight
     * clearance is missing, sends UpdateCustomKeyStore with the changed members only, and describes the store
     * again.
     *
     * @throws KeyStoreBusyException a guided change or another edit holds the store; nothing was sent
     * @throws KeyStoreChangedException the store changed since it was loaded; nothing was sent
     * @throws UpdateNotAllowedException the state does not allow the change; nothing was sent
     * @throws PreflightRequiredException the change needs a pre-flight clearance; nothing was sent
     * @throws ChangeNotSentException the console's database could not take the change lock or record the audit
     *     intent; nothing was sent
     * @throws KeyStoreUpdateFailedException KMS refused or did not confirm the change
     * @throws KeyStoreNotFoundException the store is gone
     * @throws KmsCallException the check before sending failed (KMS unreachable, throttling); nothing was sent
     */
    public UpdateOutcome apply(UpdateCommand command) {
        if (command.change().isEmpty()) {
            throw new IllegalArgumentException("An update must change at least one property");
        }
        String id = command.loaded().id();
        var ref = ref(command.loaded());
        StoreLockHolder hold;
        try {
            hold = locks.acquireForEdit(ref, command.actor());
        } catch (KeyStoreBusyException busy) {
            audit.refusedUpdate(ref, command.loaded(), command.change(), command.reason(), List.of(busy.holder().isGuidedRun()
                    ? "A guided change holds the key store" : "Another change of the key store was being applied"));
            throw busy;
        } catch (DataAccessException | TransactionException databaseUnavailable) {
            throw new ChangeNotSentException(id, databaseUnavailable);
        }
        UpdateOutcome outcome;
        try {
            outcome = applyHeld(ref, command);
        } catch (AuditUnavailableException intentNotWritten) {
            // Every audit write of applyHeld comes before UpdateCustomKeyStore (its outcome never throws).
            var notSent = new ChangeNotSentException(id, intentNotWritten);
            release(hold).ifPresent(notSent::addSuppressed);
            throw notSent;
        } catch (RuntimeException | Error failure) {
            // The lock's release must not hide why the apply failed: should the database fail too, the hold is
            // taken over once it is StoreLockHolder.EDIT_TAKEOVER old.
            release(hold).ifPresent(failure::addSuppressed);
            throw failure;
        }
        release(hold);
        return outcome;
    }

    /** Releases a plain edit's hold; returns why it could not be (it is then taken over later), never throws. */
    private Optional<RuntimeException> release(StoreLockHolder hold) {
        try {
            locks.releaseEdit(hold);
            return Optional.empty();
        } catch (RuntimeException releaseFailed) {
            log.warn("The change lock of {} could not be released ({}); it is taken over {} minutes after it was "
                    + "taken", hold.storeId(), releaseFailed.getClass().getSimpleName(),
                    StoreLockHolder.EDIT_TAKEOVER.toMinutes());
            return Optional.of(releaseFailed);
        }
    }

    private UpdateOutcome applyHeld(KeyStoreRef ref, UpdateCommand command) {
        var change = command.change();
        String id = command.loaded().id();
        CustomKeyStore before;
        try {
            before = gateway.describe(id);
        } catch (KeyStoreNotFoundException gone) {
            snapshots.invalidate();
            throw gone;
        }
        if (!before.fingerprint().equals(command.loaded().fingerprint())) {
            snapshots.invalidate();
            var changed = new KeyStoreChangedException(command.loaded(), before);
            audit.refusedUpdate(ref, before, change, command.reason(), List.of(
                    "The key store changed since it was loaded: " + changed.differences().size()
                            + " propert" + (changed.differences().size() == 1 ? "y" : "ies") + " differ"));
            throw changed;
        }
        var refusals = policy.refusals(before, change);
        if (!refusals.isEmpty()) {
            audit.refusedUpdate(ref, before, change, command.reason(), List.copyOf(refusals.values()));
            throw new UpdateNotAllowedException(before, refusals);
        }
        if (preflight.target(before, change).isPresent()) {
            if (command.preflight() == null) {
                audit.refusedUpdate(ref, before, change, command.reason(),
                        List.of("The XKS pre-flight check neither passed nor was overridden"));
                throw new PreflightRequiredException(id);
            }
            recordPreflight(ref, command.actor(), null, command.preflight());
        }
        KeyStoreAudit.Accepted accepted;
        try {
            // The intent is written first; when it cannot be, AuditUnavailableException ends this before KMS.
            accepted = audit.auditedUpdate(ref, before, change, command.reason(), command.importedFrom(),
                    () -> gateway.update(id, change));
        } catch (KmsCallException e) {
            snapshots.invalidate();
            log.info("UpdateCustomKeyStore of {} by {} not applied: {} (properties {})", id, command.actor(),
                    e.failure().errorCode(), change.properties());
            throw new KeyStoreUpdateFailedException(e.failure(), before, currentAfter(e.failure(), id));
        }
        snapshots.invalidate();
        log.info("UpdateCustomKeyStore of {} by {} applied (properties {}){}", id, command.actor(),
                change.properties(), accepted.outcomeRecorded() ? "" : "; its audit outcome could not be recorded");
        CustomKeyStore after = null;
        try {
            after = gateway.describe(id);
        } catch (RuntimeException describeFailed) {
            log.info("Describe after the update of {} failed; the result page shows no new state", id);
        }
        return new UpdateOutcome(before, after, change.properties(), command.reason(), accepted.outcomeRecorded());
    }

    /**
     * The update step of a guided change: sends UpdateCustomKeyStore, audited like every update, for a store
     * the run has disconnected and checked. The run holds the store's change lock; no lost-update or state check
     * here (the run does them right before, on {@code before}, a fresh describe).
     *
     * @return the KMS request ID
     * @throws KmsCallException KMS refused or did not answer
     */
    public @Nullable String updateForGuidedChange(CustomKeyStore before, String runId, String actor,
                                                  KeyStoreChange change, @Nullable String reason) {
        try {
            // Runs on the guided change runner's thread, outside any request: the audit log's intent names no
            // signed-in user; the run's own reports (KeyStoreActivity) name who started it.
            return audit.auditedUpdate(ref(before), before, change, reason, null,
                            () -> gateway.update(before.id(), change))
                    .kmsRequestId();
        } finally {
            snapshots.invalidate();
            log.info("UpdateCustomKeyStore of {} sent by guided change {} of {} (properties {})", before.id(), runId,
                    actor, change.properties());
        }
    }

    /** Reports the pre-flight result a change is sent on, and the override with its reason if there was one. */
    public void recordPreflight(KeyStoreRef ref, String actor, @Nullable String runId, PreflightClearance clearance) {
        recordPreflight(ref, actor, runId, clearance.result());
        if (clearance.overridden()) {
            var result = clearance.result();
            activity.record(KeyStoreActivityRecord.intent(KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN,
                            ref, actor, runId)
                    .with("status", result.status())
                    .with("failure", result.failure())
                    .withReason(clearance.overrideReason())
                    .noted());
        }
    }

    /** Reports a pre-flight result, whatever comes of it (for a secret given again to a guided change). */
    public void recordPreflight(KeyStoreRef ref, String actor, @Nullable String runId, PreflightResult result) {
        var record = KeyStoreActivityRecord.intent(KeyStoreActivityAction.XKS_PREFLIGHT, ref, actor, runId)
                .with("status", result.status())
                .with("endpoint", result.target().uriEndpoint())
                .with("path", result.target().uriPath())
                .with("accessKeyId", result.target().accessKeyId())
                .with("failure", result.failure())
                .with("latencyMillis", result.ran() ? result.latencyMillis() : null)
                .with("proxyRequestId", result.kmsRequestId())
                .with("checkedAt", result.checkedAt());
        activity.record(result.passed() ? record.succeeded(null)
                : record.failed(result.failure() == null ? "NotRun" : result.failure().name(), null));
    }

    /** Drops the shared snapshot (a guided change saw the store's state move). */
    public void forgetSnapshot() {
        snapshots.invalidate();
    }

    /** A store of another account or Region is none this service can find (it has one KmsClient). */
    private void requireReachable(KeyStoreRef ref) {
        if (!ref.target().equals(snapshots.target())) {
            throw new KeyStoreNotFoundException(ref.keyStoreId());
        }
    }

    private @Nullable CustomKeyStore currentOrNull(String id) {
        try {
            return gateway.describe(id);
        } catch (RuntimeException describeFailed) {
            return null;
        }
    }

    /** Re-reads the store after a failed update where its current state tells the operator something. */
    private @Nullable CustomKeyStore currentAfter(KmsFailure failure, String id) {
        boolean useful = failure.is("CustomKeyStoreInvalidStateException")
                || failure.kind() == KmsFailureKind.TIMED_OUT || failure.kind() == KmsFailureKind.UNREACHABLE;
        return useful ? currentOrNull(id) : null;
    }
}
