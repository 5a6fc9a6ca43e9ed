package com.cksconsole.health.alerts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * The {@code health_alert} outbox and its {@code health_alert_delivery} rows (plain JDBC:
 * the schema is Flyway's, V81).
 */
class AlertRepository {

    /**
     * What an alert holds, as stored.
     *
     * @param kind {@link #STORE_HEALTH} or {@link #BREAK_GLASS} (V103 describes what a
     * break-glass alert keeps in each column)
     */
    record StoredAlert(long id, String accountId, String region, String keyStoreId, String storeName, String fromLevel,
            String toLevel, String findingsJson, Instant eventAt, String kind) {

        /** A store's health alert. */
        StoredAlert(long id, String accountId, String region, String keyStoreId, String storeName, String fromLevel,
                String toLevel, String findingsJson, Instant eventAt) {
            this(id, accountId, region, keyStoreId, storeName, fromLevel, toLevel, findingsJson, eventAt, STORE_HEALTH);
        }

        boolean breakGlass() {
            return BREAK_GLASS.equals(kind);
        }

    }

    /** A store's health level changed. */
    static final String STORE_HEALTH = "STORE_HEALTH";

    /** A change that needed approval was executed without one. */
    static final String BREAK_GLASS = "BREAK_GLASS";

    /** A delivery that is due. */
    record Due(long alertId, String webhook, int attempts) {
    }

    static final String PENDING = "PENDING";

    static final String SENT = "SENT";

    static final String FAILED = "FAILED";

    private static final int MAX_ERROR = 300;

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean exists(String dedupKey) {
        return jdbc.sql("select count(*) from health_alert where dedup_key = :key")
            .param("key", dedupKey)
            .query(Integer.class)
            .single() > 0;
    }

    /**
     * Inserts the alert; a second one with the same key fails with
     * {@link org.springframework.dao.DuplicateKeyException}.
     */
    long insert(String dedupKey, StoredAlert alert, Instant now) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into health_alert (dedup_key, account_id, region, key_store_id, store_name, from_level,
                    to_level, findings, event_at, created_at, kind)
                values (:key, :account, :region, :store, :name, :from, :to, :findings, :eventAt, :now, :kind)
                """)
            .param("kind", alert.kind())
            .param("key", dedupKey)
            .param("account", alert.accountId())
            .param("region", alert.region())
            .param("store", alert.keyStoreId())
            .param("name", alert.storeName())
            .param("from", alert.fromLevel())
            .param("to", alert.toLevel())
            .param("findings", alert.findingsJson())
            .param("eventAt", utc(alert.eventAt()))
            .param("now", utc(now))
            .update(keys, "id");
        return Objects.requireNonNull(keys.getKey(), "generated alert id").longValue();
    }

    void insertDelivery(long alertId, String webhook, Instant now) {
        jdbc.sql("""
                insert into health_alert_delivery (alert_id, webhook, status, attempts, next_attempt_at)
                values (:alert, :webhook, 'PENDING', 0, :now)
                """).param("alert", alertId).param("webhook", webhook).param("now", utc(now)).update();
    }

    /** Deliveries due now and not claimed by a live lease, oldest first. */
    List<Due> due(Instant now, int limit) {
        return jdbc.sql("""
                select alert_id, webhook, attempts from health_alert_delivery
                where status = 'PENDING' and next_attempt_at <= :now and (lease_until is null or lease_until < :now)
                order by next_attempt_at, alert_id, webhook
                fetch first :limit rows only
                """)
            .param("now", utc(now))
            .param("limit", limit)
            .query((rs, row) -> new Due(rs.getLong("alert_id"), rs.getString("webhook"), rs.getInt("attempts")))
            .list();
    }

    /**
     * Claims a due delivery for {@code owner} until {@code leaseUntil}; true only for the
     * one instance whose conditional UPDATE matched.
     */
    boolean claim(Due due, String owner, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                update health_alert_delivery set lease_owner = :owner, lease_until = :until
                where alert_id = :alert and webhook = :webhook and status = 'PENDING' and attempts = :attempts
                  and next_attempt_at <= :now and (lease_until is null or lease_until < :now)
                """)
            .param("owner", owner)
            .param("until", utc(leaseUntil))
            .param("alert", due.alertId())
            .param("webhook", due.webhook())
            .param("attempts", due.attempts())
            .param("now", utc(now))
            .update() == 1;
    }

    Optional<StoredAlert> alert(long id) {
        return jdbc.sql("select * from health_alert where id = :id")
            .param("id", id)
            .query(AlertRepository::map)
            .optional();
    }

    /**
     * Records the outcome of an attempt by the lease holder; false if it lost the lease.
     */
    boolean finish(Due due, String owner, String status, Instant nextAttempt, @Nullable String error,
            @Nullable Instant finishedAt) {
        return jdbc.sql("""
                update health_alert_delivery set status = :status, attempts = :attempts,
                    next_attempt_at = :next, last_error = :error, finished_at = :finished, lease_owner = null,
                    lease_until = null
                where alert_id = :alert and webhook = :webhook and lease_owner = :owner
                """)
            .param("status", status)
            .param("attempts", due.attempts() + 1)
            .param("next", utc(nextAttempt))
            .param("error", error == null ? null : error.substring(0, Math.min(error.length(), MAX_ERROR)))
            .param("finished", finishedAt == null ? null : utc(finishedAt))
            .param("alert", due.alertId())
            .param("webhook", due.webhook())
            .param("owner", owner)
            .update() == 1;
    }

    private static StoredAlert map(ResultSet rs, int row) throws SQLException {
        return new StoredAlert(rs.getLong("id"), rs.getString("account_id"), rs.getString("region"),
                rs.getString("key_store_id"), rs.getString("store_name"), rs.getString("from_level"),
                rs.getString("to_level"), rs.getString("findings"),
                rs.getObject("event_at", OffsetDateTime.class).toInstant(), rs.getString("kind"));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
