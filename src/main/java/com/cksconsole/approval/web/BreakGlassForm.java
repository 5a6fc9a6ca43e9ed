package com.cksconsole.approval.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/** Giving a console user the break-glass right. */
record BreakGlassForm(@NotBlank(message = "Name the console user.") @Size(max = 128,
        message = "A user name has at most 128 characters.") @Nullable String username) {

    static final String NAME = "breakGlass";

    static BreakGlassForm empty() {
        return new BreakGlassForm("");
    }

    String name() {
        return username == null ? "" : username.strip();
    }

}
