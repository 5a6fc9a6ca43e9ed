package com.cksconsole.keystore.web;

import jakarta.validation.constraints.NotBlank;

import org.jspecify.annotations.Nullable;

/**
 * What the delete confirmation posts: its one-use token and the key store's name as the
 * operator typed it (compared exactly, case and spaces included, with the name the page
 * showed).
 */
record DeleteForm(@Nullable String token,
        @NotBlank(message = "Type the key store's name to confirm the deletion.") @Nullable String confirmName) {

    static final String CONFIRM_NAME = "confirmName";
    static final String[] ALLOWED_FIELDS = { "token", CONFIRM_NAME };

}
