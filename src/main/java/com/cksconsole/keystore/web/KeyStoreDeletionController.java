package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRefusedException;
import com.cksconsole.approval.ApprovalRefusedException.Reason;
import com.cksconsole.approval.ExecutionClearance;
import com.cksconsole.keystore.ChangeNotSentException;
import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.DeletionFailureMessages;
import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.KeyStoreDeletion;
import com.cksconsole.keystore.KeyStoreDeletionFailedException;
import com.cksconsole.keystore.KeyStoreDeletionRefusedException;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Deleting a key store from its detail page: a confirmation page, from a fresh Describe,
 * that states the consequence and asks for the store's exact name, offered only for a
 * DISCONNECTED store (otherwise the page says how to get there); the POST, guarded by
 * CSRF, the change right on the target and a one-use token ({@link DeletionTokens}), then
 * the target's key store list (PRG). KMS's refusals come back to the confirmation page in
 * plain words, the "still holds KMS keys" one with a link to the store's keys. Under an
 * approval policy (docs/approvals.md) the page offers a request for approval (with the
 * typed name) instead, the plain POST is refused unless the user breaks the glass, and an
 * approved request is executed from its own page.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class KeyStoreDeletionController {

    static final String VIEW = "keystores/delete";
    static final String USED_VIEW = "keystores/delete-used";
    static final String FORM = "deleteForm";

    static final String WRONG_NAME = "This is not the key store's name. Type it exactly as shown above (letters, "
            + "case and spaces).";
    static final String NOT_SENT = "Nothing was sent to KMS: the console's database could not record the deletion "
            + "first (its change lock or the audit log's entry), and the console makes no change it cannot record. "
            + "Try again in a few minutes.";
    static final String BUSY = "Another change of this key store is under way, so the console did not delete it. "
            + "Nothing was sent to KMS. Try again once it has ended.";
    static final String RENAMED = "The key store was renamed since this page was shown, so nothing was deleted. "
            + "Check that it is the key store you mean, then confirm with its current name.";
    static final String GONE = "The key store no longer exists in KMS. Nothing was deleted.";

    static final String HOLDS_KEYS = "The key store still holds KMS keys, so nothing was sent: KMS deletes a key "
            + "store only when none of its KMS keys is left (keys pending deletion count until they are gone).";

    /** The flash attribute that asks the confirmation page to show the keys' notice. */
    static final String HOLDS_KMS_KEYS = "holdsKmsKeys";

    private final KeyStoreReads reads;

    private final KeyStoreDeletion deletion;

    private final DeletionTokens tokens;

    private final KeyImpactModel keyImpact;

    private final StoreApprovals approvals;

    KeyStoreDeletionController(KeyStoreReads reads, KeyStoreDeletion deletion, DeletionTokens tokens,
            KeyImpactModel keyImpact, StoreApprovals approvals) {
        this.approvals = approvals;
        this.keyImpact = keyImpact;
        this.reads = reads;
        this.deletion = deletion;
        this.tokens = tokens;
    }

    @InitBinder(FORM)
    void bindDeleteForm(WebDataBinder binder) {
        binder.setAllowedFields(DeleteForm.ALLOWED_FIELDS);
    }

    @GetMapping("/t/{target}/key-stores/{id}/delete")
    String confirm(@PathVariable String target, KeyStoreRef ref, Model model, Principal principal,
            HttpSession session) {
        // An ID the shared snapshot does not know is a 404 from the snapshot, costing no
        // Describe of its own; a known store is described afresh, so that the page
        // decides
        // whether to offer the deletion on the state KMS has now.
        reads.find(ref);
        CustomKeyStore store = reads.describeNow(ref);
        var keys = keyImpact.add(model, ref);
        boolean holdsKeys = keys != null && keys.read() && keys.total() > 0;
        if (holdsKeys) {
            model.addAttribute(HOLDS_KMS_KEYS, true);
        }
        String token = deletable(ref, store) && !holdsKeys
                ? tokens.issue(session, principal.getName(), ref, store.name()) : null;
        return render(model, target, ref, store, new DeleteForm(token, null), principal);
    }

    @PostMapping("/t/{target}/key-stores/{id}/delete")
    String delete(@PathVariable String target, KeyStoreRef ref, @Valid @ModelAttribute(FORM) DeleteForm form,
            BindingResult errors, @RequestParam(required = false) @Nullable String breakGlassReason, Model model,
            Principal principal, HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        String user = principal.getName();
        String token = form.token();
        var issued = token == null ? Optional.<DeletionTokens.Issued>empty() : tokens.peek(session, user, ref, token);
        if (issued.isEmpty()) {
            return used(ref, model, response);
        }
        if (!errors.hasFieldErrors(DeleteForm.CONFIRM_NAME) && !issued.get().storeName().equals(form.confirmName())) {
            errors.rejectValue(DeleteForm.CONFIRM_NAME, "wrongName", WRONG_NAME);
        }
        if (errors.hasErrors()) {
            // Nothing was sent; the token stays valid so that the name can be corrected.
            return render(model, target, ref, reads.describeNow(ref), form, principal);
        }
        ExecutionClearance clearance = null;
        var offer = approvals.offer(target, ref.keyStoreId(), ApprovalOperation.DELETE, user);
        if (offer.isPresent()) {
            // Under a policy only break glass deletes without an approved request; the
            // token stays valid.
            var store = reads.describeNow(ref);
            if (breakGlassReason == null) {
                response.setStatus(HttpStatus.CONFLICT.value());
                model.addAttribute("failure",
                        offer.get().summary() + ". Nothing was sent to KMS: request approval below.");
                return render(model, target, ref, store, form, principal);
            }
            try {
                clearance = approvals.breakGlass(DeletionChanges.of(target, store, issued.get().storeName()), user,
                        breakGlassReason);
            }
            catch (ApprovalRefusedException e) {
                response.setStatus(HttpStatus.CONFLICT.value());
                // Without a grant the page has no break-glass field to show the error
                // next to.
                model.addAttribute(e.reason() == Reason.NO_BREAK_GLASS ? "failure" : "breakGlassError", e.getMessage());
                model.addAttribute("breakGlassReason", breakGlassReason);
                return render(model, target, ref, store, form, principal);
            }
        }
        if (tokens.take(session, user, ref, issued.get().token()).isEmpty()) {
            return used(ref, model, response);
        }
        return send(ref, issued.get().storeName(), user, redirect, clearance);
    }

    @PostMapping("/t/{target}/key-stores/{id}/delete/request-approval")
    String requestApproval(@PathVariable String target, KeyStoreRef ref,
            @RequestParam(required = false) @Nullable String confirmName,
            @RequestParam(required = false) @Nullable String reason, Model model, Principal principal,
            HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        CustomKeyStore store = reads.describeNow(ref);
        if (!deletable(ref, store)) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("failure", "KMS deletes only a DISCONNECTED key store that no guided change holds, "
                    + "and this one is " + store.connectionState().name() + ": no approval was requested.");
            return render(model, target, ref, store, new DeleteForm(null, null), principal);
        }
        model.addAttribute("requestName", confirmName);
        model.addAttribute("requestReason", reason);
        if (confirmName == null || confirmName.isBlank()) {
            model.addAttribute("requestNameError", "Type the key store's name to confirm the deletion.");
            return requestAgain(model, target, ref, store, principal, session);
        }
        if (!store.name().equals(confirmName)) {
            model.addAttribute("requestNameError", WRONG_NAME);
            return requestAgain(model, target, ref, store, principal, session);
        }
        try {
            var request = approvals.request(DeletionChanges.of(target, store, confirmName), principal.getName(),
                    reason);
            redirect.addFlashAttribute("success", "Approval requested: the key store is deleted once the request is "
                    + "approved and you execute it.");
            return "redirect:/t/{target}/approvals/" + request.id();
        }
        catch (ApprovalRefusedException e) {
            model.addAttribute("requestError", e.getMessage());
            return requestAgain(model, target, ref, store, principal, session);
        }
    }

    @GetMapping("/t/{target}/key-stores/{id}/delete/approved/{requestId}")
    String approved(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId, Model model,
            HttpServletResponse response) {
        var request = approvals.find(requestId, target, ref.keyStoreId(), ApprovalOperation.DELETE);
        if (request.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
        }
        model.addAttribute("request", request.orElse(null));
        model.addAttribute("requestId", requestId);
        model.addAttribute("storeId", ref.keyStoreId());
        model.addAttribute("title", "Delete");
        model.addAttribute("executeLabel", "Delete the key store");
        return KeyStoreConnectionController.APPROVED_VIEW;
    }

    @PostMapping("/t/{target}/key-stores/{id}/delete/approved/{requestId}")
    String executeApproved(@PathVariable String target, KeyStoreRef ref, @PathVariable String requestId, Model model,
            Principal principal, HttpServletResponse response, RedirectAttributes redirect) {
        var request = approvals.find(requestId, target, ref.keyStoreId(), ApprovalOperation.DELETE);
        String confirmedName = request.map(r -> r.change().parameters().get(DeletionChanges.CONFIRMED_NAME))
            .orElse(null);
        if (confirmedName == null) {
            return approved(target, ref, requestId, model, response);
        }
        // The store as KMS has it now: an approval counts only for the store it was
        // given for.
        var now = DeletionChanges.of(target, reads.describeNow(ref), confirmedName);
        ExecutionClearance clearance;
        try {
            clearance = approvals.clear(requestId, now);
        }
        catch (ApprovalRefusedException e) {
            redirect.addFlashAttribute("failure", e.getMessage() + " Nothing was sent to KMS.");
            return "redirect:" + now.executePath() + requestId;
        }
        return send(ref, confirmedName, principal.getName(), redirect, clearance);
    }

    /**
     * Sends the deletion and reports to the approval rules whether it was sent
     * ({@code clearance} null: no policy covered it). A failure of unknown extent counts
     * as sent, so that an approval is never used twice for a change KMS may have
     * received.
     */
    private String send(KeyStoreRef ref, String confirmedName, String user, RedirectAttributes redirect,
            @Nullable ExecutionClearance clearance) {
        try {
            var deleted = deletion.delete(ref, confirmedName, user);
            approvals.sent(clearance);
            redirect.addFlashAttribute("success", "The key store " + deleted.name() + " (" + ref.keyStoreId()
                    + ") was deleted from KMS." + (deleted.outcomeRecorded() ? ""
                            : " The audit log could not record the outcome: its entry shows \"outcome unknown\"."));
            return "redirect:/t/{target}/key-stores";
        }
        catch (KeyStoreNotFoundException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:/t/{target}/key-stores";
        }
        catch (KeyStoreDeletionFailedException e) {
            // KMS was asked, and refused or did not answer.
            approvals.sent(clearance);
            redirect.addFlashAttribute("failure", e.explanation());
            redirect.addFlashAttribute(HOLDS_KMS_KEYS, e.storeHoldsKmsKeys());
        }
        catch (KeyStoreDeletionRefusedException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", switch (e.reason()) {
                case RENAMED -> RENAMED;
                case HOLDS_KEYS -> HOLDS_KEYS;
                case NOT_DISCONNECTED -> "The key store is " + e.current().connectionState().name()
                        + " now, so nothing was sent to KMS: KMS deletes only a DISCONNECTED key store.";
            });
            redirect.addFlashAttribute(HOLDS_KMS_KEYS,
                    e.reason() == KeyStoreDeletionRefusedException.Reason.HOLDS_KEYS);
        }
        catch (KeyStoreBusyException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", BUSY);
        }
        catch (ChangeNotSentException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure", NOT_SENT);
        }
        catch (KmsCallException e) {
            approvals.notSent(clearance);
            redirect.addFlashAttribute("failure",
                    "KMS could not be asked for the key store's current state (" + KmsProblem.of(e.failure()).title()
                            + "), so nothing was sent. " + DeletionFailureMessages.of(e.failure(), null));
        }
        catch (RuntimeException e) {
            approvals.sent(clearance);
            throw e;
        }
        return "redirect:/t/{target}/key-stores/{id}/delete";
    }

    /**
     * The page again after a request for approval it refused (its error next to the
     * field), with a fresh token for the page's break-glass form.
     */
    private String requestAgain(Model model, String target, KeyStoreRef ref, CustomKeyStore store, Principal principal,
            HttpSession session) {
        var form = new DeleteForm(tokens.issue(session, principal.getName(), ref, store.name()), null);
        return render(model, target, ref, store, form, principal);
    }

    /**
     * Whether the page offers the deletion: KMS deletes only a DISCONNECTED store, and
     * not while a guided change holds it.
     */
    private boolean deletable(KeyStoreRef ref, CustomKeyStore store) {
        return store.connectionState() == ConnectionState.DISCONNECTED
                && reads.changeUnderWay(ref).filter(holder -> holder.isGuidedRun()).isEmpty();
    }

    private String render(Model model, String target, KeyStoreRef ref, CustomKeyStore store, DeleteForm form,
            Principal principal) {
        model.addAttribute("store", store);
        model.addAttribute("approval",
                approvals.offer(target, ref.keyStoreId(), ApprovalOperation.DELETE, principal.getName()).orElse(null));
        model.addAttribute(FORM, form);
        model.addAttribute("disconnected", store.connectionState() == ConnectionState.DISCONNECTED);
        model.addAttribute("mayDisconnect", ConnectionOperation.DISCONNECT.acceptedIn(store.connectionState()));
        model.addAttribute("changeUnderWay",
                reads.changeUnderWay(ref).filter(holder -> holder.isGuidedRun()).orElse(null));
        model.addAttribute("allowed", form.token() != null && deletable(ref, store));
        return VIEW;
    }

    /**
     * A confirmation that was already used (a double click, a replayed form) or expired:
     * nothing is sent again. Says whether the store still exists.
     */
    private String used(KeyStoreRef ref, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.CONFLICT.value());
        boolean exists;
        try {
            // From the shared snapshot (the deletion dropped it): a replay costs at most
            // the one Describe every page shares.
            reads.find(ref);
            exists = true;
        }
        catch (KeyStoreNotFoundException gone) {
            exists = false;
        }
        catch (KmsCallException unknown) {
            exists = true;
        }
        model.addAttribute("storeId", ref.keyStoreId());
        model.addAttribute("storeExists", exists);
        return USED_VIEW;
    }

}
