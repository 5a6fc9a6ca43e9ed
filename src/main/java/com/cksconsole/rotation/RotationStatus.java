package com.cksconsole.rotation;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a rotation run stands. Before {@link #UPDATING} sends UpdateCustomKeyStore the
 * run can be cancelled and KMS is untouched; after it the run can only complete, or end
 * with both credentials active on the proxy.
 */
public enum RotationStatus {

    /** Step 2: the operator installs the new credential on the proxy, then says so. */
    AWAITING_INSTALL(false),
    /**
     * Step 3: the console calls GetHealthStatus with the new credential until accepted.
     */
    PROVING(true),
    /** Step 4: UpdateCustomKeyStore with the new credential. */
    UPDATING(true),
    /**
     * Step 5: the console watches the store while KMS's hosts take the new credential.
     */
    SOAKING(true),
    /**
     * A check during the soak failed: the operator fixes it and watches again, or stops.
     */
    NEEDS_ATTENTION(false),
    /** Step 6: the operator removes the old credential from the proxy, then says so. */
    AWAITING_RETIREMENT(false),
    /**
     * The new secret was held in memory only and the console restarted: type it again.
     */
    NEEDS_SECRET(false), COMPLETED(false), FAILED(false), CANCELLED(false),
    /** Stopped after KMS moved: KMS uses the new credential, the proxy accepts both. */
    LEFT_BOTH_ACTIVE(false);

    private final boolean driven;

    RotationStatus(boolean driven) {
        this.driven = driven;
    }

    /** Whether the console's runner moves the run on by itself. */
    public boolean driven() {
        return driven;
    }

    public boolean ended() {
        return ENDED.contains(this);
    }

    private static final Set<RotationStatus> ENDED = EnumSet.of(COMPLETED, FAILED, CANCELLED, LEFT_BOTH_ACTIVE);

}
