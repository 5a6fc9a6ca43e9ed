package com.cksconsole.health.probe;

import static com.cksconsole.health.probe.StoreColumns.WHERE;
import static com.cksconsole.health.probe.StoreColumns.account;
import static com.cksconsole.health.probe.StoreColumns.bigint;
import static com.cksconsole.health.probe.StoreColumns.clip;
import static com.cksconsole.health.probe.StoreColumns.instant;
import static com.cksconsole.health.probe.StoreColumns.integer;
import static com.cksconsole.health.probe.StoreColumns.utc;
import static com.cksconsole.health.probe.StoreColumns.utcOrNull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthHistory.ExternalKeyCheck;
import com.cksconsole.health.HealthHistory.StateSpan;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.tls.TlsCertificate;
import com.cksconsole.health.tls.TlsCheckResult;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Every table of the V80 migration (plain JDBC: the schema is Flyway's). */
class HealthRepository {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String STATUS_SELECT = """
            select s.*, case when m.key_store_id is null then false else true end as monitored
            from health_store_status s left join monitoring_credential m
                on m.account_id = s.account_id and m.region = s.region and m.key_store_id = s.store_id
            """;

    private final JdbcClient jdbc;

    private final TransactionTemplate transaction;

    HealthRepository(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
    }

    // ---------------------------------------------------------------- jobs and leases

    /** Adds the jobs not yet known, due now. */
    void ensureJobs(Collection<String> keys, Instant now) {
        Set<String> known = new HashSet<>(jdbc.sql("select job_key from health_job").query(String.class).list());
        for (String key : keys) {
            if (!known.contains(key)) {
                try {
                    jdbc.sql("insert into health_job (job_key, next_due_at) values (?, ?)")
                        .params(key, utc(now))
                        .update();
                }
                catch (DuplicateKeyException e) {
                    // Another instance added it meanwhile.
                }
            }
        }
    }

    /** Removes the jobs of stores and targets no longer watched (not running ones). */
    void removeJobsExcept(Collection<String> keep, Instant now) {
        Set<String> wanted = new HashSet<>(keep);
        for (String key : jdbc.sql("select job_key from health_job").query(String.class).list()) {
            if (!wanted.contains(key)) {
                jdbc.sql("delete from health_job where job_key = ? and (lease_until is null or lease_until < ?)")
                    .params(key, utc(now))
                    .update();
            }
        }
    }

    /** The jobs due at {@code now} whose lease is free or expired. */
    List<String> dueJobs(Instant now) {
        return jdbc
            .sql("select job_key from health_job where next_due_at <= ? and (lease_until is null or lease_until < ?) "
                    + "order by next_due_at, job_key")
            .params(utc(now), utc(now))
            .query(String.class)
            .list();
    }

    /**
     * Claims a due job for {@code owner} until {@code until}: one conditional update, so
     * two instances can never both succeed; an expired lease is taken over.
     */
    boolean claim(String key, String owner, Instant now, Instant until) {
        return jdbc
            .sql("update health_job set lease_owner = ?, lease_until = ?, last_started_at = ? where job_key = ? "
                    + "and next_due_at <= ? and (lease_owner is null or lease_until is null or lease_until < ?)")
            .params(owner, utc(until), utc(now), key, utc(now), utc(now))
            .update() == 1;
    }

    /** Releases the lease and sets when the job is due next (only the owner's lease). */
    boolean finish(String key, String owner, Instant now, Instant nextDue) {
        return jdbc
            .sql("update health_job set lease_owner = null, lease_until = null, next_due_at = ?, last_finished_at = ? "
                    + "where job_key = ? and lease_owner = ?")
            .params(utc(nextDue), utc(now), key, owner)
            .update() == 1;
    }

    // ---------------------------------------------------------------- status rows

    /** One store's status row as the dashboard reads it. */
    record StatusRow(KeyStoreRef store, String name, boolean external, @Nullable String connectivity,
            @Nullable String uriEndpoint, @Nullable String uriPath, ConnectionState state,
            @Nullable String connectionErrorCode, Instant stateSince, HealthLevel level, @Nullable Instant levelSince,
            List<HealthFinding> findings, @Nullable ProbeSample lastProbe, @Nullable Integer certificateDaysLeft,
            boolean monitored) {
    }

    List<StatusRow> allStatus() {
        return jdbc.sql(STATUS_SELECT + " order by s.account_id, s.region, s.store_name, s.store_id")
            .query(HealthRepository::status)
            .list();
    }

    List<StatusRow> status(KmsTarget target) {
        return jdbc.sql(STATUS_SELECT + " where s.account_id = ? and s.region = ? order by s.store_name, s.store_id")
            .params(account(target), target.region())
            .query(HealthRepository::status)
            .list();
    }

    Optional<StatusRow> status(KeyStoreRef store) {
        return jdbc.sql(STATUS_SELECT + " where s.account_id = ? and s.region = ? and s.store_id = ?")
            .params(values(store))
            .query(HealthRepository::status)
            .optional();
    }

    /** A store as the shared Describe snapshot showed it. */
    record Described(KeyStoreRef store, String name, boolean external, @Nullable String connectivity,
            @Nullable String uriEndpoint, @Nullable String uriPath, ConnectionState state,
            @Nullable String connectionErrorCode) {
    }

    /**
     * Writes what a Describe showed of a store: a new row (level UNKNOWN) or the
     * described columns of its row, and a state change when the connection state or its
     * error code differs from the row's.
     * @return whether the state changed (or the store is new)
     */
    boolean described(Described store, Instant now) {
        Boolean changed = transaction.execute(status -> {
            var current = jdbc
                .sql("select connection_state, connection_error_code from health_store_status where " + WHERE)
                .params(values(store.store()))
                .query((rs, row) -> Arrays.asList(rs.getString(1), rs.getString(2)))
                .optional();
            String name = Objects.requireNonNull(clip(store.name(), 256));
            if (current.isEmpty()) {
                jdbc.sql("""
                        insert into health_store_status (account_id, region, store_id, store_name, external,
                            connectivity, uri_endpoint, uri_path, connection_state, connection_error_code, state_since,
                            health_level, level_since, findings, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'UNKNOWN', null, '', ?)
                        """)
                    .params(withNulls(account(store.store().target()), store.store().target().region(),
                            store.store().keyStoreId(), name, store.external(), store.connectivity(),
                            clip(store.uriEndpoint(), 256), clip(store.uriPath(), 128), store.state().name(),
                            store.connectionErrorCode(), utc(now), utc(now)))
                    .update();
                stateChange(store, now);
                return true;
            }
            boolean stateChanged = !store.state().name().equals(current.get().get(0));
            boolean codeChanged = !Objects.equals(store.connectionErrorCode(), current.get().get(1));
            jdbc.sql("update health_store_status set store_name = ?, external = ?, connectivity = ?, "
                    + "uri_endpoint = ?, uri_path = ?, connection_state = ?, connection_error_code = ?, "
                    + "updated_at = ? where " + WHERE)
                .params(withNulls(name, store.external(), store.connectivity(), clip(store.uriEndpoint(), 256),
                        clip(store.uriPath(), 128), store.state().name(), store.connectionErrorCode(), utc(now),
                        account(store.store().target()), store.store().target().region(), store.store().keyStoreId()))
                .update();
            if (stateChanged) {
                jdbc.sql("update health_store_status set state_since = ? where " + WHERE)
                    .params(withNulls(utc(now), account(store.store().target()), store.store().target().region(),
                            store.store().keyStoreId()))
                    .update();
            }
            if (stateChanged || codeChanged) {
                stateChange(store, now);
                return true;
            }
            return false;
        });
        return Boolean.TRUE.equals(changed);
    }

    private void stateChange(Described store, Instant now) {
        jdbc.sql("""
                insert into health_state_change (account_id, region, store_id, changed_at, connection_state,
                    connection_error_code) values (?, ?, ?, ?, ?, ?)
                """)
            .params(withNulls(account(store.store().target()), store.store().target().region(),
                    store.store().keyStoreId(), utc(now), store.state().name(), store.connectionErrorCode()))
            .update();
    }

    /** Drops the status rows of a target's stores not in {@code described}. */
    List<KeyStoreRef> dropStatusExcept(KmsTarget target, Collection<String> describedIds) {
        Set<String> keep = new HashSet<>(describedIds);
        var dropped = new ArrayList<KeyStoreRef>();
        for (StatusRow row : status(target)) {
            if (!keep.contains(row.store().keyStoreId())) {
                jdbc.sql("delete from health_store_status where " + WHERE).params(values(row.store())).update();
                dropped.add(row.store());
            }
        }
        return dropped;
    }

    /**
     * Sets the computed level and findings, only if the level is still {@code expected}
     * (compare-and-set: of two instances judging at once, one wins).
     * @return whether the row was written
     */
    boolean updateLevel(KeyStoreRef store, HealthLevel expected, HealthLevel level, List<HealthFinding> findings,
            Instant now) {
        String text = Objects.requireNonNull(clip(Codec.findings(findings), 4000));
        if (expected == level) {
            return jdbc
                .sql("update health_store_status set findings = ?, updated_at = ? where " + WHERE
                        + " and health_level = ?")
                .params(withNulls(text, utc(now), account(store.target()), store.target().region(), store.keyStoreId(),
                        level.name()))
                .update() == 1;
        }
        return jdbc
            .sql("update health_store_status set health_level = ?, level_since = ?, findings = ?, updated_at = ? "
                    + "where " + WHERE + " and health_level = ?")
            .params(withNulls(level.name(), utc(now), text, utc(now), account(store.target()), store.target().region(),
                    store.keyStoreId(), expected.name()))
            .update() == 1;
    }

    // ---------------------------------------------------------------- probe samples

    /** Records a probe and makes it the store's last probe. */
    void recordSample(KeyStoreRef store, ProbeSample sample) {
        var managers = sample.externalKeyManagers();
        String details = clip(Codec.managers(managers), 4000);
        boolean answered = sample.fleetSize() != null || !managers.isEmpty();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("""
                    insert into health_probe_sample (account_id, region, store_id, probed_at, outcome, latency_ms,
                        http_status, proxy_error_name, vendor, model, fleet_size, ekm_active, ekm_degraded,
                        ekm_unavailable, ekm_details)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(),
                        utc(sample.at()), clip(sample.outcome(), 48),
                        (int) Math.min(sample.latencyMillis(), Integer.MAX_VALUE), sample.httpStatus(),
                        clip(sample.proxyErrorName(), 64), clip(sample.vendor(), 128), clip(sample.model(), 128),
                        sample.fleetSize(), answered ? Codec.count(managers, "ACTIVE") : null,
                        answered ? Codec.count(managers, "DEGRADED") : null,
                        answered ? Codec.count(managers, "UNAVAILABLE") : null, answered ? details : null))
                .update();
            jdbc.sql("""
                    update health_store_status set last_probe_at = ?, last_probe_outcome = ?,
                        last_probe_latency_ms = ?, last_probe_http_status = ?, last_probe_error_name = ?,
                        last_probe_vendor = ?, last_probe_model = ?, last_probe_fleet_size = ?,
                        last_probe_ekm_details = ?
                    where account_id = ? and region = ? and store_id = ?
                    """)
                .params(withNulls(utc(sample.at()), clip(sample.outcome(), 48),
                        (int) Math.min(sample.latencyMillis(), Integer.MAX_VALUE), sample.httpStatus(),
                        clip(sample.proxyErrorName(), 64), clip(sample.vendor(), 128), clip(sample.model(), 128),
                        sample.fleetSize(), answered ? details : null, account(store.target()), store.target().region(),
                        store.keyStoreId()))
                .update();
        });
    }

    /**
     * The outcomes of the probes since {@code since}, newest first, at most
     * {@code limit}.
     */
    List<String> recentOutcomes(KeyStoreRef store, Instant since, int limit) {
        return jdbc
            .sql("select outcome from health_probe_sample where " + WHERE
                    + " and probed_at >= ? order by probed_at desc")
            .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(), utc(since)))
            .query(String.class)
            .list()
            .stream()
            .limit(limit)
            .toList();
    }

    /** One raw probe, as the history reads it. */
    record SampleRow(Instant at, String outcome, long latencyMillis, @Nullable Integer ekmActive,
            @Nullable Integer ekmDegraded, @Nullable Integer ekmUnavailable) {

        boolean healthy() {
            return ProbeSample.HEALTHY.equals(outcome);
        }

    }

    /** The raw probes in [from, to), oldest first. */
    List<SampleRow> samples(KeyStoreRef store, Instant from, Instant to) {
        return jdbc
            .sql("select probed_at, outcome, latency_ms, ekm_active, ekm_degraded, ekm_unavailable "
                    + "from health_probe_sample where " + WHERE + " and probed_at >= ? and probed_at < ? "
                    + "order by probed_at")
            .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(), utc(from), utc(to)))
            .query((rs, row) -> new SampleRow(Objects.requireNonNull(instant(rs, "probed_at")), rs.getString("outcome"),
                    rs.getLong("latency_ms"), integer(rs, "ekm_active"), integer(rs, "ekm_degraded"),
                    integer(rs, "ekm_unavailable")))
            .list();
    }

    // ---------------------------------------------------------------- hourly roll-ups

    /** One hour of probes of one store. */
    record HourRow(Instant hourStart, int samples, int healthy, @Nullable Long p50, @Nullable Long p99,
            @Nullable Long max, @Nullable Integer ekmMinActive, @Nullable Integer ekmMaxDegraded,
            @Nullable Integer ekmMaxUnavailable) {
    }

    List<HourRow> hours(KeyStoreRef store, Instant from, Instant to) {
        return jdbc
            .sql("select * from health_probe_hourly where " + WHERE + " and hour_start >= ? and hour_start < ? "
                    + "order by hour_start")
            .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(), utc(from), utc(to)))
            .query((rs, row) -> hour(rs))
            .list();
    }

    private static HourRow hour(ResultSet rs) throws SQLException {
        return new HourRow(Objects.requireNonNull(instant(rs, "hour_start")), rs.getInt("samples"),
                rs.getInt("healthy"), bigint(rs, "p50_ms"), bigint(rs, "p99_ms"), bigint(rs, "max_ms"),
                integer(rs, "ekm_min_active"), integer(rs, "ekm_max_degraded"), integer(rs, "ekm_max_unavailable"));
    }

    /**
     * Rolls the raw probes before {@code before} (a whole hour) up into hourly rows and
     * deletes them, in one transaction.
     * @return how many raw probes were rolled up
     */
    int rollUp(Instant before) {
        Integer rolled = transaction.execute(status -> {
            record Key(String account, String region, String store, Instant hour) {
            }
            Map<Key, List<SampleRow>> byHour = new LinkedHashMap<>();
            jdbc.sql("select account_id, region, store_id, probed_at, outcome, latency_ms, ekm_active, "
                    + "ekm_degraded, ekm_unavailable from health_probe_sample where probed_at < ?")
                .params(utc(before))
                .query((rs, row) -> {
                    Instant at = Objects.requireNonNull(instant(rs, "probed_at"));
                    var key = new Key(rs.getString("account_id"), rs.getString("region"), rs.getString("store_id"),
                            at.truncatedTo(ChronoUnit.HOURS));
                    byHour.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new SampleRow(at, rs.getString("outcome"), rs.getLong("latency_ms"),
                                integer(rs, "ekm_active"), integer(rs, "ekm_degraded"),
                                integer(rs, "ekm_unavailable")));
                    return key;
                })
                .list();
            int count = 0;
            for (var entry : byHour.entrySet()) {
                Key key = entry.getKey();
                List<SampleRow> samples = entry.getValue();
                count += samples.size();
                var existing = jdbc
                    .sql("select * from health_probe_hourly where account_id = ? and region = ? and store_id = ? "
                            + "and hour_start = ?")
                    .params(key.account(), key.region(), key.store(), utc(key.hour()))
                    .query((rs, row) -> hour(rs))
                    .optional();
                HourRow rolledUp = Rollups.hour(key.hour(), samples, existing.orElse(null));
                jdbc.sql("delete from health_probe_hourly where account_id = ? and region = ? and store_id = ? "
                        + "and hour_start = ?")
                    .params(key.account(), key.region(), key.store(), utc(key.hour()))
                    .update();
                jdbc.sql("""
                        insert into health_probe_hourly (account_id, region, store_id, hour_start, samples, healthy,
                            p50_ms, p99_ms, max_ms, ekm_min_active, ekm_max_degraded, ekm_max_unavailable)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    .params(withNulls(key.account(), key.region(), key.store(), utc(key.hour()), rolledUp.samples(),
                            rolledUp.healthy(), rolledUp.p50(), rolledUp.p99(), rolledUp.max(), rolledUp.ekmMinActive(),
                            rolledUp.ekmMaxDegraded(), rolledUp.ekmMaxUnavailable()))
                    .update();
            }
            jdbc.sql("delete from health_probe_sample where probed_at < ?").params(utc(before)).update();
            return count;
        });
        return rolled == null ? 0 : rolled;
    }

    /**
     * Deletes the roll-ups and state changes older than {@code before}, keeping each
     * store's newest state change before it (the state the window starts in).
     */
    void deleteOlderThan(Instant before) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from health_probe_hourly where hour_start < ?").params(utc(before)).update();
            jdbc.sql("""
                    delete from health_state_change c where c.changed_at < ? and exists (
                        select 1 from health_state_change n where n.account_id = c.account_id
                            and n.region = c.region and n.store_id = c.store_id
                            and n.changed_at > c.changed_at and n.changed_at <= ?)
                    """).params(utc(before), utc(before)).update();
        });
    }

    // ---------------------------------------------------------------- state changes

    /**
     * The store's connection states overlapping [from, to], oldest first: the newest
     * change before {@code from} and every change after it.
     */
    List<StateSpan> states(KeyStoreRef store, Instant from, Instant to) {
        record Change(Instant at, ConnectionState state, @Nullable String code) {
        }
        var changes = jdbc
            .sql("select changed_at, connection_state, connection_error_code from health_state_change where " + WHERE
                    + " and changed_at <= ? order by changed_at")
            .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(), utc(to)))
            .query((rs, row) -> new Change(Objects.requireNonNull(instant(rs, "changed_at")),
                    state(rs.getString("connection_state")), rs.getString("connection_error_code")))
            .list();
        var spans = new ArrayList<StateSpan>();
        for (int i = 0; i < changes.size(); i++) {
            Change change = changes.get(i);
            Instant until = i + 1 < changes.size() ? changes.get(i + 1).at() : null;
            if (until != null && !until.isAfter(from)) {
                continue;
            }
            spans.add(new StateSpan(change.state(), change.code(), change.at(), until));
        }
        return spans;
    }

    // ---------------------------------------------------------------- TLS

    void saveTls(KeyStoreRef store, TlsCheckResult result) {
        var leaf = result.leaf();
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from health_tls_check where " + WHERE).params(values(store)).update();
            jdbc.sql("""
                    insert into health_tls_check (account_id, region, store_id, host, port, checked_at, outcome,
                        detail, protocol, cipher_suite, chain_trusted, host_matches, days_left, leaf_not_after,
                        chain_json)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(),
                        clip(result.host(), 253), result.port(), utc(result.checkedAt()), result.outcome().name(),
                        clip(result.detail(), 300), clip(result.protocol(), 32), clip(result.cipherSuite(), 128),
                        result.chainTrusted(), result.hostNameMatches(), result.daysUntilExpiry(),
                        utcOrNull(leaf == null ? null : leaf.notAfter()), chainJson(result.chain())))
                .update();
            jdbc.sql("update health_store_status set cert_days_left = ? where " + WHERE)
                .params(withNulls(
                        result.daysUntilExpiry() == null ? null
                                : (int) Math.max(Integer.MIN_VALUE,
                                        Math.min(Integer.MAX_VALUE, Objects.requireNonNull(result.daysUntilExpiry()))),
                        account(store.target()), store.target().region(), store.keyStoreId()))
                .update();
        });
    }

    Optional<TlsCheckResult> tls(KeyStoreRef store) {
        return jdbc.sql("select * from health_tls_check where " + WHERE)
            .params(values(store))
            .query((rs, row) -> new TlsCheckResult(rs.getString("host"), rs.getInt("port"),
                    Objects.requireNonNull(instant(rs, "checked_at")), TlsOutcome.valueOf(rs.getString("outcome")),
                    rs.getString("detail"), rs.getString("protocol"), rs.getString("cipher_suite"),
                    chain(rs.getString("chain_json")), rs.getBoolean("chain_trusted"), rs.getBoolean("host_matches"),
                    bigint(rs, "days_left")))
            .optional();
    }

    private static String chainJson(List<TlsCertificate> chain) {
        String json = JSON.writeValueAsString(chain);
        // Never more than the column holds: the leaf first, as many as fit.
        var kept = new ArrayList<>(chain);
        while (json.length() > 20000 && kept.size() > 1) {
            kept.remove(kept.size() - 1);
            json = JSON.writeValueAsString(kept);
        }
        return json.length() > 20000 ? "[]" : json;
    }

    private static List<TlsCertificate> chain(String json) {
        return JSON.readValue(json, new TypeReference<List<TlsCertificate>>() {
        });
    }

    // ---------------------------------------------------------------- external keys

    void saveKeyChecks(KeyStoreRef store, List<ExternalKeyCheck> checks) {
        transaction.executeWithoutResult(status -> {
            jdbc.sql("delete from health_external_key_check where " + WHERE).params(values(store)).update();
            for (ExternalKeyCheck check : checks) {
                jdbc.sql("""
                        insert into health_external_key_check (account_id, region, store_id, key_id,
                            external_key_id, key_status, failure, checked_at) values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                    .params(withNulls(account(store.target()), store.target().region(), store.keyStoreId(),
                            clip(check.keyId(), 64), clip(check.externalKeyId(), 128), clip(check.status(), 16),
                            clip(check.failure(), 48), utc(check.checkedAt())))
                    .update();
            }
        });
    }

    List<ExternalKeyCheck> keyChecks(KeyStoreRef store) {
        return jdbc.sql("select * from health_external_key_check where " + WHERE + " order by key_id")
            .params(values(store))
            .query((rs, row) -> new ExternalKeyCheck(rs.getString("key_id"), rs.getString("external_key_id"),
                    rs.getString("key_status"), rs.getString("failure"),
                    Objects.requireNonNull(instant(rs, "checked_at"))))
            .list();
    }

    // ---------------------------------------------------------------- mapping

    private static StatusRow status(ResultSet rs, int rowNum) throws SQLException {
        ProbeSample lastProbe = null;
        Instant probedAt = instant(rs, "last_probe_at");
        if (probedAt != null) {
            lastProbe = new ProbeSample(probedAt, rs.getString("last_probe_outcome"),
                    rs.getLong("last_probe_latency_ms"), integer(rs, "last_probe_http_status"),
                    rs.getString("last_probe_error_name"), rs.getString("last_probe_vendor"),
                    rs.getString("last_probe_model"), integer(rs, "last_probe_fleet_size"),
                    Codec.managers(rs.getString("last_probe_ekm_details")));
        }
        return new StatusRow(StoreColumns.store(rs), rs.getString("store_name"), rs.getBoolean("external"),
                rs.getString("connectivity"), rs.getString("uri_endpoint"), rs.getString("uri_path"),
                state(rs.getString("connection_state")), rs.getString("connection_error_code"),
                Objects.requireNonNull(instant(rs, "state_since")), level(rs.getString("health_level")),
                instant(rs, "level_since"), Codec.findings(rs.getString("findings")), lastProbe,
                integer(rs, "cert_days_left"), rs.getBoolean("monitored"));
    }

    private static ConnectionState state(String name) {
        try {
            return ConnectionState.valueOf(name);
        }
        catch (IllegalArgumentException e) {
            return ConnectionState.UNKNOWN;
        }
    }

    private static HealthLevel level(String name) {
        try {
            return HealthLevel.valueOf(name);
        }
        catch (IllegalArgumentException e) {
            return HealthLevel.UNKNOWN;
        }
    }

    private static Object[] values(KeyStoreRef store) {
        return new Object[] { account(store.target()), store.target().region(), store.keyStoreId() };
    }

    private static List<@Nullable Object> withNulls(@Nullable Object... values) {
        return Arrays.asList(values);
    }

}
