package com.cksconsole.approval.web;

import java.security.Principal;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;
import com.cksconsole.targets.Targets;

/**
 * The requests: the list of every target the user may see ({@code /approvals}, the URL
 * rule lets in whoever may view some target), one request
 * ({@code /t/{target}/approvals/{id}}, the view right on the target) and the answers to
 * it (POST: the change right on the target). Who may answer, and how, is
 * {@link Approvals}' rule: a refusal comes back as a message on the request's page (PRG).
 */
@Controller
class ApprovalRequestController {

    static final String LIST_VIEW = "approvals/list";

    static final String DETAIL_VIEW = "approvals/detail";

    /** How many closed requests the list shows under the open ones. */
    static final int RECENT_CLOSED = 20;

    /** How many of the newest requests are read to find them. */
    private static final int RECENT_SCANNED = 100;

    /** The longest comment kept (the column's size). */
    static final int MAX_COMMENT = 1000;

    private static final String TO_REQUEST = "redirect:/t/{target}/approvals/{id}";

    private final Approvals approvals;

    private final CurrentApprover currentApprover;

    private final TargetPermissions permissions;

    private final Targets targets;

    ApprovalRequestController(Approvals approvals, CurrentApprover currentApprover, TargetPermissions permissions,
            Targets targets) {
        this.targets = targets;
        this.approvals = approvals;
        this.currentApprover = currentApprover;
        this.permissions = permissions;
    }

    @GetMapping("/approvals")
    String list(Model model) {
        Predicate<String> visible = target -> TargetName.isValid(target) && permissions.mayView(new TargetName(target));
        List<RequestRow> open = approvals.open(visible)
            .stream()
            .map(request -> new RequestRow(request, request.awaits(currentApprover.on(request.change().target()))))
            .toList();
        // The newest of every state, of which the closed ones: the open ones are above.
        List<RequestRow> closed = approvals.newest(visible, RECENT_SCANNED)
            .stream()
            .filter(request -> request.status().closed())
            .limit(RECENT_CLOSED)
            .map(request -> new RequestRow(request, false))
            .toList();
        model.addAttribute("open", open);
        model.addAttribute("awaitingYou", open.stream().filter(RequestRow::awaitsYou).count());
        model.addAttribute("closed", closed);
        return LIST_VIEW;
    }

    @GetMapping("/t/{target}/approvals/{id}")
    String detail(@PathVariable String target, @PathVariable String id, Model model) {
        var request = requestOn(target, id);
        var viewer = currentApprover.on(target);
        model.addAttribute("request", request);
        model.addAttribute("view", RequestView.of(request, viewer));
        // The header names the request's target, account and Region, as on its stores'
        // pages.
        targets.find(new TargetName(target)).ifPresent(found -> model.addAttribute("storeTarget", found.target()));
        return DETAIL_VIEW;
    }

    @PostMapping("/t/{target}/approvals/{id}/approve")
    String approve(@PathVariable String target, @PathVariable String id,
            @RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
        return decide(target, id, true, comment, redirect);
    }

    @PostMapping("/t/{target}/approvals/{id}/reject")
    String reject(@PathVariable String target, @PathVariable String id,
            @RequestParam(required = false) @Nullable String comment, RedirectAttributes redirect) {
        return decide(target, id, false, comment, redirect);
    }

    @PostMapping("/t/{target}/approvals/{id}/withdraw")
    String withdraw(@PathVariable String target, @PathVariable String id, Principal user, RedirectAttributes redirect) {
        requestOn(target, id);
        try {
            approvals.withdraw(id, user.getName());
            redirect.addFlashAttribute("success",
                    "You withdrew the request: it can no longer be approved or executed.");
        }
        catch (ApprovalRefusedException refused) {
            redirect.addFlashAttribute("failure", refused.getMessage());
        }
        return TO_REQUEST;
    }

    private String decide(String target, String id, boolean approve, @Nullable String comment,
            RedirectAttributes redirect) {
        requestOn(target, id);
        if (comment != null && comment.strip().length() > MAX_COMMENT) {
            return refused(redirect, "A comment has at most " + MAX_COMMENT + " characters.", comment, true);
        }
        try {
            var decided = approvals.decide(id, currentApprover.on(target), approve, comment);
            redirect.addFlashAttribute("success", switch (decided.status()) {
                case APPROVED -> "You approved the request: it is APPROVED, and its requester may execute it until "
                        + decided.expiresAt() + ".";
                case REJECTED -> "You refused the request: it is REJECTED and cannot be executed.";
                default -> "You approved the request: it awaits "
                        + (decided.requirement().approvers() - decided.approvals()) + " more approval.";
            });
        }
        catch (ApprovalRefusedException refused) {
            return refused(redirect, String.valueOf(refused.getMessage()), comment,
                    refused.reason() == ApprovalRefusedException.Reason.REASON_REQUIRED);
        }
        return TO_REQUEST;
    }

    /**
     * The refusal as a message, the comment kept, and next to the comment field when the
     * comment was what was wrong.
     */
    private static String refused(RedirectAttributes redirect, String message, @Nullable String comment,
            boolean aboutTheComment) {
        redirect.addFlashAttribute("failure", message);
        if (aboutTheComment) {
            redirect.addFlashAttribute("commentError", message);
        }
        redirect.addFlashAttribute("comment", comment == null ? "" : comment);
        return TO_REQUEST;
    }

    /**
     * The request, when it is one of this target's: another target's request is not shown
     * under this one's address (its rights were not checked), whatever the ID.
     */
    private ApprovalRequest requestOn(String target, String id) {
        return approvals.find(id)
            .filter(request -> request.change().target().equals(target))
            .orElseThrow(() -> new ApprovalRequestNotFoundException(id));
    }

}
