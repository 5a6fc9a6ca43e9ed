package com.cksconsole.rotation;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One thing that happened in a run, for its page (the audit log holds the same).
 *
 * @param outcome {@code OK}, {@code WAITING} or {@code FAILED}
 * @param actor the console user, or null for the console's own checks
 */
public record RotationEvent(Instant occurredAt, RotationStep step, String outcome, @Nullable String actor,
        String detail) {
}
