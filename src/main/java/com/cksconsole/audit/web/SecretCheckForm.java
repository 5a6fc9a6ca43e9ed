package com.cksconsole.audit.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;

import org.jspecify.annotations.Nullable;

/**
 * A candidate secret to compare with a recorded fingerprint. The candidate is never
 * rendered back, logged or stored (not even in a flash attribute:
 * {@link #withoutCandidate()}); {@link #toString()} hides it.
 */
record SecretCheckForm(@NotBlank(message = "Choose the secret field.") @Nullable String parameter,
        @NotEmpty(message = "Type the candidate value.") @Nullable String candidate) implements java.io.Serializable {

    static final String NAME = "secretCheck";
    static final String[] ALLOWED_FIELDS = { "parameter", "candidate" };

    /** What the page may show again after a refusal: the chosen field only. */
    SecretCheckForm withoutCandidate() {
        return new SecretCheckForm(parameter, null);
    }

    @Override
    public String toString() {
        return "SecretCheckForm[parameter=" + parameter + ", candidate=<redacted>]";
    }
}
