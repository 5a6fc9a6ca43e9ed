package com.cksconsole.audit;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of an audited attempt, as {@link AuditTrail#record} stores it with a
 * one-shot event and {@link AuditRecordHandle} with an intent.
 *
 * @param errorName for FAILED: the KMS error name (e.g.
 * {@code CustomKeyStoreInvalidStateException}) or a short label; for DENIED and REJECTED:
 * a short label
 * @param errorMessage a message for the reader of the log. Never pass text that may
 * contain request values (secrets): KMS's own message is fine, an exception's
 * {@code toString()} is not
 */
public record AuditResult(AuditOutcome outcome, @Nullable String errorName, @Nullable String errorMessage,
        @Nullable String kmsRequestId, @Nullable Duration duration) {

    public AuditResult {
        if (outcome == AuditOutcome.PENDING) {
            throw new IllegalArgumentException("PENDING is the absence of an outcome, not one to record");
        }
        errorName = AuditText.cleanNullable(errorName, 128);
        errorMessage = AuditText.cleanNullable(errorMessage, 2000);
        kmsRequestId = AuditText.cleanNullable(kmsRequestId, 128);
    }

    public static AuditResult succeeded() {
        return new AuditResult(AuditOutcome.SUCCEEDED, null, null, null, null);
    }

    public static AuditResult succeeded(@Nullable String kmsRequestId, @Nullable Duration duration) {
        return new AuditResult(AuditOutcome.SUCCEEDED, null, null, kmsRequestId, duration);
    }

    public static AuditResult failed(String errorName, @Nullable String message, @Nullable String kmsRequestId,
            @Nullable Duration duration) {
        return new AuditResult(AuditOutcome.FAILED, errorName, message, kmsRequestId, duration);
    }

    /** Refused for the user's role or a missing/invalid CSRF token. */
    public static AuditResult denied(String why) {
        return new AuditResult(AuditOutcome.DENIED, "AccessDenied", why, null, null);
    }

    /**
     * Refused by validation or state rules before anything was sent to KMS; one reason
     * per broken rule.
     */
    public static AuditResult rejected(List<String> reasons) {
        return new AuditResult(AuditOutcome.REJECTED, "Rejected", String.join("; ", reasons), null, null);
    }

    @Nullable Long durationMillis() {
        return duration == null ? null : duration.toMillis();
    }
}
