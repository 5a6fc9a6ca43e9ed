package com.cksconsole.keystore;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Who holds a key store's change lock: a guided change (with its run ID) for its whole life, or a plain edit
 * for the moment it is being applied.
 *
 * @param runId the guided change holding the store; null for a plain edit
 * @param holder the user who started the guided change or is applying the edit
 */
public record StoreLockHolder(String storeId, @Nullable String runId, String holder, Instant acquiredAt) {

    public boolean isGuidedRun() {
        return runId != null;
    }
}
