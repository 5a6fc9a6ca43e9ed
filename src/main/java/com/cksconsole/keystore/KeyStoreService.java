package com.cksconsole.keystore;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Reads custom key stores (through the shared snapshot) and applies reviewed changes with
 * UpdateCustomKeyStore, guarded by lost-update protection and a final state-rule check.
 */
@Service
public class KeyStoreService {

    private static final Logger log = LoggerFactory.getLogger(KeyStoreService.class);

    private final KmsGateway gateway;
    private final KeyStoreSnapshotCache snapshots;
    private final UpdatePolicy policy;
    private final KeyStoreAudit audit;

    KeyStoreService(KmsGateway gateway, KeyStoreSnapshotCache snapshots, UpdatePolicy policy, KeyStoreAudit audit) {
        this.gateway = gateway;
        this.snapshots = snapshots;
        this.policy = policy;
        this.audit = audit;
        snapshots.onFreshSnapshot(audit::described);
    }

    /**
     * Records an update the console refused before it could be sent (the form's validation, the state rules,
     * no change at all), so the audit log holds every attempt, not only those that reached KMS.
     *
     * @param why the operator-facing reasons (never a typed value)
     */
    public void recordRefusedUpdate(CustomKeyStore store, @Nullable KeyStoreChange change, List<String> why) {
        audit.refusedUpdate(store, change, null, why);
    }

    /**
     * Records that an XKS proxy configuration was read for this store's form (its name, size and SHA-256,
     * never its content), with the reasons when it was refused.
     */
    public void recordImport(CustomKeyStore store, ImportedConfiguration configuration, List<String> problems) {
        audit.imported(store, configuration, problems);
    }

    /** Every store of the account and Region (possibly a marked, older snapshot while KMS throttles). */
    public SnapshotRead list() {
        return snapshots.read();
    }

    /**
     * One store, from the shared snapshot; a store the snapshot does not know (created a moment ago, or an
     * unknown ID) is asked for directly.
     *
     * @throws KeyStoreNotFoundException when KMS does not know the ID either
     */
    public KeyStoreView find(String keyStoreId) {
        if (KmsField.CUSTOM_KEY_STORE_ID.violation(keyStoreId).isPresent()) {
            throw new KeyStoreNotFoundException(keyStoreId);
        }
        var read = snapshots.read();
        var store = read.snapshot().find(keyStoreId);
        if (store.isPresent()) {
            return new KeyStoreView(store.get(), read);
        }
        return new KeyStoreView(gateway.describe(keyStoreId), null);
    }

    /**
     * Applies a reviewed change: re-describes the store, refuses when it changed since the form was loaded or
     * when its state no longer allows the change, sends UpdateCustomKeyStore with the changed members only,
     * and describes the store again.
     *
     * @throws KeyStoreChangedException the store changed since it was loaded; nothing was sent
     * @throws UpdateNotAllowedException the state does not allow the change; nothing was sent
     * @throws KeyStoreUpdateFailedException KMS refused or did not confirm the change
     * @throws KeyStoreNotFoundException the store is gone
     * @throws KmsCallException the check before sending failed (KMS unreachable, throttling); nothing was sent
     */
    public UpdateOutcome apply(UpdateCommand command) {
        var change = command.change();
        if (change.isEmpty()) {
            throw new IllegalArgumentException("An update must change at least one property");
        }
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
            audit.refusedUpdate(before, change, command.reason(), List.of(
                    "The key store changed since it was loaded: " + changed.differences().size()
                            + " propert" + (changed.differences().size() == 1 ? "y" : "ies") + " differ"));
            throw changed;
        }
        var refusals = policy.refusals(before, change);
        if (!refusals.isEmpty()) {
            audit.refusedUpdate(before, change, command.reason(), List.copyOf(refusals.values()));
            throw new UpdateNotAllowedException(before, refusals);
        }
        try {
            // The intent is written first; when it cannot be, AuditUnavailableException ends this before KMS.
            audit.auditedUpdate(before, change, command.reason(), command.importedFrom(),
                    () -> gateway.update(id, change));
        } catch (KmsCallException e) {
            snapshots.invalidate();
            log.info("UpdateCustomKeyStore of {} by {} not applied: {} (properties {})", id, command.actor(),
                    e.failure().errorCode(), change.properties());
            throw new KeyStoreUpdateFailedException(e.failure(), before, currentAfter(e.failure(), id));
        }
        snapshots.invalidate();
        log.info("UpdateCustomKeyStore of {} by {} applied (properties {})", id, command.actor(),
                change.properties());
        CustomKeyStore after = null;
        try {
            after = gateway.describe(id);
        } catch (RuntimeException describeFailed) {
            log.info("Describe after the update of {} failed; the result page shows no new state", id);
        }
        return new UpdateOutcome(before, after, change.properties(), command.reason());
    }

    /** Re-reads the store after a failed update where its current state tells the operator something. */
    private @Nullable CustomKeyStore currentAfter(KmsFailure failure, String id) {
        boolean useful = failure.is("CustomKeyStoreInvalidStateException")
                || failure.kind() == KmsFailureKind.TIMED_OUT || failure.kind() == KmsFailureKind.UNREACHABLE;
        if (!useful) {
            return null;
        }
        try {
            return gateway.describe(id);
        } catch (RuntimeException describeFailed) {
            return null;
        }
    }
}
