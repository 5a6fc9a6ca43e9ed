package com.cksconsole.keystore.web;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

/**
 * What the review page posts: the fingerprint of the store as it was loaded, and the operator's reason or
 * ticket reference (kept with the change for the audit log). Never a secret: those stay server-side.
 */
record ReviewForm(
        @Nullable String fingerprint,
        @Size(max = ReviewForm.REASON_MAX, message = "Keep the reason to {max} characters or fewer.")
        @Nullable String reason) {

    static final int REASON_MAX = 256;
    static final String[] ALLOWED_FIELDS = {"fingerprint", "reason"};
}
