package com.cksconsole.keystore;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Who holds a key store's change lock: a guided change (with its run ID) for its whole
 * life, or a plain edit for the moment it is being applied.
 *
 * @param store the key store held (its account, Region and ID)
 * @param runId the guided change holding the store; null for a plain edit
 * @param holder the user who started the guided change or is applying the edit
 */
public record StoreLockHolder(KeyStoreRef store, @Nullable String runId, String holder, Instant acquiredAt) {

    /**
     * How long a plain edit's hold lasts before it counts as abandoned (left by a console
     * that crashed, or lost its database, in the middle of an apply) and is taken over.
     * Far longer than the describe-update-describe of one apply with the SDK's retries.
     */
    public static final Duration EDIT_TAKEOVER = Duration.ofMinutes(5);

    /** The held store's ID (for messages within its account and Region). */
    public String storeId() {
        return store.keyStoreId();
    }

    public boolean isGuidedRun() {
        return runId != null;
    }

    /**
     * The one definition of an abandoned hold, for every path that checks the lock: a
     * plain edit's hold that is {@link #EDIT_TAKEOVER} old or older. A guided change's
     * hold is never abandoned: it ends with its run (a run whose instance died is resumed
     * by another instance once its lease has expired).
     */
    public boolean abandonedAt(Instant now) {
        return !isGuidedRun() && !acquiredAt.plus(EDIT_TAKEOVER).isAfter(now);
    }
}
