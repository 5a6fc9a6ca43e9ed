package com.cksconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code audit_event} exactly as stored and hashed: every value is the text
 * the canonical form encodes (see {@link CanonicalForm}), so that a row read back hashes
 * to the same value it was written with.
 *
 * @param occurredAt ISO-8601 UTC with exactly three fraction digits, e.g.
 * {@code 2026-11-28T13:59:00.123Z}
 * @param link the keyed link (see {@link ChainKey}); null for a row written before the
 * keyed chain, and for a row not yet linked
 */
record AuditEventRow(long seq, String prevHash, String eventId, EventKind kind, long entrySeq,
        @Nullable String refersTo, String occurredAt, String actor, String actorRoles, @Nullable String sourceIp,
        @Nullable String sessionHash, String action, @Nullable String targetRegion, @Nullable String targetAccount,
        @Nullable String targetStoreId, @Nullable String targetStoreName, String parameters, @Nullable String reason,
        @Nullable String outcome, @Nullable String errorName, @Nullable String errorMessage,
        @Nullable String kmsRequestId, @Nullable Long durationMs, String hash, @Nullable String link) {

    /**
     * A row without keyed link (before it is linked, or written before the keyed chain).
     */
    AuditEventRow(long seq, String prevHash, String eventId, EventKind kind, long entrySeq, @Nullable String refersTo,
            String occurredAt, String actor, String actorRoles, @Nullable String sourceIp, @Nullable String sessionHash,
            String action, @Nullable String targetRegion, @Nullable String targetAccount,
            @Nullable String targetStoreId, @Nullable String targetStoreName, String parameters,
            @Nullable String reason, @Nullable String outcome, @Nullable String errorName,
            @Nullable String errorMessage, @Nullable String kmsRequestId, @Nullable Long durationMs, String hash) {
        this(seq, prevHash, eventId, kind, entrySeq, refersTo, occurredAt, actor, actorRoles, sourceIp, sessionHash,
                action, targetRegion, targetAccount, targetStoreId, targetStoreName, parameters, reason, outcome,
                errorName, errorMessage, kmsRequestId, durationMs, hash, null);
    }

    AuditEventRow withHash(String newHash) {
        return new AuditEventRow(seq, prevHash, eventId, kind, entrySeq, refersTo, occurredAt, actor, actorRoles,
                sourceIp, sessionHash, action, targetRegion, targetAccount, targetStoreId, targetStoreName, parameters,
                reason, outcome, errorName, errorMessage, kmsRequestId, durationMs, newHash, link);
    }

    AuditEventRow withLink(String newLink) {
        return new AuditEventRow(seq, prevHash, eventId, kind, entrySeq, refersTo, occurredAt, actor, actorRoles,
                sourceIp, sessionHash, action, targetRegion, targetAccount, targetStoreId, targetStoreName, parameters,
                reason, outcome, errorName, errorMessage, kmsRequestId, durationMs, hash, newLink);
    }

    AuditEventRow withSeq(long newSeq) {
        return new AuditEventRow(newSeq, prevHash, eventId, kind, entrySeq, refersTo, occurredAt, actor, actorRoles,
                sourceIp, sessionHash, action, targetRegion, targetAccount, targetStoreId, targetStoreName, parameters,
                reason, outcome, errorName, errorMessage, kmsRequestId, durationMs, hash, link);
    }
}
