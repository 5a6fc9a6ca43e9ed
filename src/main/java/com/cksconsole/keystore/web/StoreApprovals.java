package com.cksconsole.keystore.web;

import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalRequirement;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.approval.ProposedChange;

/**
 * The approval rules ({@link Approvals}) as the connect, disconnect and delete pages
 * apply them: whether an operation on a store needs approval, the request, the execution
 * of an approved request or a break glass, and the report of whether the change was sent.
 */
@Component
class StoreApprovals {

    private final Approvals approvals;

    private final CurrentApprover currentApprover;

    StoreApprovals(Approvals approvals, CurrentApprover currentApprover) {
        this.approvals = approvals;
        this.currentApprover = currentApprover;
    }

    /**
     * What the confirmation page offers instead of the plain action.
     *
     * @param breakGlass whether the signed-in user may act without approval
     */
    record Offer(ApprovalRequirement requirement, boolean breakGlass) {

        /** "This needs approval by two approvers with the ADMIN role, other than you". */
        public String summary() {
            return "This needs approval by " + requirement.approversText() + ", other than you";
        }

    }

    /** Empty when the operation needs no approval on this store (today's behaviour). */
    Optional<Offer> offer(String target, String storeId, ApprovalOperation operation, String user) {
        return approvals.requirement(target, storeId, Set.of(operation))
            .map(requirement -> new Offer(requirement, approvals.holdsBreakGlass(user)));
    }

    boolean needed(ProposedChange change) {
        return approvals.requirement(change.target(), change.storeId(), change.operations()).isPresent();
    }

    /**
     * @throws com.cksconsole.approval.ApprovalRefusedException no reason, or no policy
     */
    ApprovalRequest request(ProposedChange change, String user, @Nullable String reason) {
        return approvals.request(change, user, reason);
    }

    /**
     * The request, when it is one for this operation on this store (so that an execute
     * URL cannot be pointed at another store's or operation's request).
     */
    Optional<ApprovalRequest> find(String requestId, String target, String storeId, ApprovalOperation operation) {
        return approvals.find(requestId)
            .filter(request -> request.change().target().equals(target) && storeId.equals(request.change().storeId())
                    && request.change().operations().equals(Set.of(operation)));
    }

    /**
     * Leave to execute the approved request, for the signed-in user, with the change as
     * rebuilt from the store read just now.
     * @throws com.cksconsole.approval.ApprovalRefusedException not approved, expired,
     * voided (the store changed) or not this user's to execute
     */
    ExecutionClearance clear(String requestId, ProposedChange now) {
        return approvals.clear(requestId, now, currentApprover.on(now.target()));
    }

    /**
     * @throws com.cksconsole.approval.ApprovalRefusedException no grant, or no reason
     */
    ExecutionClearance breakGlass(ProposedChange change, String user, @Nullable String reason) {
        return approvals.breakGlass(change, user, reason);
    }

    /**
     * The change was sent (whatever KMS answered): an approved request is EXECUTED.
     * Nothing to report without a clearance (no policy covered the change).
     */
    void sent(@Nullable ExecutionClearance clearance) {
        if (clearance != null) {
            approvals.sent(clearance);
        }
    }

    /** Nothing of the change was sent: an approved request stands, for another try. */
    void notSent(@Nullable ExecutionClearance clearance) {
        if (clearance != null) {
            approvals.notSent(clearance);
        }
    }

}
