package com.cksconsole.keystore.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsConstraints;

/**
 * The forms of the CloudHSM wizard's own steps; name and review share the external
 * wizard's ({@link XksCreateForms}).
 */
final class CloudHsmCreateForms {

    private CloudHsmCreateForms() {
    }

    /** Step 2: the chosen cluster. */
    record ClusterForm(@NotNull(message = "Choose a cluster.") @Nullable String cloudHsmClusterId)
            implements
                java.io.Serializable {
    }

    /**
     * Step 4: the kmsuser password (KMS API Reference, CreateCustomKeyStore,
     * KeyStorePassword).
     */
    record PasswordForm(@NotNull(message = "Enter the kmsuser password.") @Size(
            min = KmsConstraints.KEY_STORE_PASSWORD_MIN, max = KmsConstraints.KEY_STORE_PASSWORD_MAX,
            message = "The password must be {min} to {max} characters long.") @Nullable String keyStorePassword)
            implements
                java.io.Serializable {

        @Override
        public String toString() {
            return "PasswordForm[keyStorePassword=<redacted>]";
        }
    }

}
