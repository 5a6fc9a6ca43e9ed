package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.HashMap;

import jakarta.servlet.http.HttpSession;

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
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.CurrentApprover;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Executes an approved update (docs/approvals.md): the page shows the approved change and
 * asks for its secrets again (they were not kept for the wait); posting rebuilds the
 * change on the store as read now, checks it against the approval (a changed store voids
 * it, a different secret is refused) and leads to the usual review page, whose
 * confirmation sends it.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class ApprovedUpdateController {

    static final String VIEW = "keystores/approved-update";

    static final String SECRET_NEEDED = "Enter it again: secrets are not kept while a change waits for approval.";

    private final Approvals approvals;

    private final UpdateApprovals updates;

    private final CurrentApprover approver;

    private final KeyStoreReads reads;

    private final PendingUpdateStore pendingUpdates;

    ApprovedUpdateController(Approvals approvals, UpdateApprovals updates, CurrentApprover approver,
            KeyStoreReads reads, PendingUpdateStore pendingUpdates) {
        this.approvals = approvals;
        this.updates = updates;
        this.approver = approver;
        this.reads = reads;
        this.pendingUpdates = pendingUpdates;
    }

    @GetMapping("/t/{target}/key-stores/{id}/review/approved/{requestId}")
    String page(KeyStoreRef ref, @PathVariable String target, @PathVariable String requestId, Model model) {
        var request = approvedUpdate(ref, target, requestId);
        return render(model, request, reads.describeNow(ref), null, null);
    }

    @PostMapping("/t/{target}/key-stores/{id}/review/approved/{requestId}")
    String execute(KeyStoreRef ref, @PathVariable String target, @PathVariable String requestId,
            @RequestParam(name = "keyStorePassword", required = false) @Nullable String password,
            @RequestParam(name = "secretAccessKey", required = false) @Nullable String secretAccessKey, Model model,
            Principal principal, HttpSession session, RedirectAttributes redirect) {
        var request = approvedUpdate(ref, target, requestId);
        var store = reads.describeNow(ref);
        var secrets = new HashMap<String, String>();
        var needed = UpdateApprovals.secretsToEnter(request);
        if (needed.contains(UpdatableProperty.KEY_STORE_PASSWORD)) {
            if (password == null || password.isEmpty()) {
                return render(model, request, store, UpdatableProperty.KEY_STORE_PASSWORD, SECRET_NEEDED);
            }
            secrets.put(UpdateApprovals.PASSWORD, password);
        }
        if (needed.contains(UpdatableProperty.XKS_CREDENTIAL)) {
            if (secretAccessKey == null || secretAccessKey.isEmpty()) {
                return render(model, request, store, UpdatableProperty.XKS_CREDENTIAL, SECRET_NEEDED);
            }
            secrets.put(UpdateApprovals.SECRET_ACCESS_KEY, secretAccessKey);
        }
        var change = UpdateApprovals.rebuild(request, store, secrets);
        try {
            approvals.verify(requestId, updates.describe(target, store, change, UpdateApprovals.mode(request)),
                    approver.on(target));
        }
        catch (ApprovalRefusedException e) {
            if (e.reason() == ApprovalRefusedException.Reason.SECRET_MISMATCH) {
                return render(model, request, store, needed.iterator().next(), e.getMessage());
            }
            redirect.addFlashAttribute("failure", e.getMessage());
            return "redirect:/t/{target}/approvals/" + requestId;
        }
        UpdateForm form = change instanceof CloudHsmChange ? CloudHsmUpdateForm.of(store) : XksUpdateForm.of(store);
        String token = pendingUpdates.putApproved(session, principal.getName(), ref, store, change, form, requestId);
        return "redirect:/t/{target}/key-stores/{id}/review/" + token;
    }

    /** The approved update request of this page, or 404. */
    private ApprovalRequest approvedUpdate(KeyStoreRef ref, String target, String requestId) {
        return approvals.find(requestId)
            .filter(request -> request.change().target().equals(target)
                    && ref.keyStoreId().equals(request.change().storeId())
                    && request.change().executePath().endsWith("/review/approved/"))
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    }

    private String render(Model model, ApprovalRequest request, CustomKeyStore store,
            @Nullable UpdatableProperty failedSecret, @Nullable String secretError) {
        model.addAttribute("request", request);
        model.addAttribute("store", store);
        model.addAttribute("executable", request.status() == ApprovalStatus.APPROVED
                && request.executableBy(approver.on(request.change().target())));
        var secrets = UpdateApprovals.secretsToEnter(request);
        model.addAttribute("needsPassword", secrets.contains(UpdatableProperty.KEY_STORE_PASSWORD));
        model.addAttribute("needsSecretAccessKey", secrets.contains(UpdatableProperty.XKS_CREDENTIAL));
        model.addAttribute("failedSecret", failedSecret);
        model.addAttribute("secretError", secretError);
        model.addAttribute("mode", UpdateApprovals.mode(request));
        return VIEW;
    }

}
