package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

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

import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.CreateProblem;
import com.cksconsole.keystore.CreateRefusedException;
import com.cksconsole.keystore.CreatedStore;
import com.cksconsole.keystore.CreationRules;
import com.cksconsole.keystore.KeyStoreCreateFailedException;
import com.cksconsole.keystore.KeyStoreCreation;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.PreflightClearance;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.TargetNotUsableException;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.Target;

/**
 * Executes an approved create of a key store (docs/approvals.md): the page shows the
 * approved values and asks for the secret again (the XKS secret access key or the
 * {@code kmsuser} password: not kept while the request waited); posting rebuilds the
 * store from the request, checks it against the approval (a different secret is refused
 * next to its field, the approval stands), runs the checks the wizard's create step runs
 * (the XKS pre-flight, the rules on a fresh Describe) and sends CreateCustomKeyStore.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class ApprovedCreateController {

    static final String VIEW = "keystores/approved-create";

    static final String PATH = "/t/{target}/key-stores/new/approved/{requestId}";

    private final CreateApprovals approvals;

    private final KeyStoreCreation creation;

    private final KmsTargets targets;

    ApprovedCreateController(CreateApprovals approvals, KeyStoreCreation creation, KmsTargets targets) {
        this.approvals = approvals;
        this.creation = creation;
        this.targets = targets;
    }

    @GetMapping(PATH)
    String page(@PathVariable String target, @PathVariable String requestId, Model model) {
        var request = approvedCreate(target, requestId);
        model.addAttribute(KeyStoreRefResolver.TARGET, usable(target));
        return render(model, request, null, null, null, null);
    }

    @PostMapping(PATH)
    String execute(@PathVariable String target, @PathVariable String requestId,
            @RequestParam(required = false) @Nullable String secret,
            @RequestParam(required = false) @Nullable String overrideReason, Model model, Principal principal,
            RedirectAttributes redirect) {
        var request = approvedCreate(target, requestId);
        var kmsTarget = usable(target).kmsTarget();
        model.addAttribute(KeyStoreRefResolver.TARGET, usable(target));
        if (secret == null || secret.isEmpty()) {
            return render(model, request, ApprovedUpdateController.SECRET_NEEDED, overrideReason, null, null);
        }
        if (overrideReason != null && overrideReason.strip().length() > PreflightClearance.OVERRIDE_REASON_MAX) {
            return render(model, request, null, overrideReason,
                    "The reason must be at most " + PreflightClearance.OVERRIDE_REASON_MAX + " characters long.", null);
        }
        boolean external = CreateApprovals.external(request);
        var xks = external ? CreateApprovals.xksOf(request, kmsTarget, secret) : null;
        var cloudHsm = external ? null : CreateApprovals.cloudHsmOf(request, kmsTarget, secret);
        ProposedChange now = xks != null ? approvals.xks(target, xks)
                : approvals.cloudHsm(target, Objects.requireNonNull(cloudHsm));
        try {
            // Before the pre-flight: a wrong secret is refused without calling the proxy.
            approvals.verify(requestId, now);
        }
        catch (ApprovalRefusedException e) {
            return refused(e, model, request, overrideReason, redirect);
        }
        PreflightClearance preflight = null;
        if (xks != null) {
            PreflightResult result = creation.healthCheck(xks);
            preflight = PreflightClearance.decide(result, overrideReason).orElse(null);
            if (preflight == null) {
                creation.recordRefusedCreate(kmsTarget, xks.name(), principal.getName(),
                        List.of("The XKS pre-flight check neither passed nor was overridden"));
                return render(model, request, null, overrideReason, XksCreateController.OVERRIDE_NEEDED, result);
            }
        }
        ExecutionClearance clearance;
        try {
            clearance = approvals.clear(requestId, now);
        }
        catch (ApprovalRefusedException e) {
            return refused(e, model, request, overrideReason, redirect);
        }
        var cleared = preflight;
        return send(request, clearance,
                xks != null ? () -> creation.createXks(xks, principal.getName(), Objects.requireNonNull(cleared), null)
                        : () -> creation.createCloudHsm(Objects.requireNonNull(cloudHsm), principal.getName()),
                kmsTarget, redirect);
    }

    /**
     * Sends the create and reports to the approval rules whether it was sent. A failure
     * of unknown extent counts as sent, so an approval is never used twice for a store
     * KMS may have created.
     */
    private String send(ApprovalRequest request, ExecutionClearance clearance, Supplier<CreatedStore> call,
            KmsTarget kmsTarget, RedirectAttributes redirect) {
        String name = String.valueOf(request.change().parameters().get(CreationRules.NAME));
        String approvalPage = "redirect:/t/" + request.change().target() + "/approvals/" + request.id();
        String again = "redirect:" + request.executeUrl();
        try {
            var created = call.get();
            approvals.sent(clearance);
            redirect.addFlashAttribute("success",
                    "Key store " + name + " created (" + created.ref().keyStoreId()
                            + ") as approved. It is DISCONNECTED: connect it to use its KMS keys."
                            + (created.outcomeRecorded() ? "" : " The audit log could not record the outcome yet."));
            redirect.addFlashAttribute("justCreated", true);
            return "redirect:" + targets.storePath(created.ref());
        }
        catch (CreateRefusedException refused) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure",
                    "KMS would refuse this key store now, so nothing was sent; the " + "approval stands: "
                            + String.join(" ", refused.problems().stream().map(CreateProblem::message).toList()));
            return again;
        }
        catch (KeyStoreCreateFailedException failed) {
            approvals.sent(clearance);
            redirect.addFlashAttribute("failure", "KMS refused to create the key store: " + failed.problem().message()
                    + " The approval was used; ask for approval again with corrected values.");
            return approvalPage;
        }
        catch (ChangeNotSentException notSent) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", KeyStoreReviewController.NOT_SENT);
            return again;
        }
        catch (KmsCallException unread) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure",
                    "KMS could not be asked what the account and Region " + kmsTarget.region()
                            + " hold right before sending (" + unread.failure().errorCode()
                            + "). Nothing was sent: try again.");
            return again;
        }
        catch (RuntimeException e) {
            approvals.sent(clearance);
            throw e;
        }
    }

    /**
     * A different secret is shown next to its field (the approval stands); any other
     * refusal on the request's page.
     */
    private String refused(ApprovalRefusedException e, Model model, ApprovalRequest request,
            @Nullable String overrideReason, RedirectAttributes redirect) {
        if (e.reason() == ApprovalRefusedException.Reason.SECRET_MISMATCH) {
            return render(model, request, e.getMessage(), overrideReason, null, null);
        }
        redirect.addFlashAttribute("failure", e.getMessage() + " Nothing was sent to KMS.");
        return "redirect:/t/" + request.change().target() + "/approvals/" + request.id();
    }

    private Target usable(String target) {
        return targets.find(target).orElseThrow(() -> new TargetNotUsableException(target));
    }

    /** The approved create request of this page, or 404. */
    private ApprovalRequest approvedCreate(String target, String requestId) {
        return approvals.find(requestId, target).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String render(Model model, ApprovalRequest request, @Nullable String secretError,
            @Nullable String overrideReason, @Nullable String overrideError, @Nullable PreflightResult preflight) {
        model.addAttribute("request", request);
        model.addAttribute("external", CreateApprovals.external(request));
        model.addAttribute("executable", approvals.executable(request));
        model.addAttribute("secretError", secretError);
        model.addAttribute("overrideReason", overrideReason);
        model.addAttribute("overrideError", overrideError);
        model.addAttribute("preflight", preflight);
        return VIEW;
    }

}
