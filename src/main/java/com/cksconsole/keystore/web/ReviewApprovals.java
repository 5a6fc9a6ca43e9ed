package com.cksconsole.keystore.web;

import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.keystore.guided.GuidedMode;

/**
 * The review page's side of two-person approval (docs/approvals.md): whether the reviewed
 * change needs approval, asking for it, and the gate before the change is sent, which
 * lets it through only as an approved request's execution or by break glass.
 */
@Component
class ReviewApprovals {

    private static final Logger log = LoggerFactory.getLogger(ReviewApprovals.class);

    static final String REQUESTED = "Approval requested. Nothing was sent to KMS, and the secrets you typed were "
            + "forgotten: you enter them again when you execute the approved change.";

    static final String APPROVAL_NEEDED = "This change needs approval before it is sent. Ask for approval below.";

    static final String APPROVAL_NEEDED_OR_BREAK_GLASS = "This change needs approval before it is sent. Ask for "
            + "approval below, or give a reason to break the glass.";

    private final Approvals approvals;

    private final UpdateApprovals updates;

    private final CurrentApprover approver;

    ReviewApprovals(Approvals approvals, UpdateApprovals updates, CurrentApprover approver) {
        this.approvals = approvals;
        this.updates = updates;
        this.approver = approver;
    }

    /**
     * What the gate decided: go (with a clearance when the change needs approval), or a
     * refusal of the approved request to show on its page.
     */
    record Gate(@Nullable ExecutionClearance clearance, @Nullable String refused, String refusedView) {

        static final Gate OPEN = new Gate(null, null, "");

    }

    /**
     * The gate before a confirmed change is sent. A change that executes an approved
     * request must still be the approved one (else the approval is void); a change that
     * needs approval without a request goes only by break glass with a reason; form
     * errors go into {@code errors}.
     */
    Gate gate(PendingUpdate pending, boolean guided, ReviewForm form, BindingResult errors, String user) {
        String target = KeyStoreRefResolver.currentTarget().name().value();
        GuidedMode mode = guided && form.mode() != null ? GuidedMode.valueOf(form.mode()) : null;
        String approval = pending.approval();
        if (approval != null) {
            var pinned = approvals.find(approval).map(UpdateApprovals::mode).orElse(null);
            if (guided && pinned != null && pinned != mode) {
                errors.rejectValue("mode", "pinned", "The approved change ends with \"" + pinned.label()
                        + "\": choose that, or ask for approval of the other end.");
                return Gate.OPEN;
            }
            try {
                return new Gate(approvals.clear(approval,
                        updates.describe(target, pending.loaded(), pending.change(), mode), approver.on(target)), null,
                        "");
            }
            catch (ApprovalRefusedException e) {
                return new Gate(null, e.getMessage(), "redirect:/t/{target}/approvals/" + approval);
            }
        }
        if (updates.requirement(target, pending, guided, mode).isEmpty()) {
            return Gate.OPEN;
        }
        String reason = form.breakGlassReason();
        if (reason == null || reason.isBlank()) {
            errors.reject("approvalRequired",
                    approvals.holdsBreakGlass(user) ? APPROVAL_NEEDED_OR_BREAK_GLASS : APPROVAL_NEEDED);
            return Gate.OPEN;
        }
        try {
            return new Gate(approvals.breakGlass(updates.describe(target, pending.loaded(), pending.change(), mode),
                    user, reason), null, "");
        }
        catch (ApprovalRefusedException e) {
            errors.rejectValue(ReviewForm.BREAK_GLASS_REASON, "breakGlass", Objects.toString(e.getMessage()));
            return Gate.OPEN;
        }
    }

    /** Records a request for approval of the reviewed change. */
    ApprovalRequest request(String target, PendingUpdate pending, boolean guided, ApprovalRequestForm form,
            String user) {
        var mode = guided ? GuidedMode.valueOf(Objects.requireNonNull(form.approvalMode(), "validated before")) : null;
        return approvals.request(updates.describe(target, pending.loaded(), pending.change(), mode), user,
                form.approvalReason());
    }

    /** What the review page shows about approval. */
    void addTo(Model model, PendingUpdate pending, boolean guided) {
        String approval = pending.approval();
        if (approval != null) {
            var request = approvals.find(approval);
            model.addAttribute("approvalExecution", request.orElse(null));
            model.addAttribute("pinnedMode", request.map(UpdateApprovals::mode).orElse(null));
            return;
        }
        var requirement = updates.requirement(KeyStoreRefResolver.currentTarget().name().value(), pending, guided,
                null);
        model.addAttribute("approvalRequirement", requirement.orElse(null));
        if (requirement.isPresent()) {
            model.addAttribute("breakGlass", approvals.holdsBreakGlass(pending.username()));
            model.addAttribute("approvalReasonMax", ApprovalRequestForm.REASON_MAX);
            model.addAttribute("breakGlassReasonMax", ReviewForm.BREAK_GLASS_REASON_MAX);
            if (!model.containsAttribute(ApprovalRequestForm.NAME)) {
                model.addAttribute(ApprovalRequestForm.NAME, ApprovalRequestForm.empty());
            }
        }
    }

    /** The change was sent (whatever KMS answered): the approved request is executed. */
    void sent(@Nullable ExecutionClearance clearance) {
        after(clearance, true);
    }

    /** Reports the end of a cleared change: sent, or not (the approval then stands). */
    void after(@Nullable ExecutionClearance clearance, boolean sent) {
        if (clearance == null) {
            return;
        }
        try {
            if (sent) {
                approvals.sent(clearance);
            }
            else {
                approvals.notSent(clearance);
            }
        }
        catch (RuntimeException e) {
            // The change's own audit entry names the request; the request stays
            // EXECUTING until an administrator looks (docs/approvals.md).
            log.warn("approval request {} could not be marked {}: {}", clearance.requestId(),
                    sent ? "executed" : "not sent", e.getClass().getName());
        }
    }

    /** The reason for the change's own audit entry: the approval or break glass first. */
    static @Nullable String auditReason(@Nullable ExecutionClearance clearance, @Nullable String reason) {
        if (clearance == null) {
            return reason;
        }
        return reason == null ? clearance.auditNote() : clearance.auditNote() + ". " + reason;
    }

}
