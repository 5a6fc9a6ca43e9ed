package com.cksconsole.keystore.web;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.kms.KeyStoreRef;

/**
 * The two ways out of a change without sending anything: "Cancel" on the XKS edit form,
 * and "Cancel" or "Start over" on the review page. Each forgets any secret the change
 * held (typed or imported) at once rather than when it expires, and neither asks KMS: a
 * handle or token is bound to its store ID, user and session.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class LeaveWithoutChangeController {

    static final String CANCELLED = "Nothing was changed.";

    private final PendingUpdateStore pendingUpdates;

    private final XksImports imports;

    LeaveWithoutChangeController(PendingUpdateStore pendingUpdates, XksImports imports) {
        this.pendingUpdates = pendingUpdates;
        this.imports = imports;
    }

    @InitBinder(EditPage.XKS_FORM)
    void bindXksForm(WebDataBinder binder) {
        binder.setAllowedFields(XksUpdateForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    /**
     * Leaves the XKS form without changing anything, and forgets an imported secret it
     * held.
     */
    @PostMapping("/t/{target}/key-stores/{id}/edit/cancel")
    String cancelEdit(KeyStoreRef ref, @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form, Principal principal,
            HttpSession session, RedirectAttributes redirect) {
        imports.discard(form, principal, session, ref);
        redirect.addFlashAttribute("success", CANCELLED);
        return "redirect:/t/{target}/key-stores/{id}";
    }

    /** {@code then=detail} is "Cancel", {@code then=edit} is "Start over". */
    @PostMapping("/t/{target}/key-stores/{id}/review/{token}/cancel")
    String cancelReview(KeyStoreRef ref, @PathVariable String token,
            @RequestParam(name = "then", defaultValue = "detail") String then, Principal principal, HttpSession session,
            RedirectAttributes redirect) {
        pendingUpdates.discard(session, principal.getName(), ref, token);
        if ("edit".equals(then)) {
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        redirect.addFlashAttribute("success", CANCELLED);
        return "redirect:/t/{target}/key-stores/{id}";
    }

}
