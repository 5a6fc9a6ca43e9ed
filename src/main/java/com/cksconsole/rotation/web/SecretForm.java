package com.cksconsole.rotation.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

/** The new secret typed again after a restart lost it; never rendered back. */
record SecretForm(@NotNull(message = StartForm.SECRET_RULE) @Pattern(regexp = "[A-Za-z0-9/+=]{43,64}",
        message = StartForm.SECRET_RULE) @Nullable String secret) {

    static final String NAME = "secretForm";

    static final String[] ALLOWED_FIELDS = { "secret" };

    @Override
    public String toString() {
        return "SecretForm[secret=<redacted>]";
    }

}
