package com.cksconsole.health.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.credentials.MonitoringCredential;
import com.cksconsole.keystore.Secret;

/**
 * The monitoring credential form, checked as KMS checks {@code
 * XksProxyAuthenticationCredential} (KMS API Reference, CreateCustomKeyStore): an access
 * key ID of 20 to 30 characters A-Z and 2-7, a secret access key of 43 to 64 characters
 * of letters, digits, {@code / + =}. The secret is never rendered back: after an error
 * the page shows the access key ID only. {@code toString()} hides the secret.
 */
record CredentialForm(
        @NotNull(message = ACCESS_KEY_ID_RULE) @Pattern(regexp = "[A-Z2-7]{20,30}",
                message = ACCESS_KEY_ID_RULE) @Nullable String accessKeyId,
        @NotNull(message = SECRET_RULE) @Pattern(regexp = "[A-Za-z0-9/+=]{43,64}",
                message = SECRET_RULE) @Nullable String secretAccessKey) {

    static final String ACCESS_KEY_ID_RULE = "Enter an access key ID of 20 to 30 characters: capital letters A to Z "
            + "and digits 2 to 7.";

    static final String SECRET_RULE = "Enter the secret access key: 43 to 64 characters of letters, digits, /, + "
            + "and =.";

    static final String[] ALLOWED_FIELDS = { "accessKeyId", "secretAccessKey" };

    static CredentialForm empty() {
        return new CredentialForm("", null);
    }

    /** The credential, once the form is valid. */
    MonitoringCredential credential() {
        if (accessKeyId == null || secretAccessKey == null) {
            throw new IllegalStateException("The credential form is not valid");
        }
        return new MonitoringCredential(accessKeyId, Secret.of(secretAccessKey));
    }

    @Override
    public String toString() {
        return "CredentialForm[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>]";
    }

}
