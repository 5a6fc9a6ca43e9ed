package com.cksconsole.audit;

/**
 * The audit log cannot be written (database unavailable). Thrown by
 * {@link AuditTrail#begin} and {@link AuditTrail#record}: a caller that gets it must not
 * attempt the change, and should tell the operator that nothing was changed because the
 * change could not be audited.
 */
public class AuditUnavailableException extends RuntimeException {

    /** What an operator may be shown. */
    public static final String OPERATOR_MESSAGE = "Nothing was changed: the audit log cannot be written right now, and no change is made unaudited. "
            + "Try again later or ask an administrator to check the database.";

    public AuditUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The log is reachable but must not be appended to (e.g. this instance has another
     * chain key).
     */
    public AuditUnavailableException(String message) {
        super(message);
    }

}
