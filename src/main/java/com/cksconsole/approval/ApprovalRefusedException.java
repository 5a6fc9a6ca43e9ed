package com.cksconsole.approval;

/**
 * A request, decision, withdrawal or execution the approval rules refuse; the message
 * says why, for the operator. Nothing was changed.
 */
public class ApprovalRefusedException extends RuntimeException {

    /** Why, as the page shows it. */
    public enum Reason {

        NO_POLICY, NOT_FOUND, SELF_APPROVAL, WRONG_ROLE, ALREADY_DECIDED, NOT_PENDING, NOT_APPROVED, EXPIRED, VOIDED,
        NOT_EXECUTOR, SECRET_MISMATCH, NOT_REQUESTER, NO_BREAK_GLASS, REASON_REQUIRED

    }

    private final Reason reason;

    public ApprovalRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

}
