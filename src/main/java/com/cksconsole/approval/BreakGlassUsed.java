package com.cksconsole.approval;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A change that needed approval was executed without one, by a break-glass grant: an
 * alert for whoever watches the console (published after the audit event was written).
 */
public record BreakGlassUsed(String actor, String target, @Nullable String storeId, String subject,
        Set<ApprovalOperation> operations, String reason, Instant at) {
}
