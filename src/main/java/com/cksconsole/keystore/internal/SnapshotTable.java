package com.cksconsole.keystore.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.kms.KmsTarget;

/**
 * The {@code kms_snapshot} table (V96 migration): each target's newest Describe snapshot,
 * shared by every console instance on the database, with its generation and the lease of
 * the one instance allowed to Describe the target now. Every change of a lease is one
 * conditional update, so two instances can never both hold it (the pattern of the guided
 * and rotation runs' leases).
 *
 * <p>
 * Times are kept in whole milliseconds, as every database keeps them, so a value read
 * back compares the same as the one written.
 */
@Repository
class SnapshotTable {

    private static final String TARGET = "account_id = :account and region = :region";

    private final JdbcClient jdbc;

    SnapshotTable(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The target's row, created (generation 0, no snapshot) when there is none yet.
     */
    Stored readOrCreate(KmsTarget target) {
        var found = read(target);
        if (found.isPresent()) {
            return found.get();
        }
        try {
            jdbc.sql("insert into kms_snapshot (account_id, region, generation) values (:account, :region, 0)")
                .params(key(target))
                .update();
        }
        catch (DataIntegrityViolationException anotherInstanceWasFirst) {
            // The primary key refused a second row: read the other instance's.
        }
        return read(target).orElseThrow();
    }

    Optional<Stored> read(KmsTarget target) {
        return jdbc.sql("select * from kms_snapshot where " + TARGET)
            .params(key(target))
            .query((rs, row) -> stored(target, rs))
            .optional();
    }

    /**
     * Gives {@code owner} the right to Describe the target until {@code until}: succeeds
     * only while the lease is free or expired, the generation is still
     * {@code generation}, and there is neither a snapshot nor a failure of that
     * generation younger than {@code ttl}. So among instances that all find the snapshot
     * out of date at the same moment, exactly one wins, and none wins again within the
     * period once a Describe has been stored.
     */
    boolean claim(KmsTarget target, long generation, String owner, Instant now, Instant until, Duration ttl) {
        Instant staleBefore = millis(now).minus(ttl);
        return jdbc
            .sql("update kms_snapshot set lease_owner = :owner, lease_until = :until where " + TARGET
                    + " and generation = :generation and (lease_owner is null or lease_until < :now)"
                    + " and (taken_at is null or snapshot_generation <> generation or taken_at <= :staleBefore)"
                    + " and (failed_at is null or failure_generation <> generation or failed_at <= :staleBefore)")
            .params(key(target))
            .param("owner", owner)
            .param("until", utc(until))
            .param("generation", generation)
            .param("now", utc(now))
            .param("staleBefore", utc(staleBefore))
            .update() == 1;
    }

    /**
     * Stores a snapshot Described under {@code owner}'s lease, taken at generation
     * {@code generation}, and frees the lease.
     * @return false when the lease was no longer {@code owner}'s (nothing written)
     */
    boolean store(KeyStoreSnapshot snapshot, long generation, String owner) {
        return jdbc
            .sql("update kms_snapshot set stores_json = :json, taken_at = :takenAt, "
                    + "snapshot_generation = :generation, failure_kind = null, failure_code = null, "
                    + "failure_request_id = null, failed_at = null, failure_generation = null, lease_owner = null, "
                    + "lease_until = null where " + TARGET + " and lease_owner = :owner")
            .params(key(snapshot.target()))
            .param("json", SnapshotJson.write(snapshot.stores()))
            .param("takenAt", utc(snapshot.fetchedAt()))
            .param("generation", generation)
            .param("owner", owner)
            .update() == 1;
    }

    /**
     * Stores the failure of a Describe made under {@code owner}'s lease (the last
     * snapshot stays, as the last known one) and frees the lease.
     * @return false when the lease was no longer {@code owner}'s (nothing written)
     */
    boolean storeFailure(KmsTarget target, KmsFailure failure, Instant failedAt, long generation, String owner) {
        return jdbc
            .sql("update kms_snapshot set failure_kind = :kind, failure_code = :code, "
                    + "failure_request_id = :requestId, failed_at = :failedAt, failure_generation = :generation, "
                    + "lease_owner = null, lease_until = null where " + TARGET + " and lease_owner = :owner")
            .params(key(target))
            .param("kind", failure.kind().name())
            .param("code", clip(failure.errorCode(), 128))
            .param("requestId", failure.requestId() == null ? null : clip(failure.requestId(), 64), Types.VARCHAR)
            .param("failedAt", utc(failedAt))
            .param("generation", generation)
            .param("owner", owner)
            .update() == 1;
    }

    /** Frees {@code owner}'s lease without storing anything. */
    void release(KmsTarget target, String owner) {
        jdbc.sql("update kms_snapshot set lease_owner = null, lease_until = null where " + TARGET
                + " and lease_owner = :owner")
            .params(key(target))
            .param("owner", owner)
            .update();
    }

    /**
     * Makes the target's snapshot out of date on every instance (after a console change).
     */
    void bumpGeneration(KmsTarget target) {
        jdbc.sql("update kms_snapshot set generation = generation + 1 where " + TARGET).params(key(target)).update();
    }

    /** Makes every target's snapshot out of date on every instance. */
    void bumpAllGenerations() {
        jdbc.sql("update kms_snapshot set generation = generation + 1").update();
    }

    private static Map<String, Object> key(KmsTarget target) {
        return Map.of("account", StoreTargetColumns.account(target), "region", target.region());
    }

    private static Stored stored(KmsTarget target, ResultSet rs) throws SQLException {
        String json = rs.getString("stores_json");
        Instant takenAt = instant(rs, "taken_at");
        @Nullable KeyStoreSnapshot snapshot = json == null || takenAt == null ? null
                : new KeyStoreSnapshot(target, SnapshotJson.read(json), takenAt);
        String kind = rs.getString("failure_kind");
        Instant failedAt = instant(rs, "failed_at");
        @Nullable KmsFailure failure = kind == null || failedAt == null ? null
                : new KmsFailure(failureKind(kind), rs.getString("failure_code"), rs.getString("failure_request_id"));
        return new Stored(target, rs.getLong("generation"), snapshot, nullableLong(rs, "snapshot_generation"), failure,
                failedAt, nullableLong(rs, "failure_generation"), rs.getString("lease_owner"),
                instant(rs, "lease_until"));
    }

    /** A kind this version does not know (written by a newer one) counts as internal. */
    private static KmsFailureKind failureKind(String name) {
        try {
            return KmsFailureKind.valueOf(name);
        }
        catch (IllegalArgumentException unknown) {
            return KmsFailureKind.KMS_INTERNAL;
        }
    }

    private static @Nullable Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return millis(instant).atOffset(ZoneOffset.UTC);
    }

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * One target's row.
     *
     * @param snapshot the newest stored snapshot, null before the first
     * @param snapshotGeneration the generation its Describe was made at
     * @param failure the newest failed Describe, null when there was none since the last
     * snapshot
     * @param failureGeneration the generation that failure happened at
     * @param leaseOwner the instance Describing the target now, if any
     */
    record Stored(KmsTarget target, long generation, @Nullable KeyStoreSnapshot snapshot,
            @Nullable Long snapshotGeneration, @Nullable KmsFailure failure, @Nullable Instant failedAt,
            @Nullable Long failureGeneration, @Nullable String leaseOwner, @Nullable Instant leaseUntil) {

        /**
         * What every instance is to serve now without a Describe: the snapshot when it is
         * of this generation and younger than {@code ttl}, else the failure of this
         * generation when it is younger than {@code ttl}; null when the target is to be
         * Described.
         */
        SnapshotSource.@Nullable Fetched settled(Instant now, Duration ttl) {
            Instant at = millis(now);
            if (snapshot != null && snapshotGeneration != null && snapshotGeneration == generation
                    && at.isBefore(snapshot.fetchedAt().plus(ttl))) {
                return SnapshotSource.Fetched.current(snapshot);
            }
            if (failure != null && failedAt != null && failureGeneration != null && failureGeneration == generation
                    && at.isBefore(failedAt.plus(ttl))) {
                return SnapshotSource.Fetched.failed(new KmsCallException("DescribeCustomKeyStores", failure), failedAt,
                        snapshot);
            }
            return null;
        }

    }

}
