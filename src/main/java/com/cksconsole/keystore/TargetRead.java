package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsTarget;

/**
 * What one target (account and Region) answered for a list across targets: its stores
 * (possibly a marked, older snapshot), or why it could not be read. One target's failure
 * never hides the others' stores.
 *
 * @param read the target's snapshot; null when it failed
 * @param failure why the target could not be read at all; null when {@code read} is set
 */
public record TargetRead(KmsTarget target, @Nullable SnapshotRead read, @Nullable KmsFailure failure) {

    public TargetRead {
        if ((read == null) == (failure == null)) {
            throw new IllegalArgumentException("A target read holds either a snapshot or a failure");
        }
    }

    public static TargetRead of(KmsTarget target, SnapshotRead read) {
        return new TargetRead(target, read, null);
    }

    public static TargetRead failed(KmsTarget target, KmsFailure failure) {
        return new TargetRead(target, null, failure);
    }

    public boolean failed() {
        return failure != null;
    }

}
