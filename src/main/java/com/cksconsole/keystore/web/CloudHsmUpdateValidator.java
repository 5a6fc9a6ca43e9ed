package com.cksconsole.keystore.web;

import java.util.Optional;

import org.springframework.stereotype.Component;
import org.springframework.validation.Errors;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatePolicy;

/**
 * The rules of a CloudHSM edit form beyond single fields: something must change, and
 * every changed property must be changeable in the store's current state, or through a
 * guided change (rules from {@link UpdatePolicy}). Runs after Bean Validation, on the
 * store as loaded.
 */
@Component
class CloudHsmUpdateValidator {

    static final String NO_CHANGE = "You have not changed anything, so there is nothing to send to KMS. "
            + "Change at least one value, or go back to the key store.";

    private final UpdatePolicy policy;

    CloudHsmUpdateValidator(UpdatePolicy policy) {
        this.policy = policy;
    }

    /**
     * The change to review, or empty when the form has errors (recorded in
     * {@code errors}).
     */
    Optional<CloudHsmChange> validate(CloudHsmUpdateForm form, CustomKeyStore loaded, Errors errors) {
        var change = CloudHsmChange.between(loaded, form.newCustomKeyStoreName(), form.keyStorePassword(),
                form.cloudHsmClusterId());
        if (change.isEmpty() && !errors.hasErrors()) {
            errors.reject("unchanged", NO_CHANGE);
        }
        for (var property : change.properties()) {
            String field = CloudHsmUpdateForm.fieldOf(property);
            if (!errors.hasFieldErrors(field)) {
                // A CONNECTED store's DISCONNECTED-only change goes on to review, which
                // offers a guided change.
                policy.editRefusal(loaded, property).ifPresent(reason -> errors.rejectValue(field, "state", reason));
            }
        }
        return errors.hasErrors() ? Optional.empty() : Optional.of(change);
    }

}
