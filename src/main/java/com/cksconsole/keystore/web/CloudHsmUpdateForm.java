package com.cksconsole.keystore.web;

import static com.cksconsole.kms.KmsConstraints.CLOUDHSM_CLUSTER_ID_MAX;
import static com.cksconsole.kms.KmsConstraints.CLOUDHSM_CLUSTER_ID_MIN;
import static com.cksconsole.kms.KmsConstraints.CLOUDHSM_CLUSTER_ID_PATTERN;
import static com.cksconsole.kms.KmsConstraints.KEY_STORE_PASSWORD_MAX;
import static com.cksconsole.kms.KmsConstraints.KEY_STORE_PASSWORD_MIN;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatableProperty;

/**
 * The CloudHSM key store edit form. Field names are the UpdateCustomKeyStore members; an
 * empty field means "unchanged". Constraints are the KMS ones, from
 * {@link com.cksconsole.kms.KmsConstraints}.
 */
record CloudHsmUpdateForm(@KmsValues.StoreName @Nullable String newCustomKeyStoreName,

        @Size(min = KEY_STORE_PASSWORD_MIN, max = KEY_STORE_PASSWORD_MAX,
                message = "The kmsuser password must be {min} to {max} characters long.") @Nullable String keyStorePassword,

        @Size(min = CLOUDHSM_CLUSTER_ID_MIN, max = CLOUDHSM_CLUSTER_ID_MAX,
                message = "A cluster ID is {min} to {max} characters long, for example cluster-jxhlf7644ne.") @Pattern(
                        regexp = CLOUDHSM_CLUSTER_ID_PATTERN,
                        message = "A cluster ID is \"cluster-\" followed by 11 to 16 letters or digits 2 to 7, "
                                + "for example cluster-jxhlf7644ne.") @Nullable String cloudHsmClusterId,

        @Nullable String fingerprint) implements UpdateForm {

    static final String NAME = "newCustomKeyStoreName";
    static final String PASSWORD = "keyStorePassword";
    static final String CLUSTER_ID = "cloudHsmClusterId";

    /** The only request parameters this form binds. */
    static final String[] ALLOWED_FIELDS = { NAME, PASSWORD, CLUSTER_ID, FINGERPRINT };

    /** Prefilled with the store's current values; the password is never prefilled. */
    static CloudHsmUpdateForm of(CustomKeyStore store) {
        return new CloudHsmUpdateForm(XksUpdateForm.prefilledName(store), null, store.cloudHsmClusterId(),
                store.fingerprint());
    }

    static String fieldOf(UpdatableProperty property) {
        return switch (property) {
            case KEY_STORE_PASSWORD -> PASSWORD;
            case CLOUDHSM_CLUSTER_ID -> CLUSTER_ID;
            default -> NAME;
        };
    }

    @Override
    public CloudHsmUpdateForm withoutSecrets() {
        return new CloudHsmUpdateForm(newCustomKeyStoreName, null, cloudHsmClusterId, fingerprint);
    }

    @Override
    public String toString() {
        return "CloudHsmUpdateForm[newCustomKeyStoreName=" + newCustomKeyStoreName + ", keyStorePassword="
                + (keyStorePassword == null ? "null" : "<redacted>") + ", cloudHsmClusterId=" + cloudHsmClusterId
                + ", fingerprint=" + fingerprint + "]";
    }
}
