package com.cksconsole.keys.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * The create-key form, checked as KMS checks the CreateKey and CreateAlias members (KMS
 * API Reference: AliasNameType 1-256 of {@code [a-zA-Z0-9:/_-]}, DescriptionType 0-8192,
 * XksKeyIdType 1-128 of {@code [a-zA-Z0-9-_.]}). The alias may be typed with or without
 * its {@code alias/} prefix. Whether the external key ID is required depends on the
 * store's type, which the controller checks.
 */
record KeyCreateForm(@Nullable String token,
        @Size(max = 256, message = "An alias has at most 256 characters with its alias/ prefix.") @Pattern(
                regexp = "[a-zA-Z0-9:/_-]*",
                message = "An alias may contain only letters, digits, and the characters : / _ -.") @Nullable String alias,
        @Size(max = 8192, message = "A description has at most 8,192 characters.") @Nullable String description,
        @Size(max = 128, message = "An external key ID has at most 128 characters.") @Pattern(
                regexp = "[a-zA-Z0-9._-]*",
                message = "An external key ID may contain only letters, digits, and the characters - _ .") @Nullable String xksKeyId) {

    static final String[] ALLOWED_FIELDS = { "token", "alias", "description", "xksKeyId" };

    static KeyCreateForm empty() {
        return new KeyCreateForm(null, "", "", "");
    }

    /** The alias name as KMS takes it ({@code alias/...}), or null for none. */
    @Nullable String aliasName() {
        if (alias == null || alias.isBlank()) {
            return null;
        }
        return alias.startsWith("alias/") ? alias : "alias/" + alias;
    }

    @Nullable String externalKeyId() {
        return xksKeyId == null || xksKeyId.isBlank() ? null : xksKeyId.trim();
    }

    String descriptionText() {
        return description == null ? "" : description;
    }

}
