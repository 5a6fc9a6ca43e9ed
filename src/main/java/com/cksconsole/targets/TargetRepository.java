package com.cksconsole.targets;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code kms_target} table (plain JDBC: the schema is Flyway's). */
@Repository
class TargetRepository {

    private static final RowMapper<RegisteredTarget> ROW_MAPPER = TargetRepository::map;

    private final JdbcClient jdbc;

    /** Counts this instance's writes, so that {@link Targets} drops its copy at once. */
    private final AtomicLong writes = new AtomicLong();

    TargetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How many writes this instance made: changes when a target was added or changed
     * here.
     */
    long writes() {
        return writes.get();
    }

    List<RegisteredTarget> findAll() {
        return jdbc.sql("select * from kms_target order by name").query(ROW_MAPPER).list();
    }

    Optional<RegisteredTarget> find(TargetName name) {
        return jdbc.sql("select * from kms_target where name = :name")
            .param("name", name.value())
            .query(ROW_MAPPER)
            .optional();
    }

    Optional<RegisteredTarget> findByAccountAndRegion(String accountId, String region) {
        return jdbc.sql("select * from kms_target where account_id = :account and region = :region")
            .param("account", accountId)
            .param("region", region)
            .query(ROW_MAPPER)
            .optional();
    }

    void insert(Target target, TargetOrigin origin, Instant now, String actor) {
        writes.incrementAndGet();
        jdbc.sql(
                """
                        insert into kms_target (name, label, account_id, region, access, profile_name, role_arn,
                            external_id, session_name, kms_endpoint, store_quota, enabled, credential_rotation_days, origin, version,
                            updated_at, updated_by)
                        values (:name, :label, :account, :region, :access, :profile, :role, :external, :session,
                            :endpoint, :quota, :enabled, :rotationDays, :origin, 1, :now, :actor)
                        """)
            .params(definition(target))
            .param("origin", origin.name())
            .param("now", utc(now))
            .param("actor", actor)
            .update();
    }

    /**
     * Replaces the definition if the row is still at {@code expectedVersion}; false when
     * someone was first.
     */
    boolean update(Target target, long expectedVersion, Instant now, String actor) {
        writes.incrementAndGet();
        return jdbc
            .sql("""
                    update kms_target set label = :label, account_id = :account, region = :region, access = :access,
                        profile_name = :profile, role_arn = :role, external_id = :external, session_name = :session,
                        kms_endpoint = :endpoint, store_quota = :quota, enabled = :enabled,
                        credential_rotation_days = :rotationDays,
                        last_check_at = null, last_check_outcome = null, last_check_account = null,
                        last_check_stores = null, last_check_detail = null, version = version + 1, updated_at = :now, updated_by = :actor
                    where name = :name and version = :version
                    """)
            .params(definition(target))
            .param("now", utc(now))
            .param("actor", actor)
            .param("version", expectedVersion)
            .update() == 1;
    }

    boolean setEnabled(TargetName name, boolean enabled, Instant now, String actor) {
        writes.incrementAndGet();
        return jdbc.sql("""
                update kms_target set enabled = :enabled, version = version + 1, updated_at = :now,
                    updated_by = :actor
                where name = :name
                """)
            .param("name", name.value())
            .param("enabled", enabled)
            .param("now", utc(now))
            .param("actor", actor)
            .update() == 1;
    }

    /**
     * Records a check unless the definition changed meanwhile (the check was of the old
     * definition).
     */
    boolean recordCheck(TargetName name, long checkedVersion, TargetCheckResult result) {
        writes.incrementAndGet();
        return jdbc.sql("""
                update kms_target set last_check_at = :at, last_check_outcome = :outcome,
                    last_check_account = :account, last_check_stores = :stores, last_check_detail = :detail
                where name = :name and version = :version
                """)
            .param("name", name.value())
            .param("version", checkedVersion)
            .param("at", utc(result.checkedAt()))
            .param("outcome", result.outcome().name())
            .param("account", result.reachedAccount())
            .param("stores", result.storeCount())
            .param("detail", truncated(result.detail()))
            .update() == 1;
    }

    private static @Nullable String truncated(@Nullable String detail) {
        return detail == null || detail.length() <= 1000 ? detail : detail.substring(0, 1000);
    }

    /**
     * The columns of a target's definition, as named parameters (insert and update write
     * the same).
     */
    private static Map<String, @Nullable Object> definition(Target target) {
        Map<String, @Nullable Object> columns = new HashMap<>();
        columns.put("name", target.name().value());
        columns.put("label", target.label());
        columns.put("account", target.accountId());
        columns.put("region", target.region());
        columns.put("access", target.access().name());
        columns.put("profile", target.profileName());
        columns.put("role", target.roleArn());
        columns.put("external", target.externalId());
        columns.put("session", target.sessionName());
        columns.put("endpoint", target.kmsEndpoint() == null ? null : String.valueOf(target.kmsEndpoint()));
        columns.put("quota", target.storeQuota());
        columns.put("enabled", target.enabled());
        columns.put("rotationDays", target.credentialRotationDays());
        return columns;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static RegisteredTarget map(ResultSet rs, int rowNum) throws SQLException {
        String endpoint = rs.getString("kms_endpoint");
        var target = new Target(new TargetName(rs.getString("name")), rs.getString("label"), rs.getString("account_id"),
                rs.getString("region"), TargetAccess.valueOf(rs.getString("access")), rs.getString("profile_name"),
                rs.getString("role_arn"), rs.getString("external_id"), rs.getString("session_name"),
                endpoint == null ? null : URI.create(endpoint), rs.getInt("store_quota"), rs.getBoolean("enabled"),
                rs.getInt("credential_rotation_days"));
        return new RegisteredTarget(target, TargetOrigin.valueOf(rs.getString("origin")), lastCheck(rs),
                rs.getLong("version"), instant(rs, "updated_at"), rs.getString("updated_by"));
    }

    private static @Nullable TargetCheckResult lastCheck(ResultSet rs) throws SQLException {
        String outcome = rs.getString("last_check_outcome");
        if (outcome == null) {
            return null;
        }
        int stores = rs.getInt("last_check_stores");
        Integer storeCount = rs.wasNull() ? null : stores;
        return new TargetCheckResult(instant(rs, "last_check_at"), TargetCheckOutcome.valueOf(outcome),
                rs.getString("last_check_account"), storeCount, rs.getString("last_check_detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value != null) {
            return value.toInstant();
        }
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp.toInstant();
    }

}
