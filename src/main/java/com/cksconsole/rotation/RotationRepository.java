package com.cksconsole.rotation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.health.credentials.SealedSecret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * Rotation runs in the database (plain JDBC; the same SQL on H2 and PostgreSQL). Every
 * change of status is one conditional update on the status it expects ({@link #move}), so
 * that the runner and an operator's request (cancel, confirm) never both win; the
 * {@code active_store} column's unique constraint allows one active run per store.
 */
class RotationRepository {

    /** The columns {@link #move} may set (never built from input). */
    enum Column {

        INSTALLED_AT, PROVE_DEADLINE, PROVED_AT, UPDATED_AT_KMS, KMS_REQUEST_ID, SOAK_UNTIL, RETIRED_AT, OLD_REFUSAL,
        LAST_CHECK, OUTCOME, FINISHED_AT, UPDATE_STARTED, CANCEL_REQUESTED;

        String sql() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

    }

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    RotationRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * Creates a run, claimed by {@code leaseOwner}, and runs {@code alsoRecord} (its
     * first event and audit entry) in the same transaction.
     * @return false when another run is active on the store (nothing written)
     */
    boolean create(RotationRun run, @Nullable SealedSecret sealed, Runnable alsoRecord) {
        try {
            transaction.executeWithoutResult(status -> {
                jdbc.sql(
                        """
                                insert into credential_rotation_run (id, account_id, region, store_id, store_name, active_store,
                                    status, started_by, reason, generated, new_access_key_id, old_access_key_id, uri_endpoint,
                                    uri_path, connectivity, vpc_service_name, settings_fingerprint, secret_fingerprint,
                                    state_at_start, sealed_data_key, sealed_kek_id, sealed_iv, sealed_ciphertext,
                                    file_delivered, cancel_requested, update_started, created_at, updated_at)
                                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, false, false, false, ?, ?)
                                """)
                    .params(withNulls(run.id(), account(run.store().target()), run.store().target().region(),
                            run.storeId(), clip(run.storeName(), 256), activeKey(run.store()), run.status().name(),
                            run.startedBy(), run.reason(), run.generated(), run.newAccessKeyId(), run.oldAccessKeyId(),
                            run.uriEndpoint(), run.uriPath(),
                            run.connectivity() == null ? null : run.connectivity().name(), run.vpcServiceName(),
                            run.settingsFingerprint(), run.secretFingerprint(), run.stateAtStart(),
                            sealed == null ? null : sealed.encryptedDataKey(), sealed == null ? null : sealed.kekId(),
                            sealed == null ? null : sealed.iv(), sealed == null ? null : sealed.ciphertext(),
                            utc(run.createdAt()), utc(run.updatedAt())))
                    .update();
                alsoRecord.run();
            });
            return true;
        }
        catch (DuplicateKeyException activeRunOnStore) {
            return false;
        }
    }

    Optional<RotationRun> find(String id) {
        return jdbc.sql("select * from credential_rotation_run where id = ?")
            .param(id)
            .query((rs, row) -> run(rs, List.of()))
            .optional()
            .map(run -> withEvents(run, events(run.id())));
    }

    /** The store's active run, if any. */
    Optional<RotationRun> active(KeyStoreRef store) {
        return jdbc.sql("select id from credential_rotation_run where active_store = ?")
            .param(activeKey(store))
            .query(String.class)
            .optional()
            .flatMap(this::find);
    }

    /** The store's runs, newest first (without their events). */
    List<RotationRun> recent(KeyStoreRef store, int limit) {
        return jdbc
            .sql("select * from credential_rotation_run where account_id = ? and region = ? and store_id = ? "
                    + "order by created_at desc limit " + Math.max(1, limit))
            .params(account(store.target()), store.target().region(), store.keyStoreId())
            .query((rs, row) -> run(rs, List.of()))
            .list();
    }

    /**
     * Moves a run from one of {@code from} to {@code to}, setting {@code columns} in the
     * same statement; ending statuses also clear the held secret, the active-store key
     * and the lease.
     * @return whether the run was in one of {@code from} (and is now in {@code to})
     */
    boolean move(String id, Set<RotationStatus> from, RotationStatus to, Map<Column, @Nullable Object> columns,
            Instant now) {
        var set = new StringBuilder("status = ?, updated_at = ?");
        List<@Nullable Object> params = new ArrayList<>(List.of(to.name(), utc(now)));
        for (var entry : columns.entrySet()) {
            set.append(", ").append(entry.getKey().sql()).append(" = ?");
            params.add(entry.getValue() instanceof Instant instant ? utc(instant) : entry.getValue());
        }
        if (to.ended()) {
            set.append(", active_store = null, sealed_data_key = null, sealed_kek_id = null, sealed_iv = null, "
                    + "sealed_ciphertext = null, lease_owner = null, lease_until = null");
        }
        params.add(id);
        String statuses = from.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
        return jdbc.sql("update credential_rotation_run set " + set + " where id = ? and status in (" + statuses + ")")
            .params(params)
            .update() == 1;
    }

    /**
     * Sets columns without changing the status, if the run is still in {@code status}.
     */
    boolean note(String id, RotationStatus status, Map<Column, @Nullable Object> columns, Instant now) {
        return move(id, Set.of(status), status, columns, now);
    }

    /**
     * Cancels a run that has not started its update, in one conditional update: the
     * engine's mark of the update ({@code update_started}) and a cancel never both win.
     */
    boolean cancel(String id, Set<RotationStatus> from, Instant now) {
        String statuses = from.stream().map(status -> "'" + status.name() + "'").collect(Collectors.joining(", "));
        return jdbc
            .sql("update credential_rotation_run set status = 'CANCELLED', cancel_requested = true, "
                    + "outcome = 'Cancelled before anything was changed at KMS.', finished_at = ?, updated_at = ?, "
                    + "active_store = null, sealed_data_key = null, sealed_kek_id = null, sealed_iv = null, "
                    + "sealed_ciphertext = null, lease_owner = null, lease_until = null "
                    + "where id = ? and update_started = false and status in (" + statuses + ")")
            .params(utc(now), utc(now), id)
            .update() == 1;
    }

    /** Marks the file delivered: true only the first time. */
    boolean markFileDelivered(String id) {
        return jdbc
            .sql("update credential_rotation_run set file_delivered = true where id = ? and file_delivered = false "
                    + "and active_store is not null")
            .param(id)
            .update() == 1;
    }

    Optional<SealedSecret> sealed(String id) {
        return jdbc.sql("""
                select sealed_data_key, sealed_kek_id, sealed_iv, sealed_ciphertext from credential_rotation_run
                where id = ? and sealed_ciphertext is not null
                """)
            .param(id)
            .query((rs, row) -> new SealedSecret(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
            .optional();
    }

    void appendEvent(String runId, RotationEvent event) {
        Integer last = jdbc.sql("select max(seq) from credential_rotation_event where run_id = ?")
            .param(runId)
            .query(Integer.class)
            .optional()
            .orElse(null);
        jdbc.sql("""
                insert into credential_rotation_event (run_id, seq, occurred_at, step, outcome, actor, detail)
                values (?, ?, ?, ?, ?, ?, ?)
                """)
            .params(withNulls(runId, last == null ? 1 : last + 1, utc(event.occurredAt()), event.step().name(),
                    event.outcome(), event.actor(), clip(event.detail(), 2000)))
            .update();
    }

    /** Runs {@code work} in one transaction (an event and its audit entry together). */
    void inTransaction(Runnable work) {
        transaction.executeWithoutResult(status -> work.run());
    }

    boolean claim(String id, String owner, Instant until, Instant now) {
        return jdbc.sql("""
                update credential_rotation_run set lease_owner = ?, lease_until = ?
                where id = ? and status in ('PROVING', 'UPDATING', 'SOAKING')
                  and (lease_owner is null or lease_owner = ? or lease_until < ?)
                """).params(owner, utc(until), id, owner, utc(now)).update() == 1;
    }

    void release(String id, String owner) {
        jdbc.sql("update credential_rotation_run set lease_owner = null, lease_until = null "
                + "where id = ? and lease_owner = ?")
            .params(id, owner)
            .update();
    }

    /** Driven runs nobody holds now. */
    List<String> unclaimed(Instant now) {
        return jdbc.sql("""
                select id from credential_rotation_run where status in ('PROVING', 'UPDATING', 'SOAKING')
                  and (lease_owner is null or lease_until < ?) order by created_at
                """).param(utc(now)).query(String.class).list();
    }

    private List<RotationEvent> events(String runId) {
        return jdbc.sql("select * from credential_rotation_event where run_id = ? order by seq")
            .param(runId)
            .query((rs, row) -> new RotationEvent(instant(rs, "occurred_at"),
                    RotationStep.valueOf(rs.getString("step")), rs.getString("outcome"), rs.getString("actor"),
                    rs.getString("detail")))
            .list();
    }

    private static RotationRun withEvents(RotationRun run, List<RotationEvent> events) {
        return new RotationRun(run.id(), run.store(), run.storeName(), run.status(), run.startedBy(), run.reason(),
                run.generated(), run.newAccessKeyId(), run.oldAccessKeyId(), run.uriEndpoint(), run.uriPath(),
                run.connectivity(), run.vpcServiceName(), run.settingsFingerprint(), run.secretFingerprint(),
                run.stateAtStart(), run.fileDelivered(), run.updateStarted(), run.installedAt(), run.proveDeadline(),
                run.provedAt(), run.updatedAtKms(), run.kmsRequestId(), run.soakUntil(), run.retiredAt(),
                run.oldRefusal(), run.lastCheck(), run.outcome(), run.createdAt(), run.updatedAt(), run.finishedAt(),
                List.copyOf(events));
    }

    private static RotationRun run(ResultSet rs, List<RotationEvent> events) throws SQLException {
        String account = rs.getString("account_id");
        var store = new KeyStoreRef(
                new KmsTarget(account == null || account.isEmpty() ? null : account, rs.getString("region")),
                rs.getString("store_id"));
        String connectivity = rs.getString("connectivity");
        return new RotationRun(rs.getString("id"), store, rs.getString("store_name"),
                RotationStatus.valueOf(rs.getString("status")), rs.getString("started_by"), rs.getString("reason"),
                rs.getBoolean("generated"), rs.getString("new_access_key_id"), rs.getString("old_access_key_id"),
                rs.getString("uri_endpoint"), rs.getString("uri_path"),
                connectivity == null ? null : XksConnectivity.valueOf(connectivity), rs.getString("vpc_service_name"),
                rs.getString("settings_fingerprint"), rs.getString("secret_fingerprint"),
                rs.getString("state_at_start"), rs.getBoolean("file_delivered"), rs.getBoolean("update_started"),
                nullableInstant(rs, "installed_at"), nullableInstant(rs, "prove_deadline"),
                nullableInstant(rs, "proved_at"), nullableInstant(rs, "updated_at_kms"), rs.getString("kms_request_id"),
                nullableInstant(rs, "soak_until"), nullableInstant(rs, "retired_at"), rs.getString("old_refusal"),
                rs.getString("last_check"), rs.getString("outcome"), instant(rs, "created_at"),
                instant(rs, "updated_at"), nullableInstant(rs, "finished_at"), events);
    }

    static String activeKey(KeyStoreRef store) {
        return account(store.target()) + "|" + store.target().region() + "|" + store.keyStoreId();
    }

    /** '' when the account is not known, as the other store tables do. */
    private static String account(KmsTarget target) {
        return target.accountId() == null ? "" : target.accountId();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        var value = nullableInstant(rs, column);
        if (value == null) {
            throw new IllegalStateException("rotation column " + column + " is null");
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

    private static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    static Map<Column, @Nullable Object> columns(@Nullable Object... pairs) {
        Map<Column, @Nullable Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((Column) java.util.Objects.requireNonNull(pairs[i], "a column"), pairs[i + 1]);
        }
        return map;
    }

    private static List<@Nullable Object> withNulls(@Nullable Object... values) {
        return Arrays.asList(values);
    }

}
