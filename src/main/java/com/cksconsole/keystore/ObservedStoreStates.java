package com.cksconsole.keystore;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.keystore.internal.StoreTargetColumns;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The {@code observed_store_state} table (see the V48 and V50 migrations): what the
 * console last saw of each key store, by account, Region and store ID. Writes are
 * conditional (insert once, then compare-and-set on the version), so two console
 * instances seeing the same Describe never both act on it.
 */
@Repository
public class ObservedStoreStates {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final TypeReference<LinkedHashMap<String, @Nullable String>> SETTINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    ObservedStoreStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ObservedStoreState> find(KeyStoreRef store) {
        return jdbc.sql("select * from observed_store_state where " + StoreTargetColumns.WHERE)
            .params(StoreTargetColumns.values(store))
            .query(ObservedStoreStates::read)
            .optional();
    }

    /**
     * Every store the console has seen (a few dozen at most: KMS limits custom key stores
     * per Region).
     */
    public List<ObservedStoreState> all() {
        return jdbc.sql("select * from observed_store_state order by account_id, region, store_id")
            .query(ObservedStoreStates::read)
            .list();
    }

    /** The name the store had when the console last saw it, if it has seen it. */
    public Optional<String> lastSeenName(KeyStoreRef store) {
        return find(store).map(ObservedStoreState::name);
    }

    /** Stores a store seen for the first time; false when another instance was first. */
    boolean insert(ObservedStoreState state) {
        try {
            return jdbc
                .sql("insert into observed_store_state (account_id, region, store_id, settings_json, "
                        + "settings_since, connection_state, state_since, observed_at, version) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(StoreTargetColumns.values(state.store()))
                .params(JSON.writeValueAsString(state.settings()), utc(state.settingsSince()),
                        state.connectionState().name(), utc(state.stateSince()), utc(state.observedAt()),
                        state.version())
                .update() == 1;
        }
        catch (DuplicateKeyException e) {
            return false;
        }
    }

    /**
     * Replaces {@code expected} by {@code next}; false when the row is no longer
     * {@code expected}.
     */
    boolean replace(ObservedStoreState expected, ObservedStoreState next) {
        return jdbc
            .sql("update observed_store_state set settings_json = ?, settings_since = ?, connection_state = ?, "
                    + "state_since = ?, observed_at = ?, version = ? where " + StoreTargetColumns.WHERE
                    + " and version = ?")
            .params(JSON.writeValueAsString(next.settings()), utc(next.settingsSince()), next.connectionState().name(),
                    utc(next.stateSince()), utc(next.observedAt()), next.version())
            .params(StoreTargetColumns.values(expected.store()))
            .param(expected.version())
            .update() == 1;
    }

    private static ObservedStoreState read(ResultSet rs, int row) throws SQLException {
        Map<String, @Nullable String> settings = JSON.readValue(rs.getString("settings_json"), SETTINGS);
        ConnectionState state;
        try {
            state = ConnectionState.valueOf(rs.getString("connection_state"));
        }
        catch (IllegalArgumentException e) {
            state = ConnectionState.UNKNOWN;
        }
        var store = new KeyStoreRef(StoreTargetColumns.target(rs.getString("account_id"), rs.getString("region")),
                rs.getString("store_id"));
        return new ObservedStoreState(store, settings, instant(rs, "settings_since"), state, instant(rs, "state_since"),
                instant(rs, "observed_at"), rs.getLong("version"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
