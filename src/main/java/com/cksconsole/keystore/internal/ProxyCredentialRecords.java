package com.cksconsole.keystore.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialAges;
import com.cksconsole.keystore.ProxyCredentialChange;
import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.Target;

/**
 * The {@code proxy_credential_change} table (V90 migration): one row per external key
 * store, the last change of its proxy credential the console knows of.
 * <ul>
 * <li>{@link #console} records a change of the console when its CreateCustomKeyStore or
 * UpdateCustomKeyStore succeeded ({@link KeyStoreAuditing}, where that success is
 * audited).</li>
 * <li>Every complete Describe (the shared snapshot's: no extra KMS call) is compared with
 * the rows: a store seen for the first time gets a row without a change time (age
 * unknown); an access key ID other than the recorded one was set outside the console, at
 * the latest when that Describe started. A Describe that started before the row was
 * written is not compared (it may predate a change of the console).</li>
 * <li>What this instance last found per store is kept in memory, so an unchanged store
 * costs no query and a Describe writes only what changed.</li>
 * </ul>
 * Never throws into a KMS call's or a Describe's path: a failure is logged (it names no
 * secret: there is none here) and the store is looked at again with the next Describe.
 */
@Component
class ProxyCredentialRecords implements ProxyCredentialAges {

    private static final Logger log = LoggerFactory.getLogger(ProxyCredentialRecords.class);

    private final JdbcClient jdbc;

    private final Function<KmsTarget, Integer> policyDays;

    private final Clock clock;

    /** The access key ID this instance last found recorded per store. */
    private final Map<KeyStoreRef, String> known = new ConcurrentHashMap<>();

    @Autowired
    ProxyCredentialRecords(JdbcClient jdbc, KmsTargets targets, Clock clock, KeyStoreSnapshots snapshots) {
        this(jdbc,
                target -> targets.of(target)
                    .map(Target::credentialRotationDays)
                    .orElse(Target.DEFAULT_CREDENTIAL_ROTATION_DAYS),
                clock);
        snapshots.onDescribe(this::described);
    }

    /**
     * @param policyDays the rotation policy of a target's stores, in days
     */
    ProxyCredentialRecords(JdbcClient jdbc, Function<KmsTarget, Integer> policyDays, Clock clock) {
        this.jdbc = jdbc;
        this.policyDays = policyDays;
        this.clock = clock;
    }

    @Override
    public Optional<ProxyCredentialChange> last(KeyStoreRef store) {
        return jdbc.sql("select * from proxy_credential_change where " + StoreTargetColumns.WHERE)
            .params(StoreTargetColumns.values(store))
            .query(ProxyCredentialRecords::read)
            .optional();
    }

    @Override
    public ProxyCredentialAge age(KeyStoreRef store) {
        return new ProxyCredentialAge(store, last(store).orElse(null), policyDays(store.target()), clock.instant());
    }

    @Override
    public Map<KeyStoreRef, ProxyCredentialAge> ages(Collection<KeyStoreRef> stores) {
        var wanted = new HashSet<>(stores);
        Map<KeyStoreRef, ProxyCredentialChange> changes = new LinkedHashMap<>();
        if (!wanted.isEmpty()) {
            // A few dozen rows per target at most (KMS limits custom key stores per
            // Region): one query for all beats one per store.
            jdbc.sql("select * from proxy_credential_change")
                .query(ProxyCredentialRecords::read)
                .list()
                .stream()
                .filter(change -> wanted.contains(change.store()))
                .forEach(change -> changes.put(change.store(), change));
        }
        Instant now = clock.instant();
        Map<KmsTarget, Integer> policies = new LinkedHashMap<>();
        Map<KeyStoreRef, ProxyCredentialAge> ages = new LinkedHashMap<>();
        for (KeyStoreRef store : stores) {
            int policy = policies.computeIfAbsent(store.target(), this::policyDays);
            ages.put(store, new ProxyCredentialAge(store, changes.get(store), policy, now));
        }
        return ages;
    }

    private int policyDays(KmsTarget target) {
        return policyDays.apply(target);
    }

    /**
     * A CreateCustomKeyStore or UpdateCustomKeyStore of the console that set the store's
     * credential succeeded just now. Replaces whatever was recorded: the console knows
     * when it changed the credential.
     */
    void console(KeyStoreRef store, String accessKeyId) {
        Instant now = clock.instant();
        try {
            var change = new ProxyCredentialChange(store, accessKeyId, now, Source.CONSOLE);
            if (!replace(change, now)) {
                try {
                    insert(change, now);
                }
                catch (DuplicateKeyException concurrentDescribe) {
                    replace(change, now);
                }
            }
            known.put(store, accessKeyId);
        }
        catch (RuntimeException e) {
            known.remove(store);
            log.warn("Could not record the proxy credential change of key store {} ({}); its credential age may be "
                    + "shown as changed outside the console", store, e.getClass().getSimpleName());
        }
    }

    /**
     * One complete Describe of every store of a target, started at {@code startedAt}.
     * Serialised: order matters.
     */
    synchronized void described(KmsTarget target, List<CustomKeyStore> stores, Instant startedAt) {
        for (CustomKeyStore store : stores) {
            String accessKeyId = store.xks().map(XksProxySettings::accessKeyId).orElse(null);
            if (!store.isExternal() || accessKeyId == null) {
                continue;
            }
            var ref = new KeyStoreRef(target, store.id());
            if (accessKeyId.equals(known.get(ref))) {
                continue;
            }
            try {
                observe(ref, accessKeyId, startedAt);
            }
            catch (RuntimeException e) {
                known.remove(ref);
                log.warn("Could not compare the proxy credential of key store {} with the console's record ({}); "
                        + "trying again with the next Describe", store.id(), e.getClass().getSimpleName());
            }
        }
    }

    private void observe(KeyStoreRef ref, String accessKeyId, Instant startedAt) {
        var recorded = row(ref);
        if (recorded.isEmpty()) {
            var first = new ProxyCredentialChange(ref, accessKeyId, null, Source.OBSERVED);
            try {
                insert(first, startedAt);
                known.put(ref, accessKeyId);
            }
            catch (DuplicateKeyException anotherInstanceWasFirst) {
                known.remove(ref);
            }
            return;
        }
        var last = recorded.get();
        if (last.change().accessKeyId().equals(accessKeyId)) {
            known.put(ref, accessKeyId);
            return;
        }
        if (startedAt.isBefore(last.recordedAt())) {
            return;
        }
        var outside = new ProxyCredentialChange(ref, accessKeyId, startedAt, Source.OBSERVED);
        boolean written = jdbc
            .sql("update proxy_credential_change set access_key_id = ?, changed_at = ?, source = ?, recorded_at = ? "
                    + "where " + StoreTargetColumns.WHERE + " and access_key_id = ? and recorded_at = ?")
            .params(accessKeyId, utc(startedAt), Source.OBSERVED.name(), utc(startedAt))
            .params(StoreTargetColumns.values(ref))
            .params(last.change().accessKeyId(), utc(last.recordedAt()))
            .update() == 1;
        if (written) {
            known.put(ref, accessKeyId);
            log.info("The proxy credential of key store {} changed outside the console: access key ID {} (was {})", ref,
                    outside.accessKeyId(), last.change().accessKeyId());
        }
        else {
            known.remove(ref);
        }
    }

    /** A row with the time it was written. */
    private record Row(ProxyCredentialChange change, Instant recordedAt) {
    }

    private Optional<Row> row(KeyStoreRef store) {
        return jdbc.sql("select * from proxy_credential_change where " + StoreTargetColumns.WHERE)
            .params(StoreTargetColumns.values(store))
            .query((rs, row) -> new Row(read(rs, row), instant(rs, "recorded_at")))
            .optional();
    }

    private void insert(ProxyCredentialChange change, Instant recordedAt) {
        jdbc.sql("insert into proxy_credential_change (account_id, region, store_id, access_key_id, changed_at, "
                + "source, recorded_at) values (?, ?, ?, ?, ?, ?, ?)")
            .params(StoreTargetColumns.values(change.store()))
            .params(Arrays.<@Nullable Object>asList(change.accessKeyId(), utcOrNull(change.changedAt()),
                    change.source().name(), utc(recordedAt)))
            .update();
    }

    private boolean replace(ProxyCredentialChange change, Instant recordedAt) {
        return jdbc
            .sql("update proxy_credential_change set access_key_id = ?, changed_at = ?, source = ?, recorded_at = ? "
                    + "where " + StoreTargetColumns.WHERE)
            .params(Arrays.<@Nullable Object>asList(change.accessKeyId(), utcOrNull(change.changedAt()),
                    change.source().name(), utc(recordedAt)))
            .params(StoreTargetColumns.values(change.store()))
            .update() == 1;
    }

    private static ProxyCredentialChange read(ResultSet rs, int row) throws SQLException {
        var store = new KeyStoreRef(StoreTargetColumns.target(rs.getString("account_id"), rs.getString("region")),
                rs.getString("store_id"));
        Source source;
        try {
            source = Source.valueOf(rs.getString("source"));
        }
        catch (IllegalArgumentException unknown) {
            source = Source.OBSERVED;
        }
        OffsetDateTime changedAt = rs.getObject("changed_at", OffsetDateTime.class);
        return new ProxyCredentialChange(store, rs.getString("access_key_id"),
                changedAt == null ? null : changedAt.toInstant(), source);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return Objects.requireNonNull(rs.getObject(column, OffsetDateTime.class)).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static @Nullable OffsetDateTime utcOrNull(@Nullable Instant instant) {
        return instant == null ? null : utc(instant);
    }

}
