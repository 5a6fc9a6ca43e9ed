package com.cksconsole.keystore;

import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.kms.KmsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.keystore.internal.JdbcStoreChangeLocks;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.keystore.internal.StoreTargetAdoption;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.kms.ConnectionState;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.kms.KeyStoreRef;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.kms.KmsTarget;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import com.cksconsole.support.MutableClock;

/**
 * The V50 migration and the tables keyed by account, Region and store ID, on each
 * supported database: rows written before it are adopted by the configured target, and
 * the same store ID in two targets never mixes.
 */
abstract class StoreTargetTablesContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final KmsTarget IRELAND = new KmsTarget("111122223333", "eu-west-1");
    static final KmsTarget FRANKFURT = new KmsTarget("111122223333", "eu-central-1");
    static final String ID = "cks-1234567890abcdef0";

    abstract DataSource emptyDatabase();

    private static Flyway flyway(DataSource dataSource, String target, Environment targets) {
        return Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .target(target)
            .callbacks(new StoreTargetAdoption(targets))
            .load();
    }

    private static Environment configured(String region) {
        return new MockEnvironment().withProperty("console.kms.region", region);
    }

    private static DataSource migrated(DataSource dataSource) {
        flyway(dataSource, "latest", configured("eu-west-1")).migrate();
        return dataSource;
    }

    @Test
    void rowsFromBeforeTheMigrationBelongToTheConfiguredTarget() {
        var dataSource = emptyDatabase();
        flyway(dataSource, "48", configured("eu-west-1")).migrate();
        var jdbc = JdbcClient.create(dataSource);
        var at = OffsetDateTime.ofInstant(NOW, ZoneOffset.UTC);
        jdbc.sql("insert into active_store_lock (store_id, run_id, holder, acquired_at) values (?, null, 'olivia', ?)")
            .params(ID, at)
            .update();
        jdbc.sql("insert into observed_store_state (store_id, settings_json, settings_since, connection_state, "
                + "state_since, observed_at, version) values (?, '{\"CustomKeyStoreName\":\"ekm\"}', ?, "
                + "'CONNECTED', ?, ?, 3)")
            .params(ID, at, at, at)
            .update();

        flyway(dataSource, "latest", configured("eu-west-1")).migrate();

        var locks = new JdbcStoreChangeLocks(jdbc, new MutableClock(NOW));
        assertThat(locks.holder(new KeyStoreRef(IRELAND, ID)))
            .hasValueSatisfying(holder -> assertThat(holder.holder()).isEqualTo("olivia"));
        assertThat(locks.holder(new KeyStoreRef(FRANKFURT, ID))).isEmpty();
        var states = new ObservedStoreStates(jdbc);
        assertThat(states.find(new KeyStoreRef(IRELAND, ID))).hasValueSatisfying(state -> {
            assertThat(state.name()).isEqualTo("ekm");
            assertThat(state.version()).isEqualTo(3);
            assertThat(state.store()).isEqualTo(new KeyStoreRef(IRELAND, ID));
        });
        assertThat(states.find(new KeyStoreRef(FRANKFURT, ID))).isEmpty();
    }

    @Test
    void theSameIdInTwoTargetsHasTwoLocks() {
        var jdbc = JdbcClient.create(migrated(emptyDatabase()));
        var locks = new JdbcStoreChangeLocks(jdbc, new MutableClock(NOW));
        var ireland = new KeyStoreRef(IRELAND, ID);
        var frankfurt = new KeyStoreRef(FRANKFURT, ID);

        var edit = locks.acquireForEdit(ireland, "olivia");
        locks.acquireForRun(frankfurt, "run-1", "dora");

        assertThat(locks.holder(ireland)).contains(edit);
        assertThat(locks.holder(frankfurt).orElseThrow().runId()).isEqualTo("run-1");
        assertThatThrownBy(() -> locks.acquireForEdit(ireland, "bob")).isInstanceOf(KeyStoreBusyException.class);
        locks.releaseRun(frankfurt, "run-1");
        assertThat(locks.holder(frankfurt)).isEmpty();
        assertThat(locks.holder(ireland)).as("the other target's hold stays").contains(edit);
    }

    @Test
    void theSameIdInTwoTargetsHasTwoObservedStates() {
        var states = new ObservedStoreStates(JdbcClient.create(migrated(emptyDatabase())));
        var ireland = new ObservedStoreState(new KeyStoreRef(IRELAND, ID), Map.of("CustomKeyStoreName", "ekm-a"), NOW,
                ConnectionState.CONNECTED, NOW, NOW, 0);
        var frankfurt = new ObservedStoreState(new KeyStoreRef(FRANKFURT, ID), Map.of("CustomKeyStoreName", "ekm-b"),
                NOW, ConnectionState.DISCONNECTED, NOW, NOW, 0);

        assertThat(states.insert(ireland)).isTrue();
        assertThat(states.insert(frankfurt)).isTrue();

        assertThat(states.lastSeenName(new KeyStoreRef(IRELAND, ID))).contains("ekm-a");
        assertThat(states.lastSeenName(new KeyStoreRef(FRANKFURT, ID))).contains("ekm-b");
        assertThat(states.all()).hasSize(2);
    }

    @Test
    void aTargetWithoutAConfiguredAccountIsKeptToo() {
        var jdbc = JdbcClient.create(migrated(emptyDatabase()));
        var locks = new JdbcStoreChangeLocks(jdbc, new MutableClock(NOW));
        var unknownAccount = new KeyStoreRef(new KmsTarget(null, "eu-west-1"), ID);

        locks.acquireForRun(unknownAccount, "run-1", "dora");

        assertThat(locks.holder(unknownAccount).orElseThrow().store()).isEqualTo(unknownAccount);
        assertThat(locks.holder(new KeyStoreRef(IRELAND, ID))).isEmpty();
    }

}
