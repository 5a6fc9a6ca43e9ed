package com.cksconsole.security;

import org.jspecify.annotations.Nullable;

/** A user administration request the rules refuse; the message is written for the administrator. */
class UserAdministrationException extends RuntimeException {

    private final @Nullable String field;

    UserAdministrationException(@Nullable String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field the refusal concerns, or null for the whole request. */
    @Nullable String field() {
        return field;
    }
}
