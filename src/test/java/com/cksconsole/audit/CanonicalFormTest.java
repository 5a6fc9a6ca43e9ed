package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * The canonical form, pinned: the expected hash below was computed by an independent
 * implementation of the definition in docs/audit.md (the Python recipe), so a change to
 * the Java side that breaks outside verification fails.
 */
class CanonicalFormTest {

    static final AuditEventRow ROW = new AuditEventRow(1, CanonicalForm.GENESIS, "00000000-0000-4000-8000-000000000001",
            EventKind.EVENT, 1, null, "2026-03-01T10:00:00.000Z", "alice", "OPERATOR", "203.0.113.7", null,
            "UPDATE_CUSTOM_KEY_STORE", "us-east-1", "111122223333", "cks-1234567890abcdef0", "Zürich ✓",
            "[{\"name\":\"CustomKeyStoreName\",\"kind\":\"CHANGE\",\"before\":\"a\",\"after\":\"Zürich ✓\"}]",
            "CHG-1\nline2", "SUCCEEDED", null, null, "req-1", 87L, "");

    @Test
    void theHashOfAKnownRowIsTheOneAnIndependentImplementationComputes() {
        assertThat(CanonicalForm.hash(ROW))
            .isEqualTo("d41baa42fc30b1a08dd6e0c05787f31de19caa83103f04ddae1d0b6b1df733c8");
    }

    @Test
    void fieldsAreLengthPrefixedInUtf8BytesAndNullsAreATilde() {
        String text = new String(CanonicalForm.bytes(ROW), StandardCharsets.UTF_8);
        assertThat(text).startsWith("cks-audit-v1\n1:1\n64:" + CanonicalForm.GENESIS + "\n");
        assertThat(text).contains("\n5:EVENT\n1:1\n~\n24:2026-03-01T10:00:00.000Z\n");
        assertThat(text).contains("\n11:Zürich ✓\n").as("Zürich ✓ is 11 UTF-8 bytes");
        assertThat(text).contains("\n11:CHG-1\nline2\n");
        assertThat(text).endsWith("\n5:req-1\n2:87\n");
    }

    @Test
    void anEmptyTextIsNotANull() {
        var empty = new AuditEventRow(1, CanonicalForm.GENESIS, "id", EventKind.EVENT, 1, null, "t", "a", "", null,
                null, "SIGN_IN", null, null, null, null, "[]", "", null, null, null, null, null, "");
        var absent = new AuditEventRow(1, CanonicalForm.GENESIS, "id", EventKind.EVENT, 1, null, "t", "a", "", null,
                null, "SIGN_IN", null, null, null, null, "[]", null, null, null, null, null, null, "");
        assertThat(CanonicalForm.hash(empty)).isNotEqualTo(CanonicalForm.hash(absent));
    }

    @Test
    void theJavaVerifierAgreesWithTheConsolesCanonicalForm() {
        var fields = new java.util.HashMap<String, String>();
        fields.putAll(Map.of("seq", "1", "prev_hash", CanonicalForm.GENESIS, "event_id", ROW.eventId(), "kind", "EVENT",
                "entry_seq", "1", "occurred_at", ROW.occurredAt(), "actor", "alice", "actor_roles", "OPERATOR",
                "source_ip", "203.0.113.7", "action", ROW.action()));
        fields.putAll(Map.of("target_region", "us-east-1", "target_account", "111122223333", "target_store_id",
                ROW.targetStoreId(), "target_store_name", ROW.targetStoreName(), "parameters", ROW.parameters(),
                "reason", ROW.reason(), "outcome", "SUCCEEDED", "kms_request_id", "req-1", "duration_ms", "87"));
        fields.put("refers_to", null);
        fields.put("session_hash", null);
        fields.put("error_name", null);
        fields.put("error_message", null);
        assertThat(AuditExportVerifier.canonical(fields)).isEqualTo(CanonicalForm.bytes(ROW));
    }

    /**
     * Parameters of any length are written in full (beyond the 512 bytes first reserved).
     */
    @Test
    void longParametersAreWrittenInFull() {
        String parameters = "[\"" + "x".repeat(1000) + "\"]";
        var row = new AuditEventRow(1, CanonicalForm.GENESIS, "id", EventKind.EVENT, 1, null, "t", "a", "", null, null,
                "SIGN_IN", null, null, null, null, parameters, null, null, null, null, null, null, "");

        assertThat(new String(CanonicalForm.bytes(row), StandardCharsets.UTF_8))
            .contains("\n1004:" + parameters + "\n");
    }

    @Test
    void timesAreUtcWithExactlyThreeFractionDigits() {
        assertThat(CanonicalForm.time(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("2026-03-01T10:00:00.000Z");
        assertThat(CanonicalForm.time(Instant.parse("2026-03-01T10:00:00.123999Z")))
            .isEqualTo("2026-03-01T10:00:00.123Z");
    }

}
