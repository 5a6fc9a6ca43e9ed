package com.cksconsole.keystore.web;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.targets.Target;

/**
 * One target's part of the key store list: how many stores it holds against its quota,
 * or, when it could not be read, what failed, shown in its own place while the other
 * targets still show.
 *
 * @param read the target's snapshot; null when it failed
 * @param staleAge how old a marked, older snapshot is (null when current or failed)
 * @param problem what failed (null when the target could be read)
 */
record TargetSection(Target target, @Nullable SnapshotRead read, @Nullable String staleAge,
        @Nullable KmsProblem problem) {

    /** Key stores in the target (0 when it failed). */
    public int count() {
        return read == null ? 0 : read.snapshot().stores().size();
    }

    /** "7 of 10": the stores against the account and Region's quota. */
    public String quotaText() {
        return count() + " of " + target.storeQuota();
    }

    public boolean failed() {
        return problem != null;
    }

    public boolean full() {
        return read != null && count() >= target.storeQuota();
    }

}
