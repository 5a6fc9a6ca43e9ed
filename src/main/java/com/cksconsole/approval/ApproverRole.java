package com.cksconsole.approval;

/**
 * The role an approver must hold on the request's target: OPERATOR (the change right
 * there, by a global role or a grant) or ADMIN (the global role).
 */
public enum ApproverRole {

    OPERATOR, ADMIN;

    /** Whether someone with these rights on the target may approve. */
    boolean heldBy(Approver approver) {
        return this == ADMIN ? approver.admin() : approver.mayChangeTarget() || approver.admin();
    }

}
