package com.cksconsole.rotation.web;

import java.security.Principal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.rotation.CredentialRotations;
import com.cksconsole.rotation.RotationRefusedException;

/**
 * An approved credential rotation (docs/approvals.md), started on its own page, with the
 * operator's own secret entered again (its fingerprint must match the approved one).
 */
@Controller
@PreAuthorize(RotationPages.MAY_CHANGE)
class RotationApprovalController {

    static final String VIEW = "rotation/approved";

    private final RotationApprovals rotationApprovals;

    private final Approvals approvals;

    private final CurrentApprover approver;

    private final CredentialRotations rotations;

    private final KeyStoreReads reads;

    RotationApprovalController(RotationApprovals rotationApprovals, Approvals approvals, CurrentApprover approver,
            CredentialRotations rotations, KeyStoreReads reads) {
        this.rotationApprovals = rotationApprovals;
        this.approvals = approvals;
        this.approver = approver;
        this.rotations = rotations;
        this.reads = reads;
    }

    @GetMapping("/t/{target}/key-stores/{id}/rotations/approved/{requestId}")
    String page(KeyStoreRef ref, @PathVariable String target, @PathVariable String requestId, Model model) {
        return render(model, approvedRotation(ref, target, requestId), target, null);
    }

    @PostMapping("/t/{target}/key-stores/{id}/rotations/approved/{requestId}")
    String start(KeyStoreRef ref, @PathVariable String target, @PathVariable String requestId,
            @RequestParam(name = "secretAccessKey", required = false) @Nullable String secret, Principal principal,
            Model model, RedirectAttributes redirect) {
        var request = approvedRotation(ref, target, requestId);
        String accessKeyId = RotationApprovals.ownAccessKeyId(request);
        if (accessKeyId != null && (secret == null || secret.isEmpty())) {
            return render(model, request, target,
                    "Enter it again: secrets are not kept while a change waits for approval.");
        }
        var store = reads.describeNow(ref);
        com.cksconsole.approval.ExecutionClearance clearance;
        try {
            clearance = approvals.clear(requestId,
                    rotationApprovals.describe(target, store, accessKeyId, accessKeyId == null ? null : secret),
                    approver.on(target));
        }
        catch (ApprovalRefusedException e) {
            if (e.reason() == ApprovalRefusedException.Reason.SECRET_MISMATCH) {
                return render(model, request, target, e.getMessage());
            }
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:/t/{target}/approvals/" + requestId;
        }
        try {
            var run = rotations.start(ref, principal.getName(), clearance.auditNote() + ". " + request.reason(),
                    accessKeyId == null ? null
                            : new XksCredential(accessKeyId, Secret.of(Objects.requireNonNull(secret))));
            approvals.sent(clearance);
            return "redirect:/t/{target}/key-stores/{id}/rotations/" + run.id();
        }
        catch (RotationRefusedException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:/t/{target}/key-stores/{id}/rotations/approved/" + requestId;
        }
    }

    private ApprovalRequest approvedRotation(KeyStoreRef ref, String target, String requestId) {
        return approvals.find(requestId)
            .filter(request -> request.change().target().equals(target)
                    && ref.keyStoreId().equals(request.change().storeId())
                    && request.change().operations().contains(ApprovalOperation.CREDENTIAL_ROTATION))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String render(Model model, ApprovalRequest request, String target, @Nullable String secretError) {
        model.addAttribute("request", request);
        model.addAttribute("base", "/t/" + target + "/key-stores/" + request.change().storeId());
        model.addAttribute("executable",
                request.status() == ApprovalStatus.APPROVED && request.executableBy(approver.on(target)));
        model.addAttribute("needsSecret", RotationApprovals.ownAccessKeyId(request) != null);
        model.addAttribute("secretError", secretError);
        return VIEW;
    }

}
