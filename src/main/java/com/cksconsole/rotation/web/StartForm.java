package com.cksconsole.rotation.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;

/**
 * Starting a rotation: the console generates the new credential ({@code generate}, the
 * default), or the operator types their own ({@code own}), checked as KMS checks
 * {@code XksProxyAuthenticationCredential} (KMS API Reference, UpdateCustomKeyStore). The
 * secret is never rendered back; {@code toString()} hides it.
 */
record StartForm(@Nullable String source,
        @Pattern(regexp = "[A-Z2-7]{20,30}", message = ACCESS_KEY_ID_RULE) @Nullable String accessKeyId,
        @Pattern(regexp = "[A-Za-z0-9/+=]{43,64}", message = SECRET_RULE) @Nullable String secretAccessKey,
        @Size(max = 256, message = "The reason can have at most 256 characters.") @Nullable String reason) {

    static final String NAME = "startForm";

    static final String OWN = "own";

    static final String ACCESS_KEY_ID_RULE = "Enter an access key ID of 20 to 30 characters: capital letters A to Z "
            + "and digits 2 to 7.";

    static final String SECRET_RULE = "Enter the secret access key: 43 to 64 characters of letters, digits, /, + "
            + "and =.";

    static final String[] ALLOWED_FIELDS = { "source", "accessKeyId", "secretAccessKey", "reason" };

    static StartForm empty() {
        return new StartForm("generate", null, null, null);
    }

    boolean own() {
        return OWN.equals(source);
    }

    /** The operator's own credential; null when the console generates one. */
    @Nullable XksCredential typed() {
        if (!own() || accessKeyId == null || secretAccessKey == null) {
            return null;
        }
        return new XksCredential(accessKeyId, Secret.of(secretAccessKey));
    }

    /** The form as it goes back to the page after an error: never the secret. */
    StartForm withoutSecret() {
        return new StartForm(source, accessKeyId, null, reason);
    }

    @Override
    public String toString() {
        return "StartForm[source=" + source + ", accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>, reason="
                + reason + "]";
    }

}
