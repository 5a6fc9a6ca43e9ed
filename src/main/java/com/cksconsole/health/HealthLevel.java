package com.cksconsole.health;

/**
 * The console's verdict on one store, computed from its connection state, its probes and
 * its certificate, credential and key checks. Ordered from best to worst, so that the
 * worst finding decides.
 */
public enum HealthLevel {

    /** Nothing known yet (no probe, no state seen). */
    UNKNOWN,
    /** Every check passes. */
    HEALTHY,
    /** It still serves KMS, but something will make it fail unless someone acts. */
    AT_RISK,
    /** KMS cannot use it now (or the console cannot reach its proxy). */
    FAILING;

    /** The worse of the two. */
    public HealthLevel worst(HealthLevel other) {
        return other.ordinal() > ordinal() ? other : this;
    }

}
