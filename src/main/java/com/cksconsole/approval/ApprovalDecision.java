package com.cksconsole.approval;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** One approver's answer to a request. */
public record ApprovalDecision(String approver, boolean approved, @Nullable String comment, Instant decidedAt) {
}
