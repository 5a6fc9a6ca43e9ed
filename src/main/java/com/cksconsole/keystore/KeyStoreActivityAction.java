package com.cksconsole.keystore;

/**
 * What a {@link KeyStoreActivityRecord} reports. UpdateCustomKeyStore itself (plain or
 * guided) is not here: every update is audited through {@code internal.KeyStoreAudit},
 * with its fields from old to new.
 */
public enum KeyStoreActivityAction {

    /**
     * ConnectCustomKeyStore (from the detail page, or a guided change's connect step).
     */
    CONNECT,
    /**
     * DisconnectCustomKeyStore (from the detail page, or a guided change's disconnect
     * step).
     */
    DISCONNECT,
    /**
     * The console's own GetHealthStatus call to an XKS proxy before an update, with its
     * result.
     */
    XKS_PREFLIGHT,
    /**
     * An operator went on although the XKS pre-flight check failed or could not run; the
     * reason is required.
     */
    XKS_PREFLIGHT_OVERRIDDEN,
    /** A guided change was created (its plan, mode and reason). */
    GUIDED_RUN_STARTED,
    /**
     * One step of a guided change ended (done, failed, skipped); details name the step
     * and its result.
     */
    GUIDED_STEP,
    /**
     * A guided change ended (completed, failed, cancelled); details say the store's state
     * and what to do.
     */
    GUIDED_RUN_ENDED,
    /** An operator asked to cancel a guided change (possible until its update step). */
    GUIDED_RUN_CANCEL_REQUESTED,
    /**
     * An operator asked a guided change to leave the key store disconnected after its
     * update.
     */
    GUIDED_RUN_LEAVE_DISCONNECTED_REQUESTED,
    /**
     * A guided change paused for a secret it needs (after a restart) and an operator gave
     * it again.
     */
    GUIDED_RUN_SECRET_PROVIDED,
    /**
     * An operator gave a paused guided change its secret again, and its check refused it:
     * the run stays paused.
     */
    GUIDED_RUN_SECRET_REFUSED,
    /**
     * A guided change stopped because it needs a secret the console no longer holds
     * (after a restart).
     */
    GUIDED_RUN_NEEDS_SECRET

}
