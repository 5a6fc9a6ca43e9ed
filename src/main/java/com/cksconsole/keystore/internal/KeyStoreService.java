package com.cksconsole.keystore.internal;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionException;

import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.ConnectionChangeFailedException;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreEvents;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreChangedException;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreConnections;
import com.cksconsole.keystore.KeyStoreDeletion;
import com.cksconsole.keystore.KeyStoreDeletionFailedException;
import com.cksconsole.keystore.KeyStoreDeletionRefusedException;
import com.cksconsole.keystore.DeletedKeyStore;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreUpdateFailedException;
import com.cksconsole.keystore.KeyStoreView;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightRequiredException;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.StoreKeys;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.keystore.UpdateCommand;
import com.cksconsole.keystore.UpdateNotAllowedException;
import com.cksconsole.keystore.UpdateOutcome;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksPreflight;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.keystore.TargetRead;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * The one implementation behind the keystore module's facades {@link KeyStoreReads},
 * {@link KeyStoreChanges}, {@link KeyStoreConnections} and {@link KeyStoreDeletion}.
 * Reads custom key stores (through the shared snapshot), applies reviewed changes with
 * UpdateCustomKeyStore (guarded by lost-update protection, a final state-rule check, the
 * XKS pre-flight clearance and the store's change lock), and connects and disconnects
 * stores. Every UpdateCustomKeyStore, ConnectCustomKeyStore and DisconnectCustomKeyStore
 * (plain or guided) is audited through {@link KeyStoreAudit}, intent before the call;
 * everything one-way (a refused update, an import, a pre-flight decision, a fresh
 * Describe, connect and disconnect as they happen) is published as an application event
 * ({@link KeyStoreEvents}, {@link KeyStoreActivityRecord}).
 */
@Service
public class KeyStoreService implements KeyStoreReads, KeyStoreChanges, KeyStoreConnections, KeyStoreDeletion {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreService.class);

    private final KmsGateway gateway;

    private final KeyStoreSnapshots snapshots;

    private final UpdatePolicy policy;

    private final KeyStoreAudit audit;

    private final StoreChangeLocks locks;

    private final ApplicationEventPublisher events;

    private final ConnectionTransitions transitions;

    private final XksPreflight preflight;

    private final Supplier<@Nullable StoreKeys> storeKeys;

    /** Without the keys module: deletions leave the held-keys rule to KMS. */
    public KeyStoreService(KmsGateway gateway, KeyStoreSnapshots snapshots, UpdatePolicy policy, KeyStoreAudit audit,
            StoreChangeLocks locks, ApplicationEventPublisher events, ConnectionTransitions transitions,
            XksPreflight preflight) {
        this(gateway, snapshots, policy, audit, locks, events, transitions, preflight, () -> null);
    }

    /**
     * @param storeKeys the keys module's view of the stores' KMS keys, when it is present
     */
    @Autowired
    public KeyStoreService(KmsGateway gateway, KeyStoreSnapshots snapshots, UpdatePolicy policy, KeyStoreAudit audit,
            StoreChangeLocks locks, ApplicationEventPublisher events, ConnectionTransitions transitions,
            XksPreflight preflight, ObjectProvider<StoreKeys> storeKeys) {
        this(gateway, snapshots, policy, audit, locks, events, transitions, preflight,
                SingletonSupplier.of(storeKeys::getIfAvailable));
    }

    private KeyStoreService(KmsGateway gateway, KeyStoreSnapshots snapshots, UpdatePolicy policy, KeyStoreAudit audit,
            StoreChangeLocks locks, ApplicationEventPublisher events, ConnectionTransitions transitions,
            XksPreflight preflight, Supplier<@Nullable StoreKeys> storeKeys) {
        this.storeKeys = storeKeys;
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.policy = policy;
        this.audit = audit;
        this.locks = locks;
        this.events = events;
        this.transitions = transitions;
        this.preflight = preflight;
        snapshots.onFreshSnapshot(
                (target, stores) -> events.publishEvent(new KeyStoreEvents.StoresDescribed(target, stores)));
    }

    @Override
    public void recordRefusedUpdate(KeyStoreRef ref, CustomKeyStore store, @Nullable KeyStoreChange change,
            List<String> why) {
        events.publishEvent(new KeyStoreEvents.UpdateRefused(ref, store, change, null, why));
    }

    @Override
    public void recordImport(KeyStoreRef ref, CustomKeyStore store, ProxyConfigurationSource configuration,
            List<String> problems) {
        events.publishEvent(new KeyStoreEvents.ProxyConfigurationRead(ref, store, configuration, problems));
    }

    @Override
    public SnapshotRead list(KmsTarget target) {
        return snapshots.of(target).read();
    }

    @Override
    public List<TargetRead> list(Collection<KmsTarget> targets) {
        return snapshots.readAll(targets);
    }

    @Override
    public KeyStoreView find(KeyStoreRef ref) {
        var read = snapshots.of(ref.target()).read();
        var store = read.snapshot().find(ref);
        if (store.isPresent()) {
            return new KeyStoreView(store.get(), read);
        }
        if (read.staleBecause() != null) {
            throw new KmsCallException("DescribeCustomKeyStores", read.staleBecause());
        }
        throw new KeyStoreNotFoundException(ref.keyStoreId());
    }

    @Override
    public CustomKeyStore describeNow(KeyStoreRef ref) {
        return gateway.describe(ref);
    }

    @Override
    public Optional<StoreLockHolder> changeUnderWay(KeyStoreRef ref) {
        return locks.holder(ref);
    }

    @Override
    public @Nullable String connect(KeyStoreRef ref, String actor, @Nullable String runId) {
        return changeConnection(ConnectionOperation.CONNECT, ref, actor, runId);
    }

    @Override
    public @Nullable String disconnect(KeyStoreRef ref, String actor, @Nullable String runId) {
        return changeConnection(ConnectionOperation.DISCONNECT, ref, actor, runId);
    }

    private @Nullable String changeConnection(ConnectionOperation operation, KeyStoreRef ref, String actor,
            @Nullable String runId) {
        String keyStoreId = ref.keyStoreId();
        var holder = locks.holder(ref);
        if (holder.isPresent() && holder.get().isGuidedRun() && !Objects.equals(holder.get().runId(), runId)) {
            throw new KeyStoreBusyException(holder.get());
        }
        if (runId == null) {
            // An operator's call for a store the snapshot does not know is refused before
            // anything is written or
            // sent (a guided change has just described its store).
            find(ref);
        }
        var action = operation == ConnectionOperation.CONNECT ? KeyStoreActivityAction.CONNECT
                : KeyStoreActivityAction.DISCONNECT;
        try {
            var intent = KeyStoreActivityRecord.intent(action, ref, actor, runId);
            // The intent is written first; when it cannot be, AuditUnavailableException
            // ends this before KMS.
            String requestId = audit.auditedConnection(intent, () -> published(intent,
                    () -> operation == ConnectionOperation.CONNECT ? gateway.connect(ref) : gateway.disconnect(ref)));
            transitions.started(ref, operation);
            return requestId;
        }
        catch (KmsCallException e) {
            if (e.failure().is("CustomKeyStoreNotFoundException")) {
                throw new KeyStoreNotFoundException(keyStoreId);
            }
            throw new ConnectionChangeFailedException(operation, e.failure(), currentOrNull(ref));
        }
        finally {
            snapshots.invalidate(ref.target());
        }
    }

    @Override
    public UpdateOutcome apply(UpdateCommand command) {
        if (command.change().isEmpty()) {
            throw new IllegalArgumentException("An update must change at least one property");
        }
        String id = command.loaded().id();
        var ref = command.ref();
        StoreLockHolder hold;
        try {
            hold = locks.acquireForEdit(ref, command.actor());
        }
        catch (KeyStoreBusyException busy) {
            events.publishEvent(new KeyStoreEvents.UpdateRefused(ref, command.loaded(), command.change(),
                    command.reason(), List.of(busy.holder().isGuidedRun() ? "A guided change holds the key store"
                            : "Another change of the key store was being applied")));
            throw busy;
        }
        catch (DataAccessException | TransactionException databaseUnavailable) {
            throw new ChangeNotSentException(id, databaseUnavailable);
        }
        UpdateOutcome outcome;
        try {
            outcome = applyHeld(ref, command);
        }
        catch (AuditUnavailableException intentNotWritten) {
            // Every audit write of applyHeld comes before UpdateCustomKeyStore (its
            // outcome never throws).
            var notSent = new ChangeNotSentException(id, intentNotWritten);
            release(hold).ifPresent(notSent::addSuppressed);
            throw notSent;
        }
        catch (RuntimeException | Error failure) {
            // The lock's release must not hide why the apply failed: should the database
            // fail too, the hold is
            // taken over once it is StoreLockHolder.EDIT_TAKEOVER old.
            release(hold).ifPresent(failure::addSuppressed);
            throw failure;
        }
        release(hold);
        return outcome;
    }

    @Override
    public DeletedKeyStore delete(KeyStoreRef ref, String confirmedName, String actor) {
        String id = ref.keyStoreId();
        StoreLockHolder hold;
        try {
            hold = locks.acquireForEdit(ref, actor);
        }
        catch (KeyStoreBusyException busy) {
            log.info("DeleteCustomKeyStore of {} by {} refused: another change holds the key store", id, actor);
            throw busy;
        }
        catch (DataAccessException | TransactionException databaseUnavailable) {
            throw new ChangeNotSentException(id, databaseUnavailable);
        }
        try {
            return deleteHeld(ref, confirmedName, actor);
        }
        catch (AuditUnavailableException intentNotWritten) {
            // Every audit write of deleteHeld that can throw comes before
            // DeleteCustomKeyStore.
            throw new ChangeNotSentException(id, intentNotWritten);
        }
        finally {
            // release logs when it cannot release (the hold is taken over later) and
            // never
            // throws, so it hides no failure of the deletion.
            release(hold);
            snapshots.invalidate(ref.target());
        }
    }

    private DeletedKeyStore deleteHeld(KeyStoreRef ref, String confirmedName, String actor) {
        // A fresh Describe decides, not the snapshot: KMS deletes only a DISCONNECTED
        // store (KMS API Reference, DeleteCustomKeyStore), and the name the operator
        // typed
        // must still be the store's.
        CustomKeyStore before = gateway.describe(ref);
        if (before.connectionState() != ConnectionState.DISCONNECTED) {
            audit.refusedDeletion(ref, before, List.of("The key store is " + before.connectionState().name()
                    + "; KMS deletes only a DISCONNECTED key store"));
            throw new KeyStoreDeletionRefusedException(before,
                    KeyStoreDeletionRefusedException.Reason.NOT_DISCONNECTED);
        }
        if (!before.name().equals(confirmedName)) {
            audit.refusedDeletion(ref, before,
                    List.of("The key store was renamed since the confirmation page was shown"));
            throw new KeyStoreDeletionRefusedException(before, KeyStoreDeletionRefusedException.Reason.RENAMED);
        }
        // KMS refuses to delete a store that holds KMS keys, pending deletion ones too
        // (KMS API Reference, DeleteCustomKeyStore, CustomKeyStoreHasCMKsException):
        // where
        // the keys are known, nothing is sent.
        StoreKeys keys = storeKeys.get();
        StoreKeys.KeysOfStore held = keys == null ? null : keys.keysOf(ref);
        if (held != null && held.read() && held.total() > 0) {
            audit.refusedDeletion(ref, before, List.of("The key store holds " + held.total()
                    + " KMS key(s); KMS deletes a key store only when none is left"));
            throw new KeyStoreDeletionRefusedException(before, KeyStoreDeletionRefusedException.Reason.HOLDS_KEYS);
        }
        KeyStoreAudit.Accepted accepted;
        try {
            // The intent is written first; when it cannot be, AuditUnavailableException
            // ends this before KMS.
            accepted = audit.auditedDeletion(ref, before, () -> gateway.delete(ref));
        }
        catch (KmsCallException e) {
            log.info("DeleteCustomKeyStore of {} by {} not done: {}", ref.keyStoreId(), actor, e.failure().errorCode());
            if (e.failure().is("CustomKeyStoreNotFoundException")) {
                throw new KeyStoreNotFoundException(ref.keyStoreId());
            }
            boolean useful = !e.failure().is("CustomKeyStoreHasCMKsException");
            throw new KeyStoreDeletionFailedException(e.failure(), useful ? currentOrNull(ref) : before);
        }
        log.info("DeleteCustomKeyStore of {} by {} done{}", ref.keyStoreId(), actor,
                accepted.outcomeRecorded() ? "" : "; its audit outcome could not be recorded");
        return new DeletedKeyStore(ref, before.name(), accepted.kmsRequestId(), accepted.outcomeRecorded());
    }

    /**
     * Releases a plain edit's hold; returns why it could not be (it is then taken over
     * later), never throws.
     */
    private Optional<RuntimeException> release(StoreLockHolder hold) {
        try {
            locks.releaseEdit(hold);
            return Optional.empty();
        }
        catch (RuntimeException releaseFailed) {
            log.warn(
                    "The change lock of {} could not be released ({}); it is taken over {} minutes after it was "
                            + "taken",
                    hold.storeId(), releaseFailed.getClass().getSimpleName(),
                    StoreLockHolder.EDIT_TAKEOVER.toMinutes());
            return Optional.of(releaseFailed);
        }
    }

    private UpdateOutcome applyHeld(KeyStoreRef ref, UpdateCommand command) {
        var change = command.change();
        String id = command.loaded().id();
        CustomKeyStore before;
        try {
            before = gateway.describe(ref);
        }
        catch (KeyStoreNotFoundException gone) {
            snapshots.invalidate(ref.target());
            throw gone;
        }
        if (!before.fingerprint().equals(command.loaded().fingerprint())) {
            snapshots.invalidate(ref.target());
            var changed = new KeyStoreChangedException(command.loaded(), before);
            events.publishEvent(new KeyStoreEvents.UpdateRefused(ref, before, change, command.reason(),
                    List.of("The key store changed since it was loaded: " + changed.differences().size() + " propert"
                            + (changed.differences().size() == 1 ? "y" : "ies") + " differ")));
            throw changed;
        }
        var refusals = policy.refusals(before, change);
        if (!refusals.isEmpty()) {
            events.publishEvent(new KeyStoreEvents.UpdateRefused(ref, before, change, command.reason(),
                    List.copyOf(refusals.values())));
            throw new UpdateNotAllowedException(before, refusals);
        }
        if (preflight.target(before, change).isPresent()) {
            if (command.preflight() == null) {
                events.publishEvent(new KeyStoreEvents.UpdateRefused(ref, before, change, command.reason(),
                        List.of("The XKS pre-flight check neither passed nor was overridden")));
                throw new PreflightRequiredException(id);
            }
            recordPreflight(ref, command.actor(), null, command.preflight());
        }
        KeyStoreAudit.Accepted accepted;
        try {
            // The intent is written first; when it cannot be, AuditUnavailableException
            // ends this before KMS.
            accepted = audit.auditedUpdate(ref, before, change, command.reason(), command.importedFrom(),
                    () -> gateway.update(ref, change));
        }
        catch (KmsCallException e) {
            snapshots.invalidate(ref.target());
            log.info("UpdateCustomKeyStore of {} by {} not applied: {} (properties {})", id, command.actor(),
                    e.failure().errorCode(), change.properties());
            throw new KeyStoreUpdateFailedException(e.failure(), before, currentAfter(e.failure(), ref));
        }
        snapshots.invalidate(ref.target());
        log.info("UpdateCustomKeyStore of {} by {} applied (properties {}){}", id, command.actor(), change.properties(),
                accepted.outcomeRecorded() ? "" : "; its audit outcome could not be recorded");
        CustomKeyStore after = null;
        try {
            after = gateway.describe(ref);
        }
        catch (RuntimeException describeFailed) {
            log.info("Describe after the update of {} failed; the result page shows no new state", id);
        }
        return new UpdateOutcome(before, after, change.properties(), command.reason(), accepted.outcomeRecorded());
    }

    @Override
    public @Nullable String updateForGuidedChange(KeyStoreRef ref, CustomKeyStore before, String runId, String actor,
            KeyStoreChange change, @Nullable String reason) {
        try {
            // Runs on the guided change runner's thread, outside any request: the audit
            // log's intent names no signed-in user; the run's own reports
            // (KeyStoreActivityRecord events) name who started it.
            return audit.auditedUpdate(ref, before, change, reason, null, () -> gateway.update(ref, change))
                .kmsRequestId();
        }
        finally {
            snapshots.invalidate(ref.target());
            log.info("UpdateCustomKeyStore of {} sent by guided change {} of {} (properties {})", before.id(), runId,
                    actor, change.properties());
        }
    }

    @Override
    public void recordPreflight(KeyStoreRef ref, String actor, @Nullable String runId, PreflightClearance clearance) {
        recordPreflight(ref, actor, runId, clearance.result());
        if (clearance.overridden()) {
            var result = clearance.result();
            events.publishEvent(
                    KeyStoreActivityRecord.intent(KeyStoreActivityAction.XKS_PREFLIGHT_OVERRIDDEN, ref, actor, runId)
                        .with("status", result.status())
                        .with("failure", result.failure())
                        .withReason(clearance.overrideReason())
                        .noted());
        }
    }

    @Override
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
        events.publishEvent(result.passed() ? record.succeeded(null)
                : record.failed(result.failure() == null ? "NotRun" : result.failure().name(), null));
    }

    /**
     * Runs a connection call between the events of its intent and its outcome (for the
     * application log and whoever listens).
     */
    private @Nullable String published(KeyStoreActivityRecord intent, Supplier<@Nullable String> call) {
        events.publishEvent(intent);
        String requestId;
        try {
            requestId = call.get();
        }
        catch (KmsCallException e) {
            events.publishEvent(intent.failed(e.failure().errorCode(), e.failure().requestId()));
            throw e;
        }
        catch (RuntimeException e) {
            events.publishEvent(intent.failed(e.getClass().getSimpleName(), null));
            throw e;
        }
        events.publishEvent(intent.succeeded(requestId));
        return requestId;
    }

    @Override
    public void forgetSnapshot(KmsTarget target) {
        snapshots.invalidate(target);
    }

    @Override
    public void forgetSnapshot() {
        snapshots.invalidateAll();
    }

    private @Nullable CustomKeyStore currentOrNull(KeyStoreRef ref) {
        try {
            return gateway.describe(ref);
        }
        catch (RuntimeException describeFailed) {
            return null;
        }
    }

    /**
     * Re-reads the store after a failed update where its current state tells the operator
     * something.
     */
    private @Nullable CustomKeyStore currentAfter(KmsFailure failure, KeyStoreRef ref) {
        boolean useful = failure.is("CustomKeyStoreInvalidStateException") || failure.kind() == KmsFailureKind.TIMED_OUT
                || failure.kind() == KmsFailureKind.UNREACHABLE;
        return useful ? currentOrNull(ref) : null;
    }

}
