package com.cksconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * An event's content before it is chained: everything but seq, time, prev_hash and hash,
 * which the repository assigns under the chain-head lock.
 *
 * @param intentSeq OUTCOME only: the seq of the intent it resolves (its entry_seq)
 */
record NewEvent(String eventId, EventKind kind, @Nullable Long intentSeq, @Nullable String refersTo,
        AuditContext context, String action, AuditTarget target, String parameters, @Nullable String reason,
        @Nullable AuditOutcome outcome, @Nullable String errorName, @Nullable String errorMessage,
        @Nullable String kmsRequestId, @Nullable Long durationMs) {
}
