package com.cksconsole.keystore;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An applied change: the store right before and right after UpdateCustomKeyStore.
 *
 * @param after null when the follow-up Describe failed (the change itself succeeded)
 * @param auditOutcomeRecorded false when KMS accepted the change but the audit log could
 * not record that (the console's database failed meanwhile): the audit entry shows
 * "outcome unknown" until it is reconciled
 */
public record UpdateOutcome(CustomKeyStore before, @Nullable CustomKeyStore after, Set<UpdatableProperty> changed,
        @Nullable String reason, boolean auditOutcomeRecorded) implements java.io.Serializable {

    /** An applied change whose outcome the audit log recorded. */
    public UpdateOutcome(CustomKeyStore before, @Nullable CustomKeyStore after, Set<UpdatableProperty> changed,
            @Nullable String reason) {
        this(before, after, changed, reason, true);
    }
}
