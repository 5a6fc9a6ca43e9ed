package com.cksconsole.audit;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** One stored row of the audit log, read back for the views. */
public record AuditEvent(long seq, String eventId, EventKind kind, long entrySeq, @Nullable String refersTo,
        Instant occurredAt, String actor, List<String> actorRoles, @Nullable String sourceIp,
        @Nullable String sessionHash, String action, AuditTarget target, List<AuditParameter> parameters,
        @Nullable String reason, @Nullable AuditOutcome outcome, @Nullable String errorName,
        @Nullable String errorMessage, @Nullable String kmsRequestId, @Nullable Long durationMs, String prevHash,
        String hash) {

    private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS 'UTC'")
        .withZone(ZoneOffset.UTC);

    static AuditEvent of(AuditEventRow row) {
        return new AuditEvent(row.seq(), row.eventId(), row.kind(), row.entrySeq(), row.refersTo(),
                CanonicalForm.parseTime(row.occurredAt()), row.actor(),
                row.actorRoles().isEmpty() ? List.of() : Arrays.asList(row.actorRoles().split(",")), row.sourceIp(),
                row.sessionHash(), row.action(),
                new AuditTarget(row.targetRegion(), row.targetAccount(), row.targetStoreId(), row.targetStoreName()),
                AuditJson.readParameters(row.parameters()), row.reason(),
                row.outcome() == null ? null : AuditOutcome.valueOf(row.outcome()), row.errorName(), row.errorMessage(),
                row.kmsRequestId(), row.durationMs(), row.prevHash(), row.hash());
    }

    public String actionLabel() {
        return AuditActions.labelOf(action);
    }

    /** The time as the pages show it: {@code 2026-11-28 13:59:00.123 UTC}. */
    public String displayTime() {
        return DISPLAY.format(occurredAt);
    }
}
