package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitionRecords.Started;
import com.cksconsole.keystore.ConnectionTransitions;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;

/**
 * When connects and disconnects started, in the database (V100) on each supported
 * database: two console instances on one database show the same elapsed time, whichever
 * of them sent the request.
 */
abstract class ConnectionTransitionRecordsContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static final String STORE = "cks-1234567890abcdef0";

    final MutableClock clock = new MutableClock(NOW);

    JdbcConnectionTransitionRecords records;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        records = new JdbcConnectionTransitionRecords(JdbcClient.create(dataSource));
    }

    @Test
    void anInstanceShowsTheElapsedTimeOfAConnectAnotherInstanceSent() {
        var instanceA = new ConnectionTransitions(clock, records);
        var instanceB = new ConnectionTransitions(clock, records);
        var ref = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), STORE);

        instanceA.started(ref, ConnectionOperation.CONNECT);
        clock.advance(Duration.ofSeconds(130));

        assertThat(instanceB.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING)))
            .contains(Duration.ofSeconds(130));
    }

    @Test
    void aStoresNextRequestReplacesItsLastOne() {
        var ref = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), STORE);
        records.record(ref, new Started(ConnectionOperation.CONNECT, NOW));

        records.record(ref, new Started(ConnectionOperation.DISCONNECT, NOW.plusSeconds(60)));

        assertThat(records.find(ref)).contains(new Started(ConnectionOperation.DISCONNECT, NOW.plusSeconds(60)));
    }

    @Test
    void storesOfTheSameIdInOtherTargetsAreKeptApart() {
        var east = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), STORE);
        var west = new KeyStoreRef(new KmsTarget("111122223333", "us-west-2"), STORE);
        var noAccount = new KeyStoreRef(new KmsTarget(null, "us-east-1"), STORE);
        records.record(east, new Started(ConnectionOperation.CONNECT, NOW));

        assertThat(records.find(west)).isEmpty();
        assertThat(records.find(noAccount)).isEmpty();
        records.record(noAccount, new Started(ConnectionOperation.DISCONNECT, NOW));
        assertThat(records.find(noAccount)).contains(new Started(ConnectionOperation.DISCONNECT, NOW));
        assertThat(records.find(east)).contains(new Started(ConnectionOperation.CONNECT, NOW));
    }

    @Test
    void forgettingRemovesOnlyRequestsMadeBeforeTheGivenInstant() {
        var old = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), STORE);
        var recent = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), "cks-0fedcba0987654321");
        records.record(old, new Started(ConnectionOperation.CONNECT, NOW.minusMillis(1)));
        records.record(recent, new Started(ConnectionOperation.CONNECT, NOW));

        records.forgetBefore(NOW);

        assertThat(records.find(old)).isEmpty();
        assertThat(records.find(recent)).isPresent();
    }

}
