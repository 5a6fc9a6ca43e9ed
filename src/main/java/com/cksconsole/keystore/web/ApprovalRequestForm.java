package com.cksconsole.keystore.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.guided.GuidedMode;

/**
 * What the review page posts to ask for approval of its change (docs/approvals.md): why,
 * and for a guided change how it should end (pinned with the request).
 */
record ApprovalRequestForm(
        @NotBlank(message = "Say why the change is needed: approvers read it.") @Size(
                max = ApprovalRequestForm.REASON_MAX,
                message = "Keep the reason to {max} characters or fewer.") @Nullable String approvalReason,
        @EnumValue(of = GuidedMode.class,
                message = "Choose how the guided change should end.") @Nullable String approvalMode) {

    static final int REASON_MAX = 1000;

    static final String NAME = "approvalRequestForm";

    static final String[] ALLOWED_FIELDS = { "approvalReason", "approvalMode" };

    static ApprovalRequestForm empty() {
        return new ApprovalRequestForm(null, null);
    }

}
