package com.cksconsole.security;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Failure counters of sign-in throttling, in the database so that every console instance
 * sees them.
 */
@Repository
class SignInThrottleRepository {

    /** The throttle state of one key ('user:...' or 'ip:...'). */
    record Entry(int failures, Instant lastFailureAt, @Nullable Instant notBefore, @Nullable Instant lockedUntil) {
    }

    private static final RowMapper<Entry> ROW = (rs, n) -> new Entry(rs.getInt("failures"),
            rs.getObject("last_failure_at", OffsetDateTime.class).toInstant(),
            nullableInstant(rs.getObject("not_before", OffsetDateTime.class)),
            nullableInstant(rs.getObject("locked_until", OffsetDateTime.class)));

    private final JdbcClient jdbc;

    SignInThrottleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Entry> find(String key) {
        return jdbc.sql("select * from sign_in_throttle where throttle_key = :key")
            .param("key", key)
            .query(ROW)
            .optional();
    }

    /**
     * The entry, locked until the end of the current transaction: a parallel attempt (on
     * any instance) waits here until this one has decided and counted. The row must exist
     * ({@link #insertEmpty}).
     */
    Entry lock(String key) {
        return jdbc.sql("select * from sign_in_throttle where throttle_key = :key for update")
            .param("key", key)
            .query(ROW)
            .single();
    }

    /**
     * A row without failures; fails with a {@code DuplicateKeyException} when the key has
     * one already.
     */
    void insertEmpty(String key, Instant now) {
        jdbc.sql("""
                insert into sign_in_throttle (throttle_key, failures, last_failure_at, not_before, locked_until)
                values (:key, 0, :now, null, null)
                """).param("key", key).param("now", utc(now)).update();
    }

    void save(String key, Entry entry) {
        jdbc.sql("""
                update sign_in_throttle set failures = :failures, last_failure_at = :last, not_before = :notBefore,
                       locked_until = :lockedUntil
                where throttle_key = :key
                """)
            .param("key", key)
            .param("failures", entry.failures())
            .param("last", utc(entry.lastFailureAt()))
            .param("notBefore", utc(entry.notBefore()))
            .param("lockedUntil", utc(entry.lockedUntil()))
            .update();
    }

    private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable Instant nullableInstant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }

}
