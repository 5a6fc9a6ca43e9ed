package com.cksconsole.keystore.web;

import jakarta.validation.constraints.NotEmpty;

import org.jspecify.annotations.Nullable;

/**
 * The secret of a guided change given again after a restart (the store's key store
 * password or the proxy's secret access key). Held in memory for the run only; never
 * rendered back, logged or stored, and {@link #toString()} hides it.
 */
record RunSecretForm(
        @NotEmpty(message = RunSecretForm.REQUIRED) @Nullable String secret) implements java.io.Serializable {

    static final String NAME = "runSecret";
    static final String[] ALLOWED_FIELDS = { "secret" };
    static final String REQUIRED = "Enter the secret, or cancel the change.";

    @Override
    public String toString() {
        return "RunSecretForm[secret=<redacted>]";
    }
}
