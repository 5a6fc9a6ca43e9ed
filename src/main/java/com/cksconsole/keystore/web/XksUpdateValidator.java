package com.cksconsole.keystore.web;

import static com.cksconsole.keystore.web.XksUpdateForm.ACCESS_KEY_ID;
import static com.cksconsole.keystore.web.XksUpdateForm.ENDPOINT;
import static com.cksconsole.keystore.web.XksUpdateForm.SECRET;
import static com.cksconsole.keystore.web.XksUpdateForm.SERVICE_NAME;
import static com.cksconsole.keystore.web.XksUpdateForm.SERVICE_OWNER;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.XksConnectivity;

/**
 * The rules of an external key store edit form beyond single fields (KMS API Reference,
 * UpdateCustomKeyStore): the connectivity switch rules, both credential parts together,
 * something must change, and every changed property must be changeable in the store's
 * current state, or through a guided change (rules from {@link UpdatePolicy}). Runs after
 * Bean Validation, on the store as loaded.
 */
@Component
class XksUpdateValidator {

    private final UpdatePolicy policy;

    XksUpdateValidator(UpdatePolicy policy) {
        this.policy = policy;
    }

    /**
     * The change to review, or empty when the form has errors (recorded in
     * {@code errors}).
     */
    Optional<XksChange> validate(XksUpdateForm form, CustomKeyStore loaded, Errors errors) {
        var current = loaded.xks().orElse(XksProxySettings.NONE);
        var credential = form.credential();
        var change = XksChange.between(loaded, form.newCustomKeyStoreName(), form.xksProxyUriEndpoint(),
                form.xksProxyUriPath(), connectivity(form.xksProxyConnectivity()),
                form.xksProxyVpcEndpointServiceName(), form.xksProxyVpcEndpointServiceOwner(), credential.accessKeyId(),
                credential.rawSecretAccessKey());

        checkConnectivitySwitch(form, change, current, errors);
        boolean accessKeyIdChanged = credential.accessKeyId() != null
                && !credential.accessKeyId().equals(current.accessKeyId());
        if (credential.rawSecretAccessKey() != null && credential.accessKeyId() == null) {
            reject(errors, ACCESS_KEY_ID, "Enter the access key ID that belongs to this secret access key: KMS "
                    + "takes both parts of the credential together.");
        }
        if (accessKeyIdChanged && credential.rawSecretAccessKey() == null) {
            reject(errors, SECRET, "Enter the secret access key of the new access key ID: KMS takes both parts "
                    + "of the credential together.");
        }
        if (change.isEmpty() && !errors.hasErrors()) {
            errors.reject("unchanged", CloudHsmUpdateValidator.NO_CHANGE);
        }
        for (var property : change.properties()) {
            String field = XksUpdateForm.fieldOf(property);
            // A CONNECTED store's DISCONNECTED-only change goes on to review, which
            // offers a guided change.
            policy.editRefusal(loaded, property).ifPresent(reason -> reject(errors, field, reason));
        }
        return errors.hasErrors() ? Optional.empty() : Optional.of(change);
    }

    private static void checkConnectivitySwitch(XksUpdateForm form, XksChange change, XksProxySettings current,
            Errors errors) {
        if (change.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE) {
            if (change.uriEndpoint() == null) {
                reject(errors, ENDPOINT, "Switching to a VPC endpoint service needs a new endpoint: https:// "
                        + "followed by the private DNS name of the endpoint service.");
            }
            if (form.xksProxyVpcEndpointServiceName() == null) {
                reject(errors, SERVICE_NAME,
                        "Switching to a VPC endpoint service needs the name of the VPC " + "endpoint service.");
            }
        }
        else if (change.connectivity() == XksConnectivity.PUBLIC_ENDPOINT) {
            if (change.uriEndpoint() == null) {
                reject(errors, ENDPOINT, "Switching to a public endpoint needs a new endpoint: the public "
                        + "https:// address of the proxy.");
            }
            if (form.xksProxyVpcEndpointServiceName() != null) {
                reject(errors, SERVICE_NAME, "A public endpoint has no VPC endpoint service: clear this field. "
                        + "KMS removes the service name when the key store switches.");
            }
            if (form.xksProxyVpcEndpointServiceOwner() != null) {
                reject(errors, SERVICE_OWNER, "A public endpoint has no VPC endpoint service: clear this field. "
                        + "KMS removes the service owner when the key store switches.");
            }
        }
        else if (current.connectivity() == XksConnectivity.PUBLIC_ENDPOINT) {
            if (change.vpcEndpointServiceName() != null) {
                reject(errors, SERVICE_NAME, "This key store uses a public endpoint, which has no VPC endpoint "
                        + "service. Switch the connectivity to VPC endpoint service to set one.");
            }
            if (change.vpcEndpointServiceOwner() != null) {
                reject(errors, SERVICE_OWNER, "This key store uses a public endpoint, which has no VPC endpoint "
                        + "service. Switch the connectivity to VPC endpoint service to set its owner.");
            }
        }
    }

    /**
     * Adds the error unless the field already has one (the first problem of a field is
     * the one to fix).
     */
    private static void reject(Errors errors, String field, String message) {
        if (!errors.hasFieldErrors(field)) {
            errors.rejectValue(field, "rule", message);
        }
    }

    private static @Nullable XksConnectivity connectivity(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return XksConnectivity.valueOf(value);
        }
        catch (IllegalArgumentException invalid) {
            return null; // reported by the field's @EnumValue constraint
        }
    }

}
