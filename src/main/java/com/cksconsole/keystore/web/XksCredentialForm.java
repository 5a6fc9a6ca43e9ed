package com.cksconsole.keystore.web;

import static com.cksconsole.kms.KmsConstraints.XKS_ACCESS_KEY_ID_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_ACCESS_KEY_ID_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_ACCESS_KEY_ID_PATTERN;
import static com.cksconsole.kms.KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_RAW_SECRET_ACCESS_KEY_PATTERN;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * The nested {@code xksProxyAuthenticationCredential} of the XKS edit form.
 *
 * @param importedSecretHandle instead of a typed secret: the opaque handle of a secret
 * imported from a proxy configuration file and held on the server (the secret itself
 * never reaches the browser)
 */
record XksCredentialForm(@Size(min = XKS_ACCESS_KEY_ID_MIN, max = XKS_ACCESS_KEY_ID_MAX,
        message = "An access key ID is {min} to {max} characters long.") @Pattern(regexp = XKS_ACCESS_KEY_ID_PATTERN,
                message = "An access key ID uses only capital letters A to Z and digits 2 to 7.") @Nullable String accessKeyId,

        @Size(min = XKS_RAW_SECRET_ACCESS_KEY_MIN, max = XKS_RAW_SECRET_ACCESS_KEY_MAX,
                message = "A secret access key is {min} to {max} characters long.") @Pattern(
                        regexp = XKS_RAW_SECRET_ACCESS_KEY_PATTERN,
                        message = "A secret access key uses only letters, digits, /, + and =.") @Nullable String rawSecretAccessKey,

        @Nullable String importedSecretHandle) implements java.io.Serializable {

    static final XksCredentialForm EMPTY = new XksCredentialForm(null, null, null);

    XksCredentialForm(@Nullable String accessKeyId, @Nullable String rawSecretAccessKey) {
        this(accessKeyId, rawSecretAccessKey, null);
    }

    /**
     * Without the typed secret; a handle stays (it is not the secret, and the page needs
     * it).
     */
    XksCredentialForm withoutSecret() {
        return new XksCredentialForm(accessKeyId, null, importedSecretHandle);
    }

    @Override
    public String toString() {
        return "XksCredentialForm[accessKeyId=" + accessKeyId + ", rawSecretAccessKey="
                + (rawSecretAccessKey == null ? "null" : "<redacted>") + ", importedSecretHandle="
                + (importedSecretHandle == null ? "null" : "<redacted>") + "]";
    }
}
