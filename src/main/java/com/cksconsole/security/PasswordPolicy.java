package com.cksconsole.security;

import java.util.Optional;

/** The rules a new console password must meet. */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_LENGTH = 128;

    private PasswordPolicy() {
    }

    /** Returns the reason the password is refused, or empty when it is acceptable. */
    static Optional<String> violation(String username, String password) {
        if (password.length() < MIN_LENGTH) {
            return Optional.of("Use at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return Optional.of("Use at most " + MAX_LENGTH + " characters.");
        }
        if (password.equalsIgnoreCase(username)) {
            return Optional.of("The password must not be your user name.");
        }
        return Optional.empty();
    }
}
