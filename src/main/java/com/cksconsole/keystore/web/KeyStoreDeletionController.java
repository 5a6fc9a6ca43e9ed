package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

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
 * plain words, the "still holds KMS keys" one with a link to the store's keys.
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

    KeyStoreDeletionController(KeyStoreReads reads, KeyStoreDeletion deletion, DeletionTokens tokens,
            KeyImpactModel keyImpact) {
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
    String confirm(KeyStoreRef ref, Model model, Principal principal, HttpSession session) {
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
        return render(model, ref, store, new DeleteForm(token, null));
    }

    @PostMapping("/t/{target}/key-stores/{id}/delete")
    String delete(KeyStoreRef ref, @Valid @ModelAttribute(FORM) DeleteForm form, BindingResult errors, Model model,
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
            return render(model, ref, reads.describeNow(ref), form);
        }
        if (tokens.take(session, user, ref, issued.get().token()).isEmpty()) {
            return used(ref, model, response);
        }
        try {
            var deleted = deletion.delete(ref, issued.get().storeName(), user);
            redirect.addFlashAttribute("success", "The key store " + deleted.name() + " (" + ref.keyStoreId()
                    + ") was deleted from KMS." + (deleted.outcomeRecorded() ? ""
                            : " The audit log could not record the outcome: its entry shows \"outcome unknown\"."));
            return "redirect:/t/{target}/key-stores";
        }
        catch (KeyStoreNotFoundException e) {
            redirect.addFlashAttribute("failure", GONE);
            return "redirect:/t/{target}/key-stores";
        }
        catch (KeyStoreDeletionFailedException e) {
            redirect.addFlashAttribute("failure", e.explanation());
            redirect.addFlashAttribute(HOLDS_KMS_KEYS, e.storeHoldsKmsKeys());
        }
        catch (KeyStoreDeletionRefusedException e) {
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
            redirect.addFlashAttribute("failure", BUSY);
        }
        catch (ChangeNotSentException e) {
            redirect.addFlashAttribute("failure", NOT_SENT);
        }
        catch (KmsCallException e) {
            redirect.addFlashAttribute("failure",
                    "KMS could not be asked for the key store's current state (" + KmsProblem.of(e.failure()).title()
                            + "), so nothing was sent. " + DeletionFailureMessages.of(e.failure(), null));
        }
        return "redirect:/t/{target}/key-stores/{id}/delete";
    }

    /**
     * Whether the page offers the deletion: KMS deletes only a DISCONNECTED store, and
     * not while a guided change holds it.
     */
    private boolean deletable(KeyStoreRef ref, CustomKeyStore store) {
        return store.connectionState() == ConnectionState.DISCONNECTED
                && reads.changeUnderWay(ref).filter(holder -> holder.isGuidedRun()).isEmpty();
    }

    private String render(Model model, KeyStoreRef ref, CustomKeyStore store, DeleteForm form) {
        model.addAttribute("store", store);
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
