package com.cksconsole.keystore.web;

import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.guided.GuidedMode;

/**
 * What the review page posts: the fingerprint of the store as it was loaded, the
 * operator's reason or ticket reference (kept with the change for the audit log), the
 * reason for going on despite a failed XKS pre-flight check, and for a guided change how
 * it should end; when the change needs approval and the operator holds a break-glass
 * right, the reason for going on without one. Never a secret: those stay server-side.
 */
record ReviewForm(@Nullable String fingerprint,
        @Size(max = ReviewForm.REASON_MAX,
                message = "Keep the reason to {max} characters or fewer.") @Nullable String reason,
        @Size(max = ReviewForm.REASON_MAX,
                message = "Keep the reason for going on to {max} characters or fewer.") @Nullable String overrideReason,
        @EnumValue(of = GuidedMode.class, message = "Choose how the guided change should end.") @Nullable String mode,
        @Size(max = ReviewForm.BREAK_GLASS_REASON_MAX,
                message = "Keep the reason for breaking the glass to {max} characters or fewer.") @Nullable String breakGlassReason) {

    static final int REASON_MAX = 256;
    static final String OVERRIDE_REASON = "overrideReason";
    static final int BREAK_GLASS_REASON_MAX = 1000;
    static final String BREAK_GLASS_REASON = "breakGlassReason";
    static final String[] ALLOWED_FIELDS = { "fingerprint", "reason", OVERRIDE_REASON, "mode", BREAK_GLASS_REASON };

    ReviewForm(@Nullable String fingerprint, @Nullable String reason) {
        this(fingerprint, reason, null, null, null);
    }
}
