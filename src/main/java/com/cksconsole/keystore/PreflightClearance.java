package com.cksconsole.keystore;

import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Leave to send a change that needed an XKS pre-flight check: the check passed, or it
 * failed (or could not run) and an operator went on with a reason.
 *
 * @param overrideReason the operator's reason for going on despite the result; null when
 * the check passed
 */
public record PreflightClearance(PreflightResult result, @Nullable String overrideReason) {

    /** At most as long as the reason of a change. */
    public static final int OVERRIDE_REASON_MAX = 256;

    public PreflightClearance {
        if (!result.passed() && (overrideReason == null || overrideReason.isBlank())) {
            throw new IllegalArgumentException("A failed pre-flight check needs an override reason");
        }
        overrideReason = result.passed() || overrideReason == null ? null : overrideReason.strip();
    }

    /**
     * The clearance this result and reason give: a passed check clears by itself, any
     * other result only with a reason; empty when the change must not be sent.
     */
    public static Optional<PreflightClearance> decide(PreflightResult result, @Nullable String overrideReason) {
        if (result.passed()) {
            return Optional.of(new PreflightClearance(result, null));
        }
        if (overrideReason == null || overrideReason.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new PreflightClearance(result, overrideReason));
    }

    public boolean overridden() {
        return overrideReason != null;
    }
}
