package com.cksconsole.keystore.guided;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.keystore.SecretSealing;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.internal.StoreTargetColumns;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;

/**
 * Guided changes in the database (plain JDBC; the same SQL on H2 and PostgreSQL). Writes
 * are narrow: each method changes only the columns it is about, so that the runner and an
 * operator's request (cancel, leave disconnected) never overwrite each other; the points
 * of no return are conditional updates.
 */
@Repository
class GuidedRunRepository {

    private static final String ACTIVE = "('RUNNING', 'NEEDS_SECRET')";

    private static final String NO_SEALED = "sealed_data_key = null, sealed_kek_id = null, sealed_iv = null, "
            + "sealed_ciphertext = null";

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    private final StoreChangeLocks locks;

    GuidedRunRepository(JdbcClient jdbc, PlatformTransactionManager transactions, StoreChangeLocks locks) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.locks = locks;
    }

    /**
     * Creates a run with its steps and takes its store's change lock, in one transaction,
     * claimed by {@code leaseOwner} (the instance that holds the run's secret, if any).
     * @throws com.cksconsole.keystore.KeyStoreBusyException another change holds the
     * store (nothing written)
     */
    void create(GuidedRun run, String leaseOwner, Instant leaseUntil) {
        create(run, leaseOwner, leaseUntil, () -> {
        });
    }

    /**
     * As {@link #create(GuidedRun, String, Instant)}, and runs {@code alsoRecord} in the
     * same transaction (the audit log's records of the start join it): when they cannot
     * be written, the run is not created either.
     */
    void create(GuidedRun run, String leaseOwner, Instant leaseUntil, Runnable alsoRecord) {
        create(run, leaseOwner, leaseUntil, null, alsoRecord);
    }

    /**
     * As {@link #create(GuidedRun, String, Instant, Runnable)}, with the run's secret
     * sealed in its row ({@code sealed}; null when it is held in memory, or none is
     * needed).
     */
    void create(GuidedRun run, String leaseOwner, Instant leaseUntil, SecretSealing.@Nullable Sealed sealed,
            Runnable alsoRecord) {
        transaction.executeWithoutResult(status -> {
            locks.acquireForRun(run.store(), run.id(), run.startedBy());
            jdbc.sql(
                    """
                            insert into guided_change_run (id, account_id, region, store_id, store_name, store_type, run_mode, status, change_json,
                                secret_needed, settings_fingerprint, started_by, reason, cancel_requested, update_started,
                                leave_disconnected_requested, connect_started, outcome, next_action, created_at, updated_at,
                                finished_at, lease_owner, lease_until, sealed_data_key, sealed_kek_id, sealed_iv,
                                sealed_ciphertext)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, false, false, false, null, null, ?, ?, null, ?, ?,
                                ?, ?, ?, ?)
                            """)
                .params(withNulls(run.id(), StoreTargetColumns.account(run.store().target()),
                        run.store().target().region(), run.storeId(), run.storeName(), run.storeType().name(),
                        run.mode().name(), run.status().name(), run.change().toJson(), run.change().secretNeeded(),
                        run.settingsFingerprint(), run.startedBy(), run.reason(), utc(run.createdAt()),
                        utc(run.updatedAt()), leaseOwner, utc(leaseUntil),
                        sealed == null ? null : sealed.encryptedDataKey(), sealed == null ? null : sealed.kekId(),
                        sealed == null ? null : sealed.iv(), sealed == null ? null : sealed.ciphertext()))
                .update();
            for (var step : run.steps()) {
                jdbc.sql("""
                        insert into guided_change_step (run_id, step_order, step, status, started_at, finished_at,
                            attempts, detail) values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    .params(withNulls(run.id(), step.order(), step.name().name(), step.status().name(),
                            nullableUtc(step.startedAt()), nullableUtc(step.finishedAt()), step.attempts(),
                            step.detail()))
                    .update();
            }
            alsoRecord.run();
        });
    }

    /**
     * The run's secret as sealed in its row; empty when it holds none (held in memory,
     * sent already, or the run has ended).
     */
    Optional<SecretSealing.Sealed> sealed(String runId) {
        return jdbc.sql("""
                select sealed_data_key, sealed_kek_id, sealed_iv, sealed_ciphertext from guided_change_run
                where id = ? and sealed_ciphertext is not null
                """)
            .param(runId)
            .query((rs, row) -> new SecretSealing.Sealed(rs.getString(1), rs.getString(2), rs.getString(3),
                    rs.getString(4)))
            .optional();
    }

    /** Erases the run's sealed secret (its update has sent it, or it is not needed). */
    void eraseSealed(String runId) {
        jdbc.sql("update guided_change_run set " + NO_SEALED + " where id = ? and sealed_ciphertext is not null")
            .param(runId)
            .update();
    }

    Optional<GuidedRun> find(String runId) {
        return jdbc.sql("select * from guided_change_run where id = ?")
            .param(runId)
            .query(this::run)
            .optional()
            .map(this::withSteps);
    }

    /** The run holding this store now (RUNNING or NEEDS_SECRET), if any. */
    Optional<GuidedRun> activeFor(KeyStoreRef store) {
        return jdbc
            .sql("select * from guided_change_run where " + StoreTargetColumns.WHERE + " and status in " + ACTIVE)
            .params(StoreTargetColumns.values(store))
            .query(this::run)
            .optional()
            .map(this::withSteps);
    }

    /**
     * Every run holding a store now (RUNNING or NEEDS_SECRET), oldest first (one per
     * store at most).
     */
    List<GuidedRun> active() {
        return jdbc.sql("select * from guided_change_run where status in " + ACTIVE + " order by created_at")
            .query(this::run)
            .list()
            .stream()
            .map(this::withSteps)
            .toList();
    }

    /** The store's most recent runs, newest first. */
    List<GuidedRun> recentFor(KeyStoreRef store, int limit) {
        return jdbc
            .sql("select * from guided_change_run where " + StoreTargetColumns.WHERE
                    + " order by created_at desc fetch first ? rows only")
            .params(StoreTargetColumns.values(store))
            .param(limit)
            .query(this::run)
            .list()
            .stream()
            .map(this::withSteps)
            .toList();
    }

    /**
     * Runs that should be driven but whose lease is free or expired (nobody drives them
     * now).
     */
    List<String> unclaimed(Instant now) {
        return jdbc
            .sql("select id from guided_change_run where status = 'RUNNING' "
                    + "and (lease_until is null or lease_until < ?) order by created_at")
            .param(utc(now))
            .query(String.class)
            .list();
    }

    /**
     * Claims (or renews) the lease of a RUNNING run for {@code owner}: succeeds when the
     * lease is free, expired or already the owner's. One conditional update, so two
     * instances can never both succeed.
     */
    boolean claim(String runId, String owner, Instant until, Instant now) {
        return jdbc
            .sql("update guided_change_run set lease_owner = ?, lease_until = ? where id = ? "
                    + "and status = 'RUNNING' and (lease_owner is null or lease_owner = ? or lease_until < ?)")
            .params(owner, utc(until), runId, owner, utc(now))
            .update() == 1;
    }

    void releaseLease(String runId, String owner) {
        jdbc.sql("update guided_change_run set lease_owner = null, lease_until = null where id = ? and lease_owner = ?")
            .params(runId, owner)
            .update();
    }

    void saveStep(String runId, GuidedStep step, Instant now) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("update guided_change_step set status = ?, started_at = ?, finished_at = ?, attempts = ?, "
                    + "detail = ? where run_id = ? and step_order = ?")
                .params(withNulls(step.status().name(), nullableUtc(step.startedAt()), nullableUtc(step.finishedAt()),
                        step.attempts(), nullableClip(step.detail()), runId, step.order()))
                .update();
            touch(runId, now);
        });
    }

    /**
     * The point of no return before the update: fails once a cancel was requested (and
     * stops later cancels).
     */
    boolean markUpdateStarted(String runId, Instant now) {
        return jdbc
            .sql("update guided_change_run set update_started = true, updated_at = ? where id = ? "
                    + "and status = 'RUNNING' and cancel_requested = false")
            .params(utc(now), runId)
            .update() == 1;
    }

    /**
     * The point of no return before the connect: fails once "leave disconnected" was
     * requested.
     */
    boolean markConnectStarted(String runId, Instant now) {
        return jdbc
            .sql("update guided_change_run set connect_started = true, updated_at = ? where id = ? "
                    + "and status = 'RUNNING' and leave_disconnected_requested = false")
            .params(utc(now), runId)
            .update() == 1;
    }

    /**
     * Records a cancel request; succeeds only before the update has started. A paused run
     * is set RUNNING again so that the runner carries the cancellation out.
     */
    boolean requestCancel(String runId, Instant now) {
        return jdbc
            .sql("update guided_change_run set cancel_requested = true, status = 'RUNNING', updated_at = ? "
                    + "where id = ? and status in " + ACTIVE + " and update_started = false "
                    + "and cancel_requested = false")
            .params(utc(now), runId)
            .update() == 1;
    }

    /**
     * Records "leave it disconnected"; succeeds only for a reconnecting run before its
     * connect has started.
     */
    boolean requestLeaveDisconnected(String runId, Instant now) {
        return jdbc
            .sql("update guided_change_run set leave_disconnected_requested = true, updated_at = ? "
                    + "where id = ? and status in " + ACTIVE + " and run_mode = 'RECONNECT' "
                    + "and connect_started = false and leave_disconnected_requested = false "
                    + "and cancel_requested = false")
            .params(utc(now), runId)
            .update() == 1;
    }

    /** Pauses a run until an operator gives its secret again; releases its lease. */
    void pauseForSecret(String runId, String outcome, Instant now) {
        jdbc.sql("update guided_change_run set status = 'NEEDS_SECRET', outcome = ?, next_action = ?, updated_at = ?, "
                + "lease_owner = null, lease_until = null where id = ? and status = 'RUNNING'")
            .params(outcome, NextAction.PROVIDE_SECRET.name(), utc(now), runId)
            .update();
    }

    /** Resumes a paused run, claimed by the instance that now holds its secret. */
    boolean resumeWithSecret(String runId, String owner, Instant leaseUntil, Instant now) {
        return resumeWithSecret(runId, owner, leaseUntil, now, null);
    }

    /**
     * Resumes a paused run with the secret given again, sealed in its row in the same
     * update ({@code sealed}; null when it is held in memory: then the row holds none),
     * claimed by the instance that was given it.
     */
    boolean resumeWithSecret(String runId, String owner, Instant leaseUntil, Instant now,
            SecretSealing.@Nullable Sealed sealed) {
        return jdbc
            .sql("update guided_change_run set status = 'RUNNING', outcome = null, next_action = null, "
                    + "updated_at = ?, lease_owner = ?, lease_until = ?, sealed_data_key = ?, sealed_kek_id = ?, "
                    + "sealed_iv = ?, sealed_ciphertext = ? where id = ? and status = 'NEEDS_SECRET'")
            .params(withNulls(utc(now), owner, utc(leaseUntil), sealed == null ? null : sealed.encryptedDataKey(),
                    sealed == null ? null : sealed.kekId(), sealed == null ? null : sealed.iv(),
                    sealed == null ? null : sealed.ciphertext(), runId))
            .update() == 1;
    }

    /**
     * Ends a run: its status, outcome and next action, its sealed secret erased, every
     * step still open marked skipped, and its store's change lock released, in one
     * transaction.
     */
    void finish(GuidedRun run, RunStatus status, String outcome, NextAction next, Instant now) {
        transaction.executeWithoutResult(tx -> {
            int ended = jdbc
                .sql("update guided_change_run set status = ?, outcome = ?, next_action = ?, "
                        + "updated_at = ?, finished_at = ?, lease_owner = null, lease_until = null, " + NO_SEALED
                        + " where id = ? and status in " + ACTIVE)
                .params(status.name(), clip(outcome), next.name(), utc(now), utc(now), run.id())
                .update();
            if (ended == 1) {
                jdbc.sql("update guided_change_step set status = 'SKIPPED', finished_at = ? "
                        + "where run_id = ? and status in ('PENDING', 'RUNNING')")
                    .params(utc(now), run.id())
                    .update();
                locks.releaseRun(run.store(), run.id());
            }
        });
    }

    private void touch(String runId, Instant now) {
        jdbc.sql("update guided_change_run set updated_at = ? where id = ?").params(utc(now), runId).update();
    }

    private GuidedRun withSteps(GuidedRun run) {
        var steps = jdbc.sql("select * from guided_change_step where run_id = ? order by step_order")
            .param(run.id())
            .query((rs, n) -> new GuidedStep(rs.getInt("step_order"), StepName.valueOf(rs.getString("step")),
                    StepStatus.valueOf(rs.getString("status")), nullableInstant(rs, "started_at"),
                    nullableInstant(rs, "finished_at"), rs.getInt("attempts"), rs.getString("detail")))
            .list();
        return new GuidedRun(run.id(), run.store(), run.storeName(), run.storeType(), run.mode(), run.status(),
                run.change(), run.settingsFingerprint(), run.startedBy(), run.reason(), run.cancelRequested(),
                run.updateStarted(), run.leaveDisconnectedRequested(), run.connectStarted(), run.outcome(),
                run.nextAction(), run.createdAt(), run.updatedAt(), run.finishedAt(), steps);
    }

    private GuidedRun run(ResultSet rs, int row) throws SQLException {
        String next = rs.getString("next_action");
        return new GuidedRun(rs.getString("id"),
                new KeyStoreRef(StoreTargetColumns.target(rs.getString("account_id"), rs.getString("region")),
                        rs.getString("store_id")),
                rs.getString("store_name"), KeyStoreType.valueOf(rs.getString("store_type")),
                GuidedMode.valueOf(rs.getString("run_mode")), RunStatus.valueOf(rs.getString("status")),
                StoredChange.fromJson(rs.getString("change_json")), rs.getString("settings_fingerprint"),
                rs.getString("started_by"), rs.getString("reason"), rs.getBoolean("cancel_requested"),
                rs.getBoolean("update_started"), rs.getBoolean("leave_disconnected_requested"),
                rs.getBoolean("connect_started"), rs.getString("outcome"),
                next == null ? null : NextAction.valueOf(next), instant(rs, "created_at"), instant(rs, "updated_at"),
                nullableInstant(rs, "finished_at"), List.of());
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = nullableInstant(rs, column);
        if (value == null) {
            throw new IllegalStateException("guided run column " + column + " is null");
        }
        return value;
    }

    private static @Nullable Instant nullableInstant(ResultSet rs, String column) throws SQLException {
        var value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable OffsetDateTime nullableUtc(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

    private static String clip(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1997) + "...";
    }

    private static @Nullable String nullableClip(@Nullable String text) {
        return text == null ? null : clip(text);
    }

    /**
     * JdbcClient's {@code params(Object...)} takes no nulls; a list (of any elements)
     * carries the SQL NULLs.
     */
    private static List<@Nullable Object> withNulls(@Nullable Object... values) {
        return Arrays.asList(values);
    }

}
