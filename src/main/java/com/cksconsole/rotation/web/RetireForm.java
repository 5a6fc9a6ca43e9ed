package com.cksconsole.rotation.web;

import jakarta.validation.constraints.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Step 6's confirmation: optionally the old secret access key, used for one
 * GetHealthStatus (the proxy must refuse it) and never kept; or the acknowledgement that
 * the console cannot check.
 */
record RetireForm(
        @Pattern(regexp = "[A-Za-z0-9/+=]{43,64}", message = StartForm.SECRET_RULE) @Nullable String oldSecret,
        @Nullable Boolean withoutProof) {

    static final String NAME = "retireForm";

    static final String[] ALLOWED_FIELDS = { "oldSecret", "withoutProof" };

    static RetireForm empty() {
        return new RetireForm(null, false);
    }

    @Override
    public String toString() {
        return "RetireForm[oldSecret=<redacted>, withoutProof=" + withoutProof + "]";
    }

}
