package com.cksconsole.keys.web;

import java.security.Principal;

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

import com.cksconsole.keys.internal.KeyOperations;
import com.cksconsole.keys.internal.NewKey;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Creating a KMS key in a store (OPERATOR or ADMIN with the change right on the target):
 * the form, then CreateKey (and CreateAlias) with a one-use token against a double
 * submit, then the new key's page (PRG), which offers the round-trip test. KMS's refusals
 * come back next to the field they concern, with the input kept.
 */
@Controller
@PreAuthorize(KeyPages.MAY_CHANGE)
class KeyCreateController {

    static final String VIEW = "keys/new";

    static final String FORM = "keyForm";

    static final String XKS_NOT_FOUND = "KMS asked the external key store proxy: this external key ID was not found "
            + "in the external key manager. Check the ID in your key manager (it is case-sensitive).";

    static final String XKS_INVALID = "The external key manager has this key, but it is not usable for a KMS key: "
            + "it must be an AES_256 key, allowed to ENCRYPT and DECRYPT, and ENABLED in the key manager.";

    static final String XKS_IN_USE = "Another KMS key in this key store already uses this external key ID. Each KMS "
            + "key of an external key store needs its own external key.";

    static final String ALIAS_TAKEN = "This alias already exists in this account and Region. Choose another name.";

    static final String XKS_REQUIRED = "Give the ID of the external key in your external key manager: KMS keys in an "
            + "external key store need one.";

    private final StoreKeyLookup lookup;

    private final KeyOperations operations;

    private final KeyFormTokens tokens;

    KeyCreateController(StoreKeyLookup lookup, KeyOperations operations, KeyFormTokens tokens) {
        this.lookup = lookup;
        this.operations = operations;
        this.tokens = tokens;
    }

    @InitBinder(FORM)
    void bind(WebDataBinder binder) {
        binder.setAllowedFields(KeyCreateForm.ALLOWED_FIELDS);
    }

    @GetMapping("/t/{target}/key-stores/{id}/keys/new")
    String form(KeyStoreRef ref, Model model, Principal principal, HttpSession session) {
        CustomKeyStore store = lookup.store(ref);
        model.addAttribute(FORM, KeyCreateForm.empty());
        return render(model, store, tokens.issue(session, principal.getName(), ref));
    }

    @PostMapping("/t/{target}/key-stores/{id}/keys")
    String create(KeyStoreRef ref, @Valid @ModelAttribute(FORM) KeyCreateForm form, BindingResult errors, Model model,
            Principal principal, HttpSession session, HttpServletResponse response, RedirectAttributes redirect) {
        CustomKeyStore store = lookup.store(ref);
        String user = principal.getName();
        if (form.token() == null || !tokens.take(session, user, ref, form.token())) {
            response.setStatus(HttpStatus.CONFLICT.value());
            model.addAttribute("store", store);
            return "keys/used";
        }
        String alias = form.aliasName();
        if (!errors.hasFieldErrors("alias") && alias != null) {
            if ("alias/".equals(alias)) {
                errors.rejectValue("alias", "aliasEmpty", "Give a name after alias/, or leave the alias empty.");
            }
            else if (alias.startsWith("alias/aws/")) {
                errors.rejectValue("alias", "aliasReserved",
                        "Aliases beginning with alias/aws/ are reserved for AWS managed keys.");
            }
            else if (alias.length() > 256) {
                errors.rejectValue("alias", "aliasLong", "An alias has at most 256 characters with its alias/ prefix.");
            }
        }
        if (store.isExternal() && !errors.hasFieldErrors("xksKeyId") && form.externalKeyId() == null) {
            errors.rejectValue("xksKeyId", "required", XKS_REQUIRED);
        }
        if (errors.hasErrors()) {
            return render(model, store, tokens.issue(session, user, ref));
        }
        try {
            if (alias != null && operations.aliasTaken(ref, alias)) {
                errors.rejectValue("alias", "AlreadyExistsException", ALIAS_TAKEN);
                return render(model, store, tokens.issue(session, user, ref));
            }
            var created = operations.create(ref, store,
                    new NewKey(alias, form.descriptionText(), store.isExternal() ? form.externalKeyId() : null));
            if (created.aliasRefused() == null) {
                redirect.addFlashAttribute("success", "The KMS key " + created.key().keyId()
                        + " was created in this key store. Run the round-trip test to check that it works.");
            }
            else {
                redirect.addFlashAttribute("failure", "The KMS key " + created.key().keyId()
                        + " was created, but KMS refused its alias " + created.aliasRefused().failure().errorCode()
                        + ": the key has no alias. It can be given one with the AWS CLI (aws kms create-alias).");
            }
            redirect.addAttribute("keyId", created.key().keyId());
            return "redirect:/t/{target}/key-stores/{id}/keys/{keyId}";
        }
        catch (KmsCallException e) {
            explain(e, store, errors);
            return render(model, store, tokens.issue(session, user, ref));
        }
    }

    /** KMS's refusal next to the field it concerns, else for the whole form. */
    static void explain(KmsCallException e, CustomKeyStore store, BindingResult errors) {
        String code = e.failure().errorCode();
        String request = e.failure().requestId() == null ? "" : " (KMS request " + e.failure().requestId() + ")";
        switch (code) {
            case "XksKeyNotFoundException" -> errors.rejectValue("xksKeyId", code, XKS_NOT_FOUND + request);
            case "XksKeyInvalidConfigurationException" -> errors.rejectValue("xksKeyId", code, XKS_INVALID + request);
            case "XksKeyAlreadyInUseException" -> errors.rejectValue("xksKeyId", code, XKS_IN_USE + request);
            case "AlreadyExistsException" -> errors.rejectValue("alias", code, ALIAS_TAKEN + request);
            case "CustomKeyStoreInvalidStateException" ->
                errors.reject(code, (store.connectionState() != ConnectionState.CONNECTED
                        ? "KMS creates keys only in a CONNECTED key store, and this one is "
                                + store.connectionState().name() + ". Connect it first."
                        : store.isExternal()
                                ? "KMS refused: the key store is not CONNECTED now, or KMS could not get an answer "
                                        + "from its external key store proxy (unreachable, refused the credential, or "
                                        + "failed). Check the key store's state and its proxy."
                                : "KMS refused: the key store is not CONNECTED now. Check its state.")
                        + request);
            case "CloudHsmClusterInvalidConfigurationException" -> errors.reject(code,
                    "KMS refused: the key store's CloudHSM cluster does not have two active HSMs in different "
                            + "Availability Zones, which KMS needs to create a key. Add an HSM to the cluster."
                            + request);
            case "LimitExceededException" -> errors.reject(code,
                    "KMS refused: this account and Region have reached their quota of customer managed KMS keys "
                            + "(100,000)." + request);
            default -> errors.reject(code, KeyFailureText.of(e.failure()));
        }
    }

    /**
     * The form page with a fresh one-use token; the form itself stays the bound model
     * attribute, so that its errors and input show.
     */
    private String render(Model model, CustomKeyStore store, String token) {
        model.addAttribute("store", store);
        model.addAttribute("formToken", token);
        model.addAttribute("connected", store.connectionState() == ConnectionState.CONNECTED);
        return VIEW;
    }

}
