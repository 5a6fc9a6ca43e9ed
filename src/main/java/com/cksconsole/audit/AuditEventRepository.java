package com.cksconsole.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Writes the chain. Every method runs in the caller's transaction; {@link AuditTrail}
 * opens them. The append locks the single {@code audit_chain_head} row first
 * ({@code select ... for update}), so appends from any number of threads and console
 * instances are serialised by the database and the chain stays one gapless sequence. Each
 * row gets its public hash ({@link CanonicalForm}) and its keyed link ({@link ChainKey}).
 * There is no update or delete of {@code audit_event} anywhere in the application.
 */
class AuditEventRepository {

    static final String COLUMNS = "seq, event_id, kind, entry_seq, refers_to, occurred_at, actor, actor_roles, "
            + "source_ip, session_hash, action, target_region, target_account, target_store_id, target_store_name, "
            + "parameters, reason, outcome, error_name, error_message, kms_request_id, duration_ms, prev_hash, hash, link";

    static final RowMapper<AuditEventRow> ROW = (rs, rowNum) -> read(rs, "");

    private final JdbcClient jdbc;

    private final Clock clock;

    private final ChainKey chainKey;

    AuditEventRepository(DataSource dataSource, Clock clock, ChainKey chainKey) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
        this.chainKey = chainKey;
    }

    /**
     * The chain head, locked until the end of the current transaction.
     * @throws AuditUnavailableException the chain was keyed with another chain key:
     * appending under this one would break it, so nothing is appended (and nothing the
     * caller guards is attempted)
     */
    private Head lockHead() {
        var head = jdbc
            .sql("select last_seq, last_hash, last_occurred_at, last_link, keyed_from, chain_key_id "
                    + "from audit_chain_head where id = 1 for update")
            .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2), instant(rs, 3), rs.getString(4), rs.getLong(5),
                    rs.getString(6)))
            .single();
        if (head.chainKeyId() != null && !head.chainKeyId().equals(chainKey.id())) {
            throw new AuditUnavailableException(
                    "The audit chain was keyed with chain key " + head.chainKeyId() + ", this instance has "
                            + chainKey.id() + ": set the same console.audit.chain-key on every " + "instance");
        }
        return head;
    }

    /** Appends one row at the end of the chain and moves the head. */
    AuditEventRow append(NewEvent event) {
        return appendLocked(lockHead(), event);
    }

    /**
     * Appends the outcome of an intent unless it already has one: closes the intent in
     * the open list in the same transaction (a second outcome, from a late writer or a
     * reconciliation, finds nothing to close).
     */
    Optional<AuditEventRow> appendOutcome(NewEvent outcome) {
        var head = lockHead();
        int closed = jdbc.sql("delete from audit_open_intent where intent_seq = :seq")
            .param("seq", outcome.intentSeq())
            .update();
        if (closed == 0) {
            return Optional.empty();
        }
        return Optional.of(appendLocked(head, outcome));
    }

    /** Appends an intent and lists it as open until its outcome arrives. */
    AuditEventRow appendIntent(NewEvent intent) {
        var row = appendLocked(lockHead(), intent);
        jdbc.sql("""
                insert into audit_open_intent (intent_seq, event_id, target_store_id, opened_at)
                values (:seq, :eventId, :storeId, :openedAt)
                """)
            .param("seq", row.seq())
            .param("eventId", row.eventId())
            .param("storeId", row.targetStoreId())
            .param("openedAt", utc(CanonicalForm.parseTime(row.occurredAt())))
            .update();
        return row;
    }

    /**
     * The open intents of every store, oldest first, recorded before
     * {@code openedBefore}.
     */
    List<AuditEventRow> openIntents(Instant openedBefore) {
        return jdbc
            .sql("select " + prefixed("e") + " from audit_open_intent o join audit_event e on e.seq = o.intent_seq"
                    + " where o.opened_at < :before order by o.intent_seq")
            .param("before", utc(openedBefore))
            .query(ROW)
            .list();
    }

    /**
     * Lists again intents that have no outcome in the chain but are missing from the
     * open-intent list (someone deleted them there), so that a describe can reconcile
     * them again.
     * @return how many were listed again
     */
    int relistOpenIntents(List<Long> intentSeqs) {
        int relisted = 0;
        for (long seq : intentSeqs) {
            relisted += jdbc.sql("""
                    insert into audit_open_intent (intent_seq, event_id, target_store_id, opened_at)
                    select e.seq, e.event_id, e.target_store_id, e.occurred_at from audit_event e
                    where e.seq = :seq and e.kind = 'INTENT'
                      and not exists (select 1 from audit_open_intent o where o.intent_seq = e.seq)
                      and not exists (select 1 from audit_event x where x.entry_seq = e.seq and x.kind = 'OUTCOME')
                    """).param("seq", seq).update();
        }
        return relisted;
    }

    private AuditEventRow appendLocked(Head head, NewEvent event) {
        long seq = head.lastSeq() + 1;
        // Time never goes backwards along the chain (several instances' clocks differ by
        // a few ms): this keeps
        // "time range" and "seq range" the same thing, which is what makes time filters
        // fast.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (head.lastOccurredAt() != null && now.isBefore(head.lastOccurredAt())) {
            now = head.lastOccurredAt();
        }
        var context = event.context();
        var target = event.target();
        var unhashed = new AuditEventRow(seq, head.lastHash(), event.eventId(), event.kind(),
                event.kind() == EventKind.OUTCOME ? requireIntentSeq(event) : seq, event.refersTo(),
                CanonicalForm.time(now), context.actor(), context.rolesText(), context.sourceIp(),
                context.sessionHash(), event.action(), target.region(), target.accountId(), target.storeId(),
                target.storeName(), event.parameters(), event.reason(),
                event.outcome() == null ? null : event.outcome().name(), event.errorName(), event.errorMessage(),
                event.kmsRequestId(), event.durationMs(), "");
        var hashed = unhashed.withHash(CanonicalForm.hash(unhashed));
        var row = hashed.withLink(chainKey.link(seq,
                ChainKey.previousLink(seq, head.keyedFrom(), head.lastLink(), head.lastHash()), hashed.hash()));
        jdbc.sql("insert into audit_event (" + COLUMNS + ") values (:seq, :eventId, :kind, :entrySeq, :refersTo, "
                + ":occurredAt, :actor, :actorRoles, :sourceIp, :sessionHash, :action, :targetRegion, "
                + ":targetAccount, :targetStoreId, :targetStoreName, :parameters, :reason, :outcome, "
                + ":errorName, :errorMessage, :kmsRequestId, :durationMs, :prevHash, :hash, :link)")
            .param("seq", row.seq())
            .param("eventId", row.eventId())
            .param("kind", row.kind().name())
            .param("entrySeq", row.entrySeq())
            .param("refersTo", row.refersTo())
            .param("occurredAt", utc(now))
            .param("actor", row.actor())
            .param("actorRoles", row.actorRoles())
            .param("sourceIp", row.sourceIp())
            .param("sessionHash", row.sessionHash())
            .param("action", row.action())
            .param("targetRegion", row.targetRegion())
            .param("targetAccount", row.targetAccount())
            .param("targetStoreId", row.targetStoreId())
            .param("targetStoreName", row.targetStoreName())
            .param("parameters", row.parameters())
            .param("reason", row.reason())
            .param("outcome", row.outcome())
            .param("errorName", row.errorName())
            .param("errorMessage", row.errorMessage())
            .param("kmsRequestId", row.kmsRequestId())
            .param("durationMs", row.durationMs())
            .param("prevHash", row.prevHash())
            .param("hash", row.hash())
            .param("link", row.link())
            .update();
        jdbc.sql("update audit_chain_head set last_seq = :seq, last_hash = :hash, last_link = :link, "
                + "last_occurred_at = :at, chain_key_id = :keyId where id = 1")
            .param("seq", seq)
            .param("hash", row.hash())
            .param("link", row.link())
            .param("at", utc(now))
            .param("keyId", chainKey.id())
            .update();
        return row;
    }

    private static long requireIntentSeq(NewEvent event) {
        var intentSeq = event.intentSeq();
        if (intentSeq == null) {
            throw new IllegalArgumentException("An outcome needs the seq of its intent");
        }
        return intentSeq;
    }

    /** The columns of audit_event qualified by an alias, e.g. for joins. */
    static String prefixed(String alias) {
        return alias + "." + COLUMNS.replace(", ", ", " + alias + ".");
    }

    /**
     * The columns of audit_event qualified by an alias and renamed with a prefix
     * ({@code o.seq as o_seq}).
     */
    static String aliased(String alias, String prefix) {
        var sb = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            if (!sb.isEmpty()) {
                sb.append(", ");
            }
            sb.append(alias).append('.').append(column).append(" as ").append(prefix).append(column);
        }
        return sb.toString();
    }

    /**
     * Reads a row whose columns carry {@code prefix}; null when the (outer-joined) row is
     * absent.
     */
    static @Nullable AuditEventRow readOptional(ResultSet rs, String prefix) throws SQLException {
        rs.getLong(prefix + "seq");
        return rs.wasNull() ? null : read(rs, prefix);
    }

    static AuditEventRow read(ResultSet rs, String prefix) throws SQLException {
        var occurredAt = rs.getObject(prefix + "occurred_at", OffsetDateTime.class);
        return new AuditEventRow(rs.getLong(prefix + "seq"), rs.getString(prefix + "prev_hash"),
                rs.getString(prefix + "event_id"), EventKind.valueOf(rs.getString(prefix + "kind")),
                rs.getLong(prefix + "entry_seq"), rs.getString(prefix + "refers_to"),
                CanonicalForm.time(occurredAt.toInstant()), rs.getString(prefix + "actor"),
                rs.getString(prefix + "actor_roles"), rs.getString(prefix + "source_ip"),
                rs.getString(prefix + "session_hash"), rs.getString(prefix + "action"),
                rs.getString(prefix + "target_region"), rs.getString(prefix + "target_account"),
                rs.getString(prefix + "target_store_id"), rs.getString(prefix + "target_store_name"),
                rs.getString(prefix + "parameters"), rs.getString(prefix + "reason"), rs.getString(prefix + "outcome"),
                rs.getString(prefix + "error_name"), rs.getString(prefix + "error_message"),
                rs.getString(prefix + "kms_request_id"), rs.getObject(prefix + "duration_ms", Long.class),
                rs.getString(prefix + "hash"), rs.getString(prefix + "link"));
    }

    private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private record Head(long lastSeq, String lastHash, @Nullable Instant lastOccurredAt, @Nullable String lastLink,
            long keyedFrom, @Nullable String chainKeyId) {
    }

}
