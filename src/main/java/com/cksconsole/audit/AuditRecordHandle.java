package com.cksconsole.audit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * A written intent, waiting for its outcome. Call exactly one of the outcome methods,
 * once, after the attempt; each writes the outcome as its own chained event referring to
 * the intent. They never throw for a database problem: they return false, and the intent
 * stays visibly "outcome unknown" until reconciled.
 */
public final class AuditRecordHandle {

    private final AuditTrail trail;

    private final AuditEventRow intent;

    private final long startedNanos;

    private final AtomicBoolean resolved = new AtomicBoolean();

    AuditRecordHandle(AuditTrail trail, AuditEventRow intent, long startedNanos) {
        this.trail = trail;
        this.intent = intent;
        this.startedNanos = startedNanos;
    }

    /** The intent's event ID (its page is {@code /audit/<id>}). */
    public String eventId() {
        return intent.eventId();
    }

    /** The intent's position in the chain. */
    public long seq() {
        return intent.seq();
    }

    /**
     * KMS accepted the call; the duration is the time since {@link AuditTrail#begin}
     * returned.
     */
    public boolean succeeded(@Nullable String kmsRequestId) {
        return succeeded(kmsRequestId, elapsed());
    }

    public boolean succeeded(@Nullable String kmsRequestId, @Nullable Duration duration) {
        return resolve(AuditResult.succeeded(kmsRequestId, duration));
    }

    /**
     * KMS accepted a call that created a store, whose ID only KMS's answer holds: the
     * outcome names it, so the new store's change history lists its creation.
     */
    public boolean created(@Nullable String kmsRequestId, String storeId) {
        return resolve(AuditResult.succeeded(kmsRequestId, elapsed()), storeId);
    }

    /**
     * KMS refused the call or did not answer.
     * @param errorName the KMS error name (e.g.
     * {@code CustomKeyStoreInvalidStateException}) or a short label such as
     * {@code Timeout}
     * @param message KMS's message, never text that may echo request values
     * @param duration null: the time since {@link AuditTrail#begin} returned
     */
    public boolean failed(String errorName, @Nullable String message, @Nullable String kmsRequestId,
            @Nullable Duration duration) {
        return resolve(AuditResult.failed(errorName, message, kmsRequestId, duration == null ? elapsed() : duration));
    }

    /**
     * Refused after the intent was written (e.g. a final state check) and before anything
     * was sent to KMS.
     */
    public boolean rejected(List<String> reasons) {
        return resolve(AuditResult.rejected(reasons));
    }

    /** Whether an outcome method has been called. */
    public boolean isResolved() {
        return resolved.get();
    }

    private boolean resolve(AuditResult result) {
        return resolve(result, null);
    }

    private boolean resolve(AuditResult result, @Nullable String createdStoreId) {
        if (!resolved.compareAndSet(false, true)) {
            throw new IllegalStateException("The outcome of audit event " + intent.eventId() + " was already given");
        }
        try {
            return trail.recordOutcome(intent, result, List.of(), createdStoreId);
        }
        finally {
            trail.settled(intent.seq());
        }
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    @Override
    public String toString() {
        return "AuditRecordHandle[" + intent.eventId() + ", " + intent.action() + "]";
    }

}
