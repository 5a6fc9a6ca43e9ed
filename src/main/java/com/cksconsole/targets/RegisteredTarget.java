package com.cksconsole.targets;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A target as the console holds it: its definition, where it came from, its last check
 * and its version (edits are conditional on it).
 */
public record RegisteredTarget(Target target, TargetOrigin origin, @Nullable TargetCheckResult lastCheck, long version,
        Instant updatedAt, String updatedBy) {

    /**
     * Whether the console calls KMS for this target: enabled, and not refused by its last
     * check for reaching another account than the configured one.
     */
    public boolean usable() {
        return target.enabled() && (lastCheck == null || lastCheck.outcome() != TargetCheckOutcome.ACCOUNT_MISMATCH);
    }

    public TargetName name() {
        return target.name();
    }
}
