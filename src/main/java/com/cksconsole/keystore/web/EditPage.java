package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.TransactionException;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.OngoingStoreWork;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.guided.GuidedChangeService;
import com.cksconsole.keystore.guided.GuidedRun;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationImporter;

/**
 * Fills the model of the edit page of either store type: the form (never with secrets),
 * its errors, one hint per group of fields about what the store's state allows, and, when
 * the state allows nothing at all, the banner with the reason and the way out (every
 * field read-only, the reason said once rather than under each).
 */
@Component
class EditPage {

    static final String CLOUDHSM_VIEW = "keystores/edit-cloudhsm";
    static final String XKS_VIEW = "keystores/edit-xks";
    static final String CLOUDHSM_FORM = "cloudHsmForm";
    static final String XKS_FORM = "xksForm";

    /**
     * The groups of fields of each form (a fieldset, or the name on its own), each with
     * one state hint.
     */
    static final Map<String, List<UpdatableProperty>> CLOUDHSM_GROUPS = Map.of("name", List.of(UpdatableProperty.NAME),
            "cluster", List.of(UpdatableProperty.KEY_STORE_PASSWORD, UpdatableProperty.CLOUDHSM_CLUSTER_ID));
    static final Map<String, List<UpdatableProperty>> XKS_GROUPS = Map.of("name", List.of(UpdatableProperty.NAME),
            "location",
            List.of(UpdatableProperty.XKS_URI_ENDPOINT, UpdatableProperty.XKS_URI_PATH,
                    UpdatableProperty.XKS_CONNECTIVITY),
            "vpc",
            List.of(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME, UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER),
            "credential", List.of(UpdatableProperty.XKS_CREDENTIAL));

    /** Within one field: the length before the format before anything else. */
    private static final List<String> CODE_ORDER = List.of("Size", "Pattern", "EnumValue");

    private final UpdatePolicy policy;

    private final ProxyConfigurationImporter importer;

    private final GuidedChangeService guidedChanges;

    /** Work other features run on the store over time (a credential rotation). */
    private final ObjectProvider<OngoingStoreWork> ongoingWork;

    EditPage(UpdatePolicy policy, ProxyConfigurationImporter importer, GuidedChangeService guidedChanges,
            ObjectProvider<OngoingStoreWork> ongoingWork) {
        this.ongoingWork = ongoingWork;
        this.policy = policy;
        this.importer = importer;
        this.guidedChanges = guidedChanges;
    }

    /** The edit page prefilled with the store's current values. */
    String fresh(Model model, CustomKeyStore store) {
        UpdateForm form = store.type() == KeyStoreType.AWS_CLOUDHSM ? CloudHsmUpdateForm.of(store)
                : XksUpdateForm.of(store);
        return render(model, store, form, null);
    }

    /**
     * The edit page with the operator's input (secrets removed) and the errors found.
     * @param errors null for a page without errors
     */
    String render(Model model, CustomKeyStore store, UpdateForm form, @Nullable Errors errors) {
        return render(model, store, form, errors, ImportView.NONE);
    }

    /**
     * The edit page with the operator's input (secrets removed), the errors found, and
     * what the XKS page says about an imported proxy configuration.
     * @param errors null for a page without errors
     */
    String render(Model model, CustomKeyStore store, UpdateForm form, @Nullable Errors errors, ImportView imported) {
        var safe = form.withoutSecrets();
        if (safe instanceof XksUpdateForm xks && xks.importedSecretHandle() != null && imported.heldSecret() == null) {
            // Only a caller that checked the handle for this session, user and store may
            // show it as held.
            safe = xks.withoutImportedSecret();
        }
        String name = safe instanceof CloudHsmUpdateForm ? CLOUDHSM_FORM : XKS_FORM;
        BindingResult result = new BeanPropertyBindingResult(safe, name);
        if (errors != null) {
            copyInFormOrder(errors, result, safe instanceof CloudHsmUpdateForm ? CloudHsmUpdateForm.ALLOWED_FIELDS
                    : XksUpdateForm.ALLOWED_FIELDS);
        }
        model.addAttribute(name, safe);
        model.addAttribute(BindingResult.MODEL_KEY_PREFIX + name, result);
        var whatCanChange = WhatCanChange.of(store, policy);
        model.addAttribute("store", store);
        model.addAttribute("whatCanChange", whatCanChange);
        // Nothing can change: every field read-only, the reason once in the page's banner
        // (an empty reason).
        model.addAttribute("locked", lockedFields(store, !whatCanChange.editable()));
        model.addAttribute("groupHints",
                groupHints(store, safe instanceof CloudHsmUpdateForm ? CLOUDHSM_GROUPS : XKS_GROUPS));
        if (safe instanceof XksUpdateForm xks) {
            model.addAttribute("showVpcFields", showVpcFields(xks, result));
        }
        model.addAttribute("connectivityOptions", List.of(XksConnectivity.values()));
        model.addAttribute("imported", imported);
        model.addAttribute("importLimits", new ImportLimits(importer.maxSizeBytes(), importer.secretTtl()));
        model.addAttribute("activeRun", activeRunOrNull(store));
        model.addAttribute("ongoingWork", ongoingWorkOrNone());
        return safe instanceof CloudHsmUpdateForm ? CLOUDHSM_VIEW : XKS_VIEW;
    }

    /**
     * The guided change holding the store, for a link. Only a hint (applying checks the
     * lock again): when the database cannot be asked, the page is shown without it, so
     * that it can still say why nothing was sent.
     */
    private @Nullable GuidedRun activeRunOrNull(CustomKeyStore store) {
        try {
            return guidedChanges.activeRun(KeyStoreRefResolver.current()).orElse(null);
        }
        catch (DataAccessException | TransactionException databaseUnavailable) {
            return null;
        }
    }

    /** Like {@link #activeRunOrNull}: only a hint, left out when the database fails. */
    private List<OngoingStoreWork.Ongoing> ongoingWorkOrNone() {
        try {
            var ref = KeyStoreRefResolver.current();
            return ongoingWork.orderedStream().flatMap(work -> work.on(ref).stream()).toList();
        }
        catch (DataAccessException | TransactionException databaseUnavailable) {
            return List.of();
        }
    }

    /**
     * Bean Validation reports violations in no fixed order; the page and its error
     * summary list them as the fields appear on the form (form-wide errors first), and
     * within a field the length before the format.
     */
    private static void copyInFormOrder(Errors from, BindingResult to, String[] fieldOrder) {
        var order = Arrays.asList(fieldOrder);
        from.getGlobalErrors().forEach(to::addError);
        from.getFieldErrors()
            .stream()
            .sorted(Comparator.comparingInt((FieldError e) -> order.indexOf(e.getField()))
                .thenComparingInt(e -> CODE_ORDER.indexOf(e.getCode())))
            .forEach(to::addError);
    }

    /**
     * Form field name -> why it cannot be changed now (fields that can change are
     * absent); with {@code reasonInBanner} an empty reason: the page says it once, for
     * every field.
     */
    private Map<String, String> lockedFields(CustomKeyStore store, boolean reasonInBanner) {
        var locked = new LinkedHashMap<String, String>();
        var type = store.type();
        for (var property : UpdatableProperty.values()) {
            if (type == null || !property.appliesTo(type)) {
                continue;
            }
            policy.editRefusal(store, property).ifPresent(reason -> {
                for (String field : fields(type, property)) {
                    locked.put(field, reasonInBanner ? "" : reason);
                }
            });
        }
        return locked;
    }

    /**
     * Group name -> the one hint about what the state allows for its fields (absent when
     * nothing can change).
     */
    private Map<String, String> groupHints(CustomKeyStore store, Map<String, List<UpdatableProperty>> groups) {
        var hints = new LinkedHashMap<String, String>();
        groups.forEach((group, properties) -> {
            String hint = WhatCanChange.hint(store, policy, properties);
            if (hint != null) {
                hints.put(group, hint);
            }
        });
        return hints;
    }

    /**
     * The VPC endpoint service fields only when the connectivity is (or is chosen to be)
     * a VPC endpoint service, or when they hold a value or an error the operator must
     * see; otherwise they are in the page, hidden and disabled, for the page's script to
     * show when the operator picks VPC endpoint service connectivity.
     */
    private static boolean showVpcFields(XksUpdateForm form, BindingResult errors) {
        return XksConnectivity.VPC_ENDPOINT_SERVICE.name().equals(form.xksProxyConnectivity())
                || form.xksProxyVpcEndpointServiceName() != null || form.xksProxyVpcEndpointServiceOwner() != null
                || errors.hasFieldErrors(XksUpdateForm.SERVICE_NAME)
                || errors.hasFieldErrors(XksUpdateForm.SERVICE_OWNER);
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
