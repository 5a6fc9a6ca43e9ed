package com.cksconsole.approval;

/**
 * Where a request stands. PENDING until enough approvals (APPROVED) or one rejection
 * (REJECTED); an APPROVED request is EXECUTING while its change is being sent, then
 * EXECUTED (or APPROVED again when nothing was sent). WITHDRAWN by its requester, EXPIRED
 * after its window, VOIDED when the store or the change differs from what was approved.
 */
public enum ApprovalStatus {

    PENDING, APPROVED, EXECUTING, EXECUTED, REJECTED, WITHDRAWN, EXPIRED, VOIDED;

    /** Whether nothing more can happen to the request. */
    public boolean closed() {
        return this != PENDING && this != APPROVED && this != EXECUTING;
    }

}
