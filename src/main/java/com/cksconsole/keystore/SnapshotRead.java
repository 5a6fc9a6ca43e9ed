package com.cksconsole.keystore;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A snapshot as handed to a page: either current (within
 * {@code console.kms.snapshot-ttl}) or, when KMS could not be asked just now, the last
 * known one with the reason and its age.
 *
 * @param staleBecause null when the snapshot is current
 * @param age how old the snapshot is at the time of reading
 */
public record SnapshotRead(KeyStoreSnapshot snapshot, @Nullable KmsFailure staleBecause, Duration age) {

    public boolean stale() {
        return staleBecause != null;
    }
}
