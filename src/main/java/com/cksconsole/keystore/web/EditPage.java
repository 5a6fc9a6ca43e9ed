package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreType;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksConnectivity;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedRun;

/**
 * Fills the model of the edit page of either store type: the form (never with secrets), its errors, and
 * for every field that cannot change in the store's current state the reason, shown next to it.
 */
@Component
class EditPage {

    static final String CLOUDHSM_VIEW = "keystores/edit-cloudhsm";
    static final String XKS_VIEW = "keystores/edit-xks";
    static final String CLOUDHSM_FORM = "cloudHsmForm";
    static final String XKS_FORM = "xksForm";
    /** Next to a field that only a guided change can change now. */
    static final String GUIDED_HINT = "The key store is CONNECTED: after the review, the console can disconnect it, "
            + "apply the change and connect it again for you.";
    /** Within one field: the length before the format before anything else. */
    private static final List<String> CODE_ORDER = List.of("Size", "Pattern", "EnumValue");

    private final UpdatePolicy policy;
    private final ProxyConfigurationImporter importer;
    private final GuidedChangeService guidedChanges;

    EditPage(UpdatePolicy policy, ProxyConfigurationImporter importer, GuidedChangeService guidedChanges) {
        this.policy = policy;
        this.importer = importer;
        this.guidedChanges = guidedChanges;
    }

    /** The edit page prefilled with the store's current values. */
    String fresh(Model model, CustomKeyStore store) {
        UpdateForm form = store.type() == KeyStoreType.AWS_CLOUDHSM
                ? CloudHsmUpdateForm.of(store)
                : XksUpdateForm.of(store);
        return render(model, store, form, null);
    }

    /**
     * The edit page with the operator's input (secrets removed) and the errors found.
     *
     * @param errors null for a page without errors
     */
    String render(Model model, CustomKeyStore store, UpdateForm form, @Nullable Errors errors) {
        return render(model, store, form, errors, ImportView.NONE);
    }

    /**
     * The edit page with the operator's input (secrets removed), the errors found, and what the XKS page says
     * about an imported proxy configuration.
     *
     * @param errors null for a page without errors
     */
    String render(Model model, CustomKeyStore store, UpdateForm form, @Nullable Errors errors, ImportView imported) {
        var safe = form.withoutSecrets();
        if (safe instanceof XksUpdateForm xks && xks.importedSecretHandle() != null && imported.heldSecret() == null) {
            // Only a caller that checked the handle for this session, user and store may show it as held.
            safe = xks.withoutImportedSecret();
        }
        String name = safe instanceof CloudHsmUpdateForm ? CLOUDHSM_FORM : XKS_FORM;
        BindingResult result = new BeanPropertyBindingResult(safe, name);
        if (errors != null) {
            copyInFormOrder(errors, result, safe instanceof CloudHsmUpdateForm
                    ? CloudHsmUpdateForm.ALLOWED_FIELDS : XksUpdateForm.ALLOWED_FIELDS);
        }
        model.addAttribute(name, safe);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, result);
        model.addAttribute("store", store);
        model.addAttribute("locked", lockedFields(store));
        model.addAttribute("requirements", requirements(store));
        model.addAttribute("connectivityOptions", List.of(XksConnectivity.values()));
        model.addAttribute("imported", imported);
        model.addAttribute("importLimits", new ImportLimits(importer.maxSizeBytes(), importer.secretTtl()));
        model.addAttribute("activeRun", activeRunOrNull(store));
        return safe instanceof CloudHsmUpdateForm ? CLOUDHSM_VIEW : XKS_VIEW;
    }

    /**
     * The guided change holding the store, for a link. Only a hint (applying checks the lock again): when the
     * database cannot be asked, the page is shown without it, so that it can still say why nothing was sent.
     */
    private @Nullable GuidedRun activeRunOrNull(CustomKeyStore store) {
        try {
            return guidedChanges.activeRun(store.id()).orElse(null);
        } catch (DataAccessException | TransactionException databaseUnavailable) {
            return null;
        }
    }

    /**
     * Bean Validation reports violations in no fixed order; the page and its error summary list them as the
     * fields appear on the form (form-wide errors first), and within a field the length before the format.
     */
    private static void copyInFormOrder(Errors from, BindingResult to, String[] fieldOrder) {
        var order = Arrays.asList(fieldOrder);
        from.getGlobalErrors().forEach(to::addError);
        from.getFieldErrors().stream()
                .sorted(Comparator.comparingInt((FieldError e) -> order.indexOf(e.getField()))
                        .thenComparingInt(e -> CODE_ORDER.indexOf(e.getCode())))
                .forEach(to::addError);
    }

    /** Form field name -> why it cannot be changed now (fields that can change are absent). */
    private Map<String, String> lockedFields(CustomKeyStore store) {
        var locked = new LinkedHashMap<String, String>();
        for (var property : UpdatableProperty.values()) {
            if (store.type() == null || !property.appliesTo(store.type())) {
                continue;
            }
            policy.editRefusal(store, property).ifPresent(reason -> {
                for (String field : fields(store.type(), property)) {
                    locked.put(field, reason);
                }
            });
        }
        return locked;
    }

    /** Form field name -> "Changeable while the key store is …" for its hint. */
    private Map<String, String> requirements(CustomKeyStore store) {
        var requirements = new LinkedHashMap<String, String>();
        if (store.type() == null) {
            return requirements;
        }
        for (var property : UpdatableProperty.values()) {
            if (property.appliesTo(store.type())) {
                String sentence = "Changeable while the key store is "
                        + policy.requirement(store.type(), property).description() + "."
                        + (policy.guidedChangeCan(store, property) ? " " + GUIDED_HINT : "");
                for (String field : fields(store.type(), property)) {
                    requirements.put(field, sentence);
                }
            }
        }
        return requirements;
    }

    private static List<String> fields(KeyStoreType type, UpdatableProperty property) {
        if (type == KeyStoreType.AWS_CLOUDHSM) {
            return List.of(CloudHsmUpdateForm.fieldOf(property));
        }
        if (property == UpdatableProperty.XKS_CREDENTIAL) {
            return List.of(XksUpdateForm.ACCESS_KEY_ID, XksUpdateForm.SECRET);
        }
        return List.of(XksUpdateForm.fieldOf(property));
    }
}
