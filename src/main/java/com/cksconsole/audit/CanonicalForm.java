package com.cksconsole.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The canonical form of an audit row and its hash: the definition every verifier
 * re-implements (the console's verification, {@code AuditExportVerifier}, the Python
 * recipe in docs/audit.md).
 *
 * <p>
 * Canonical form, version 1: the UTF-8 bytes of the header line {@code cks-audit-v1\n}
 * followed by 23 fields in this order: seq, prev_hash, event_id, kind, entry_seq,
 * refers_to, occurred_at, actor, actor_roles, source_ip, session_hash, action,
 * target_region, target_account, target_store_id, target_store_name, parameters, reason,
 * outcome, error_name, error_message, kms_request_id, duration_ms. Each field is written
 * as {@code <n>:<value>\n} where value is the field's text and n the number of UTF-8
 * bytes of value (so no value can be mistaken for a separator), or as {@code ~\n} when
 * the field is null. Numbers are plain decimal; occurred_at is ISO-8601 UTC with three
 * fraction digits ({@code 2026-11-28T13:59:00.123Z}); parameters is the stored JSON text
 * as it is.
 *
 * <p>
 * hash = lower-case hex SHA-256 of the canonical form. prev_hash is the hash of the row
 * with seq - 1; the first row's prev_hash is {@link #GENESIS} (64 zeros).
 */
final class CanonicalForm {

    static final String VERSION_HEADER = "cks-audit-v1\n";
    static final String GENESIS = "0".repeat(64);

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);

    private CanonicalForm() {
    }

    static String hash(AuditEventRow row) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes(row)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static byte[] bytes(AuditEventRow row) {
        var out = new ByteArrayOutputStream(512 + row.parameters().length());
        out.writeBytes(VERSION_HEADER.getBytes(StandardCharsets.UTF_8));
        field(out, Long.toString(row.seq()));
        field(out, row.prevHash());
        field(out, row.eventId());
        field(out, row.kind().name());
        field(out, Long.toString(row.entrySeq()));
        field(out, row.refersTo());
        field(out, row.occurredAt());
        field(out, row.actor());
        field(out, row.actorRoles());
        field(out, row.sourceIp());
        field(out, row.sessionHash());
        field(out, row.action());
        field(out, row.targetRegion());
        field(out, row.targetAccount());
        field(out, row.targetStoreId());
        field(out, row.targetStoreName());
        field(out, row.parameters());
        field(out, row.reason());
        field(out, row.outcome());
        field(out, row.errorName());
        field(out, row.errorMessage());
        field(out, row.kmsRequestId());
        field(out, row.durationMs() == null ? null : Long.toString(row.durationMs()));
        return out.toByteArray();
    }

    /**
     * Writes one field as the canonical form does (also used by the checkpoint's and the
     * link's signed forms).
     */
    static void field(ByteArrayOutputStream out, @Nullable String value) {
        if (value == null) {
            out.writeBytes("~\n".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(bytes);
        out.write('\n');
    }

    /** The canonical text of a time: UTC, millisecond precision. */
    static String time(Instant instant) {
        return TIME.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    static Instant parseTime(String text) {
        return Instant.parse(text);
    }

}
