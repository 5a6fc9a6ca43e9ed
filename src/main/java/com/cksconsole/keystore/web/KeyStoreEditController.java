package com.cksconsole.keystore.web;

import java.security.Principal;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.proxyconfig.ImportMessage;
import com.cksconsole.proxyconfig.ProxyConfigurationImporter;

/**
 * The edit forms: shows the form of the store's type, validates a submitted one (Bean
 * Validation, then the cross-field and state rules) and keeps a valid change server-side
 * for the review page. The store comes from {@link EditedStoreController}.
 */
@Controller
@PreAuthorize(KeyStoreWebConfiguration.MAY_CHANGE)
class KeyStoreEditController extends EditedStoreController {

    static final String CHANGED_SINCE_LOADED = "The key store changed since you opened this form (someone "
            + "else changed it, or its connection state moved on). The form now shows its current values: check "
            + "them and make your change again.";

    private final KeyStoreChanges changes;

    private final EditPage editPage;

    private final CloudHsmUpdateValidator cloudHsmValidator;

    private final XksUpdateValidator xksValidator;

    private final PendingUpdateStore pendingUpdates;

    private final XksImports imports;

    private final ProxyConfigurationImporter importer;

    KeyStoreEditController(KeyStoreReads reads, KeyStoreChanges changes, EditPage editPage,
            CloudHsmUpdateValidator cloudHsmValidator, XksUpdateValidator xksValidator,
            PendingUpdateStore pendingUpdates, XksImports imports, ProxyConfigurationImporter importer) {
        super(reads);
        this.changes = changes;
        this.editPage = editPage;
        this.cloudHsmValidator = cloudHsmValidator;
        this.xksValidator = xksValidator;
        this.pendingUpdates = pendingUpdates;
        this.imports = imports;
        this.importer = importer;
    }

    @InitBinder(EditPage.CLOUDHSM_FORM)
    void bindCloudHsmForm(WebDataBinder binder) {
        binder.setAllowedFields(CloudHsmUpdateForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    @InitBinder(EditPage.XKS_FORM)
    void bindXksForm(WebDataBinder binder) {
        binder.setAllowedFields(XksUpdateForm.ALLOWED_FIELDS);
        EmptyInputAsNull.register(binder);
    }

    /**
     * The form, prefilled with the store's current values. {@code upload=too-large} (or
     * another {@link UploadRefusal}): the servlet container refused an upload before
     * anything reached a controller ({@link UploadTooLargeFilter}); say so, and why, at
     * the import.
     */
    @GetMapping("/t/{target}/key-stores/{id}/edit")
    String edit(@ModelAttribute(name = STORE, binding = false) CustomKeyStore store,
            @RequestParam(name = "upload", required = false) @Nullable String upload, Model model,
            RedirectAttributes redirect) {
        if (store.type() == null) {
            redirect.addFlashAttribute("failure", "This console cannot edit a key store of a type it does not know.");
            return "redirect:/t/{target}/key-stores/{id}";
        }
        var refusal = UploadRefusal.ofParameter(upload);
        if (refusal.isPresent() && store.type() == KeyStoreType.EXTERNAL_KEY_STORE) {
            var limits = new ImportLimits(importer.maxSizeBytes(), importer.secretTtl());
            return editPage.render(model, store, XksUpdateForm.of(store), null, ImportView
                .refused(List.of(new ImportMessage(null, XksImports.unread(refusal.get(), limits))), null, false));
        }
        return editPage.fresh(model, store);
    }

    @PostMapping("/t/{target}/key-stores/{id}/edit/cloudhsm")
    String submitCloudHsm(@ModelAttribute(name = STORE, binding = false) CustomKeyStore store,
            @Valid @ModelAttribute(EditPage.CLOUDHSM_FORM) CloudHsmUpdateForm form, BindingResult errors, Model model,
            Principal principal, HttpSession session) {
        if (store.type() != KeyStoreType.AWS_CLOUDHSM) {
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        if (changedSinceLoaded(store, form)) {
            return editPage.render(model, store, CloudHsmUpdateForm.of(store),
                    changedErrors(CloudHsmUpdateForm.of(store), EditPage.CLOUDHSM_FORM));
        }
        return toReview(cloudHsmValidator.validate(form, store, errors), model, store, form, errors, principal,
                session);
    }

    /**
     * "Review the change". A proxy configuration chosen on the form but not yet imported
     * is imported first (the operator pressed Review instead of Import and review: same
     * intent). A form holding the handle of an imported secret gets the secret from the
     * server, only when everything else passes.
     */
    @PostMapping("/t/{target}/key-stores/{id}/edit/xks")
    String submitXks(@ModelAttribute(name = STORE, binding = false) CustomKeyStore store,
            @Valid @ModelAttribute(EditPage.XKS_FORM) XksUpdateForm form, BindingResult errors,
            @RequestParam(name = XksImports.FILE, required = false) @Nullable MultipartFile file,
            @RequestParam(name = XksImports.TEXT, required = false) @Nullable String text, HttpServletRequest request,
            Model model, Principal principal, HttpSession session) {
        if (store.type() != KeyStoreType.EXTERNAL_KEY_STORE) {
            return "redirect:/t/{target}/key-stores/{id}/edit";
        }
        if (XksImports.chosen(file, text)) {
            return imports.importInto(store, form, file, text, XksImports.formParts(request), true, model, principal,
                    session);
        }
        if (changedSinceLoaded(store, form)) {
            imports.discard(form, principal, session, KeyStoreRefResolver.current());
            return editPage.render(model, store, XksUpdateForm.of(store),
                    changedErrors(XksUpdateForm.of(store), EditPage.XKS_FORM));
        }
        if (form.importedSecretHandle() != null && form.credential().rawSecretAccessKey() == null) {
            return imports.review(store, form, errors, model, principal, session);
        }
        var typed = typedSecretWins(form, store, principal, session);
        return toReview(xksValidator.validate(typed, store, errors), model, store, typed, errors, principal, session);
    }

    /**
     * A typed secret wins over an imported one: a held secret hides the input, but an
     * older tab may show it.
     */
    private XksUpdateForm typedSecretWins(XksUpdateForm form, CustomKeyStore store, Principal principal,
            HttpSession session) {
        if (form.importedSecretHandle() == null) {
            return form;
        }
        imports.discard(form, principal, session, KeyStoreRefResolver.current());
        return form.withoutImportedSecret();
    }

    private String toReview(Optional<? extends KeyStoreChange> change, Model model, CustomKeyStore store,
            UpdateForm form, BindingResult errors, Principal principal, HttpSession session) {
        if (change.isEmpty()) {
            changes.recordRefusedUpdate(KeyStoreRefResolver.current(), store, null, refusalReasons(errors));
            return editPage.render(model, store, form, errors);
        }
        String token = pendingUpdates.put(session, principal.getName(), KeyStoreRefResolver.current(), store,
                change.get(), form);
        return "redirect:/t/{target}/key-stores/{id}/review/" + token;
    }

    /**
     * The refusals as the audit log keeps them: field and message, never a typed value.
     */
    private static List<String> refusalReasons(BindingResult errors) {
        return errors.getAllErrors().stream().map(error -> {
            String field = error instanceof FieldError fieldError ? fieldError.getField() + ": " : "";
            boolean conversion = error instanceof FieldError fieldError && fieldError.isBindingFailure();
            return field + (conversion ? "not a valid value" : error.getDefaultMessage());
        }).toList();
    }

    private static boolean changedSinceLoaded(CustomKeyStore store, UpdateForm form) {
        return !store.fingerprint().equals(form.fingerprint());
    }

    private static BindingResult changedErrors(UpdateForm fresh, String name) {
        var errors = new BeanPropertyBindingResult(fresh, name);
        errors.reject("changed", CHANGED_SINCE_LOADED);
        return errors;
    }

}
