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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.kms.KeyStoreType;

/**
 * The XKS edit form's import of a proxy configuration file (or pasted JSON), and the two
 * ways to let go of an imported secret: use a different one, or cancel
 * ({@link LeaveWithoutChangeController}). Each request carries the whole form, so the
 * operator's typed input survives every one of them. The store comes from
 * {@link EditedStoreController}.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class XksImportController extends EditedStoreController {

    private final XksImports imports;

    XksImportController(KeyStoreReads reads, XksImports imports) {
        super(reads);
        this.imports = imports;
    }

    @InitBinder(EditPage.XKS_FORM)
    void bindXksForm(WebDataBinder binder) {
        binder.setAllowedFields(XksUpdateForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    /**
     * Imports and shows the filled-in form ({@code then=edit}), or goes on to the review
     * when the filled-in form passes every check ({@code then=review}: "Import and
     * review", the rotation in three clicks).
     */
    @PostMapping("/t/{target}/key-stores/{id}/edit/import")
    String importConfiguration(@ModelAttribute(name = STORE, binding = false) CustomKeyStore store,
            @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form,
            @RequestParam(name = XksImports.FILE, required = false) @Nullable MultipartFile file,
            @RequestParam(name = XksImports.TEXT, required = false) @Nullable String text,
            @RequestParam(name = "then", defaultValue = "edit") String then, HttpServletRequest request, Model model,
            Principal principal, HttpSession session) {
        if (store.type() != KeyStoreType.EXTERNAL_KEY_STORE) {
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        return imports.importInto(store, form, file, text, XksImports.formParts(request), "review".equals(then), model,
                principal, session);
    }

    /**
     * "Use a different secret": forgets the imported secret and shows the empty secret
     * field again.
     */
    @PostMapping("/t/{target}/key-stores/{id}/edit/discard-secret")
    String useDifferentSecret(@ModelAttribute(name = STORE, binding = false) CustomKeyStore store,
            @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form, Model model, Principal principal,
            HttpSession session) {
        if (store.type() != KeyStoreType.EXTERNAL_KEY_STORE) {
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        return imports.discardSecret(store, form, model, principal, session);
    }

}
