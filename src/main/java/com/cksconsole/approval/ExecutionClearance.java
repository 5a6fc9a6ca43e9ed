package com.cksconsole.approval;

import org.jspecify.annotations.Nullable;

/**
 * Leave to send one change that needs approval: by an approved request (claimed, so it
 * cannot be executed twice at once) or by break glass. The caller reports whether the
 * change was sent ({@link Approvals#sent}) or not ({@link Approvals#notSent}).
 *
 * @param requestId the approved request, or null for break glass
 * @param auditNote what the change's own audit entry's reason should start with, naming
 * the request or the break glass
 */
public record ExecutionClearance(@Nullable String requestId, String actor, String auditNote) {

    public boolean breakGlass() {
        return requestId == null;
    }

}
