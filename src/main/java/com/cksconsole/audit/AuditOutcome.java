package com.cksconsole.audit;

/** How an audited attempt ended. */
public enum AuditOutcome {

    /** Done: KMS (or the console, for its own changes) accepted it. */
    SUCCEEDED,
    /** Attempted and failed: KMS refused it or did not answer. */
    FAILED,
    /** Refused because the user's role or the request's CSRF token did not allow it. */
    DENIED,
    /** Refused by validation or state rules before anything was sent to KMS. */
    REJECTED,
    /**
     * Not an outcome a caller records: the intent was written but its outcome was not
     * (yet). Shown as "outcome unknown" until the outcome arrives or a later describe
     * reconciles it.
     */
    PENDING

}
