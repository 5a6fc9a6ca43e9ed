package com.cksconsole.audit;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The one way to write the audit log. Fail closed: a change is written as an intent
 * <em>before</em> it is attempted, and its outcome after.
 *
 * <pre>{@code
 * AuditRecordHandle audit;
 * try {
 *     audit = auditTrail.begin(intent);          // committed before KMS is called
 * } catch (AuditUnavailableException e) {
 *     // do NOT call KMS; tell the operator AuditUnavailableException.OPERATOR_MESSAGE
 * }
 * try {
 *     var response = kms.updateCustomKeyStore(request);
 *     audit.succeeded(response.responseMetadata().requestId());
 * } catch (KmsException e) {
 *     audit.failed(e.awsErrorDetails().errorCode(), e.awsErrorDetails().errorMessage(), e.requestId(), null);
 *     throw e;
 * }
 * }</pre>
 *
 * If the outcome cannot be written, the intent stays "outcome unknown" (PENDING) in every
 * view until {@link #reconcilePending} (called by the describe path) resolves it from
 * what KMS then shows.
 */
public class AuditTrail {

    private static final java.util.regex.Pattern FINGERPRINT = java.util.regex.Pattern
        .compile("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}");

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    /**
     * Bound to a transaction that has appended through {@link #record}: it holds the
     * chain-head lock.
     */
    private static final Object HOLDS_CHAIN_HEAD = new Object();

    private final AuditEventRepository events;

    private final TransactionTemplate ownTransaction;

    private final TransactionTemplate callersTransaction;

    private final AuditContextResolver contexts;

    private final SecretFingerprinter fingerprinter;

    private final AuditJsonLog jsonLog;

    private final Clock clock;

    private final Duration reconcileAfter;

    /**
     * Intents of this instance whose call is still running: never reconciled from a
     * describe.
     */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    AuditTrail(AuditEventRepository events, PlatformTransactionManager transactions, AuditContextResolver contexts,
            SecretFingerprinter fingerprinter, AuditJsonLog jsonLog, Clock clock, Duration reconcileAfter) {
        this.events = events;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.callersTransaction = new TransactionTemplate(transactions);
        this.contexts = contexts;
        this.fingerprinter = fingerprinter;
        this.jsonLog = jsonLog;
        this.clock = clock;
        this.reconcileAfter = reconcileAfter;
    }

    /**
     * Writes the intent of a change, in its own transaction, committed before this method
     * returns (even when called inside another transaction). Only then may the caller
     * attempt the change.
     * @throws AuditUnavailableException the intent could not be written: the caller must
     * not attempt the change
     */
    public AuditRecordHandle begin(AuditIntent intent) {
        if (TransactionSynchronizationManager.hasResource(HOLDS_CHAIN_HEAD)) {
            throw new IllegalStateException("begin() inside a transaction that has already recorded an audit event "
                    + "would wait for its own chain-head lock: begin before recording, or outside the transaction");
        }
        var event = new NewEvent(UUID.randomUUID().toString(), EventKind.INTENT, null, null, contexts.current(),
                intent.action().name(), intent.target(), AuditJson.parameters(intent.parameters()), intent.reason(),
                null, null, null, null, null);
        AuditEventRow row;
        try {
            row = ownTransaction.execute(status -> events.appendIntent(event));
        }
        catch (DataAccessException | TransactionException e) {
            jsonLog.notStored(event, "database unavailable");
            throw new AuditUnavailableException("The intent of " + intent.action() + " could not be recorded", e);
        }
        catch (AuditUnavailableException e) {
            jsonLog.notStored(event, e.getMessage());
            throw e;
        }
        jsonLog.stored(row);
        inFlight.add(row.seq());
        return new AuditRecordHandle(this, row, System.nanoTime());
    }

    /**
     * Runs a change under audit: writes the intent, then (only if that worked) runs the
     * call, then records the outcome. The call may record the outcome itself through the
     * handle, with the KMS request ID and error; when it returns without one, SUCCEEDED
     * is recorded; when it throws without one, FAILED with the exception's class name
     * (never its message, which may echo request values), and the exception goes on.
     * @throws AuditUnavailableException the intent could not be written: the call was not
     * run
     */
    public <T> T attempt(AuditIntent intent, AuditedCall<T> call) {
        var handle = begin(intent);
        T result;
        try {
            result = call.call(handle);
        }
        catch (RuntimeException | Error e) {
            if (!handle.isResolved()) {
                handle.failed(e.getClass().getSimpleName(), null, null, null);
            }
            throw e;
        }
        if (!handle.isResolved()) {
            handle.succeeded(null);
        }
        return result;
    }

    /**
     * Records a one-shot event with its outcome: a sign-in, a denial, a refusal before
     * KMS, a change the console makes in its own database. Inside a transaction it joins
     * it, so that the event and the change it records commit (or roll back) together.
     * @throws AuditUnavailableException the event could not be written (inside a
     * transaction, that transaction is then marked rollback-only)
     */
    public void record(AuditIntent intent, AuditResult result) {
        record(intent, result, contexts.current());
    }

    /**
     * Records a one-shot event on behalf of {@code actor} rather than the request's
     * authentication: a sign-in the console refused, whose identity the provider vouched
     * for but which never became the request's user.
     * @throws AuditUnavailableException the event could not be written
     */
    public void record(AuditIntent intent, AuditResult result, AuditedActor actor) {
        record(intent, result, contexts.forActor(actor.auditName(), List.of()));
    }

    void record(AuditIntent intent, AuditResult result, AuditContext context) {
        var event = new NewEvent(UUID.randomUUID().toString(), EventKind.EVENT, null, null, context,
                intent.action().name(), intent.target(), AuditJson.parameters(intent.parameters()), intent.reason(),
                result.outcome(), result.errorName(), result.errorMessage(), result.kmsRequestId(),
                result.durationMillis());
        boolean joined = TransactionSynchronizationManager.isActualTransactionActive();
        AuditEventRow row;
        try {
            row = callersTransaction.execute(status -> events.append(event));
        }
        catch (DataAccessException | TransactionException e) {
            jsonLog.notStored(event, "database unavailable");
            throw new AuditUnavailableException(intent.action() + " could not be recorded", e);
        }
        catch (AuditUnavailableException e) {
            jsonLog.notStored(event, e.getMessage());
            throw e;
        }
        if (joined) {
            logAfterCommit(row);
        }
        else {
            jsonLog.stored(row);
        }
    }

    /**
     * A parameter recording that a secret field was set, holding only the keyed
     * fingerprint (HMAC-SHA-256 under {@code console.audit.fingerprint-key}) of
     * {@code secret}, never the secret.
     */
    public AuditParameter secretReplaced(String name, CharSequence secret) {
        return fingerprinter.secretReplaced(name, secret);
    }

    /**
     * A parameter recording that a secret field was set, from a fingerprint made earlier
     * by {@link #secretReplaced} (a change that waited for approval keeps only its
     * secrets' fingerprints). Anything but such a fingerprint is refused, so no plain
     * value can be recorded this way.
     * @throws IllegalArgumentException {@code fingerprint} is not a fingerprint
     */
    public AuditParameter secretFingerprinted(String name, String fingerprint) {
        if (!FINGERPRINT.matcher(fingerprint).matches()) {
            throw new IllegalArgumentException("Not a secret fingerprint");
        }
        return AuditParameter.secretReplaced(name, fingerprint);
    }

    /**
     * Resolves the intents whose outcome was lost (older than
     * {@code console.audit.reconcile-after}) of every store one Describe returned, from
     * what it showed (see {@link Reconciliation}): an update from its changed plain
     * fields, a connect or disconnect from the connection state; an inconclusive one
     * stays "outcome unknown". One query (on the small list of open intents) for all
     * stores. Never throws: the describe path must not fail because of the audit log.
     * @param observedByStore what the describe showed, by custom key store (its account,
     * Region and ID: two stores with the same ID in different accounts never settle each
     * other's intents)
     * @return how many intents were resolved
     */
    public int reconcilePending(Map<KeyStoreRef, ObservedState> observedByStore) {
        try {
            return reconcile(events.openIntents(clock.instant().minus(reconcileAfter)), observedByStore);
        }
        catch (RuntimeException e) {
            log.warn("Pending audit intents could not be reconciled: {}", e.getClass().getSimpleName());
            return 0;
        }
    }

    private int reconcile(List<AuditEventRow> openIntents, Map<KeyStoreRef, ObservedState> observedByStore) {
        int resolved = 0;
        for (var intent : openIntents) {
            var observed = observedOf(intent, observedByStore);
            if (observed == null || inFlight.contains(intent.seq())) {
                continue;
            }
            var verdict = Reconciliation.judge(intent.action(), AuditJson.readParameters(intent.parameters()),
                    observed);
            if (verdict.isPresent() && recordOutcome(intent, verdict.get().result(), verdict.get().observed())) {
                resolved++;
            }
        }
        return resolved;
    }

    /** What the describe showed of the intent's store; null when it did not show it. */
    private static @Nullable ObservedState observedOf(AuditEventRow intent,
            Map<KeyStoreRef, ObservedState> observedByStore) {
        String storeId = intent.targetStoreId();
        String region = intent.targetRegion();
        if (storeId == null || region == null) {
            return null;
        }
        try {
            return observedByStore.get(new KeyStoreRef(new KmsTarget(intent.targetAccount(), region), storeId));
        }
        catch (IllegalArgumentException e) {
            // A target that names no KMS store (e.g. a row of an older version): nothing
            // to settle it with.
            return null;
        }
    }

    /**
     * Writes the outcome of an intent in its own transaction; false when it could not (it
     * stays PENDING).
     */
    boolean recordOutcome(AuditEventRow intent, AuditResult result, List<AuditParameter> parameters) {
        return recordOutcome(intent, result, parameters, null);
    }

    /**
     * As {@link #recordOutcome(AuditEventRow, AuditResult, List)}, naming the store the
     * call created when the intent could not (its ID comes with KMS's answer).
     */
    boolean recordOutcome(AuditEventRow intent, AuditResult result, List<AuditParameter> parameters,
            @Nullable String createdStoreId) {
        var event = new NewEvent(UUID.randomUUID().toString(), EventKind.OUTCOME, intent.seq(), intent.eventId(),
                contexts.current(), intent.action(),
                new AuditTarget(intent.targetRegion(), intent.targetAccount(),
                        createdStoreId != null ? createdStoreId : intent.targetStoreId(), intent.targetStoreName()),
                AuditJson.parameters(new ArrayList<>(parameters)), null, result.outcome(), result.errorName(),
                result.errorMessage(), result.kmsRequestId(), result.durationMillis());
        try {
            var row = ownTransaction.execute(status -> events.appendOutcome(event));
            if (row == null || row.isEmpty()) {
                log.warn("The outcome of audit event {} was already recorded; {} not recorded again", intent.eventId(),
                        result.outcome());
                return false;
            }
            jsonLog.stored(row.get());
            return true;
        }
        catch (RuntimeException e) {
            jsonLog.notStored(event, "database unavailable");
            log.error("The outcome {} of audit event {} could not be recorded ({}); it shows as outcome unknown until "
                    + "reconciled", result.outcome(), intent.eventId(), e.getClass().getSimpleName());
            return false;
        }
    }

    /**
     * Lists again intents without outcome that are missing from the open-intent list; see
     * {@link AuditLog#verify}.
     */
    int relistOpenIntents(List<Long> intentSeqs) {
        if (intentSeqs.isEmpty()) {
            return 0;
        }
        Integer relisted = ownTransaction.execute(status -> events.relistOpenIntents(intentSeqs));
        return relisted == null ? 0 : relisted;
    }

    void settled(long intentSeq) {
        inFlight.remove(intentSeq);
    }

    private void logAfterCommit(AuditEventRow row) {
        if (!TransactionSynchronizationManager.hasResource(HOLDS_CHAIN_HEAD)) {
            TransactionSynchronizationManager.bindResource(HOLDS_CHAIN_HEAD, Boolean.TRUE);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(HOLDS_CHAIN_HEAD);
                }
            });
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                jsonLog.stored(row);
            }
        });
    }

}
