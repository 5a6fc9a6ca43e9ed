package com.cksconsole.keystore.guided;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One step of a guided change as recorded.
 *
 * @param attempts how often its KMS call was sent (or its state asked, for a wait)
 * @param detail what happened, in plain words (never a secret)
 */
public record GuidedStep(int order, StepName name, StepStatus status, @Nullable Instant startedAt,
        @Nullable Instant finishedAt, int attempts, @Nullable String detail) {

    GuidedStep with(StepStatus newStatus, @Nullable Instant newStartedAt, @Nullable Instant newFinishedAt,
            int newAttempts, @Nullable String newDetail) {
        return new GuidedStep(order, name, newStatus, newStartedAt, newFinishedAt, newAttempts, newDetail);
    }

    /**
     * How long the step took (or has taken until {@code now}); null when it never
     * started.
     */
    public @Nullable Duration duration(Instant now) {
        if (startedAt == null) {
            return null;
        }
        return Duration.between(startedAt, finishedAt != null ? finishedAt : now);
    }
}
