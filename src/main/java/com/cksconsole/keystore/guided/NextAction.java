package com.cksconsole.keystore.guided;

/**
 * What the operator should do after a guided change ended or paused; the status page
 * offers it.
 */
public enum NextAction {

    /** Nothing: the store is as intended. */
    NONE,
    /** Connect the store (with the settings it has now). */
    CONNECT,
    /** Disconnect the store (the way out of FAILED). */
    DISCONNECT,
    /** Correct the change on the edit page. */
    EDIT,
    /** Give the run the secret it needs again, or cancel it. */
    PROVIDE_SECRET,
    /** Wait for KMS to finish a transition, then look again. */
    WAIT

}
