package com.cksconsole.keystore.web;

import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreService;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.kms.KeyStoreType;

/**
 * The XKS edit form's import of a proxy configuration file (or pasted JSON), and the two ways to let go of an
 * imported secret: use a different one, or cancel. Each request carries the whole form, so the operator's
 * typed input survives every one of them.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class XksImportController {

    static final String CANCELLED = "Nothing was changed.";

    private final KeyStoreService service;
    private final XksImports imports;
    private final KmsTargets targets;

    XksImportController(KeyStoreService service, XksImports imports, KmsTargets targets) {
        this.targets = targets;
        this.service = service;
        this.imports = imports;
    }

    @InitBinder(EditPage.XKS_FORM)
    void bindXksForm(WebDataBinder binder) {
        binder.setAllowedFields(XksUpdateForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    /**
     * Imports and shows the filled-in form ({@code then=edit}), or goes on to the review when the filled-in form
     * passes every check ({@code then=review}: "Import and review", the rotation in three clicks).
     */
    @PostMapping("/key-stores/{id}/edit/import")
    String importConfiguration(@PathVariable String id, @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form,
                               @RequestParam(name = XksImports.FILE, required = false) @Nullable MultipartFile file,
                               @RequestParam(name = XksImports.TEXT, required = false) @Nullable String text,
                               @RequestParam(name = "then", defaultValue = "edit") String then,
                               HttpServletRequest request, Model model, Principal principal, HttpSession session) {
        var store = service.find(targets.inDefaultTarget(id)).store();
        if (store.type() != KeyStoreType.EXTERNAL_KEY_STORE) {
            return "redirect:/key-stores/{id}/edit";
        }
        return imports.importInto(store, form, file, text, XksImports.formParts(request), "review".equals(then), model,
                principal, session);
    }

    /** "Use a different secret": forgets the imported secret and shows the empty secret field again. */
    @PostMapping("/key-stores/{id}/edit/discard-secret")
    String useDifferentSecret(@PathVariable String id, @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form,
                              Model model, Principal principal, HttpSession session) {
        CustomKeyStore store = service.find(targets.inDefaultTarget(id)).store();
        if (store.type() != KeyStoreType.EXTERNAL_KEY_STORE) {
            return "redirect:/key-stores/{id}/edit";
        }
        return imports.discardSecret(store, form, model, principal, session);
    }

    /** Leaves the form without changing anything, and forgets an imported secret it held. */
    @PostMapping("/key-stores/{id}/edit/cancel")
    String cancel(@PathVariable String id, @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form,
                  Principal principal, HttpSession session, RedirectAttributes redirect) {
        imports.discard(form, principal, session, id); // no need to ask KMS: the handle is bound to this ID
        redirect.addFlashAttribute("success", CANCELLED);
        return "redirect:/key-stores/{id}";
    }
}
