package com.cksconsole.audit.web;

import org.jspecify.annotations.Nullable;

/**
 * A candidate secret to compare with a recorded fingerprint. The candidate is never rendered back, logged or
 * stored; {@link #toString()} hides it.
 */
record SecretCheckForm(@Nullable String parameter, @Nullable String candidate) {

    @Override
    public String toString() {
        return "SecretCheckForm[parameter=" + parameter + ", candidate=<redacted>]";
    }
}
