package com.cksconsole.security;

import jakarta.validation.constraints.NotBlank;

/**
 * The password change form. Its values are never rendered back into the page: the
 * template leaves every password input empty, and {@link #toString()} hides them.
 */
record PasswordChangeForm(@NotBlank(message = "Enter your current password.") String currentPassword,
        @NotBlank(message = "Enter a new password.") String newPassword,
        @NotBlank(message = "Repeat the new password.") String confirmPassword) {

    static PasswordChangeForm empty() {
        return new PasswordChangeForm("", "", "");
    }

    @Override
    public String toString() {
        return "PasswordChangeForm[<redacted>]";
    }
}
