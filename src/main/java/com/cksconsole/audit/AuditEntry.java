package com.cksconsole.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One line of the audit log as the views show it: a one-shot event, or an intent joined
 * with the separate chained event that records its outcome (absent: "outcome unknown").
 */
public record AuditEntry(AuditEvent event, @Nullable AuditEvent outcomeEvent) {

    /** The outcome; PENDING for an intent whose outcome has not been recorded. */
    public AuditOutcome outcome() {
        var carrier = carrier();
        return carrier == null || carrier.outcome() == null ? AuditOutcome.PENDING : carrier.outcome();
    }

    public boolean isPending() {
        return outcome() == AuditOutcome.PENDING;
    }

    public @Nullable String errorName() {
        var carrier = carrier();
        return carrier == null ? null : carrier.errorName();
    }

    public @Nullable String errorMessage() {
        var carrier = carrier();
        return carrier == null ? null : carrier.errorMessage();
    }

    public @Nullable String kmsRequestId() {
        var carrier = carrier();
        return carrier == null ? null : carrier.kmsRequestId();
    }

    public @Nullable Long durationMs() {
        var carrier = carrier();
        return carrier == null ? null : carrier.durationMs();
    }

    /**
     * Whether the outcome was inferred later from a describe, because it could not be
     * recorded at the time.
     */
    public boolean isReconciled() {
        return outcomeEvent != null
                && outcomeEvent.parameters().stream().anyMatch(p -> p.kind() == AuditParameter.Kind.OBSERVED);
    }

    /**
     * The changed fields (plain changes and replaced secrets), in the order they were
     * recorded.
     */
    public List<AuditParameter> changes() {
        return event.parameters().stream().filter(AuditParameter::isChange).toList();
    }

    /** The other parameters (values, files). */
    public List<AuditParameter> details() {
        return event.parameters().stream().filter(p -> !p.isChange()).toList();
    }

    private @Nullable AuditEvent carrier() {
        return event.kind() == EventKind.INTENT ? outcomeEvent : event;
    }
}
