package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialChange;
import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.support.MutableClock;

/**
 * The records of proxy credential changes ({@code proxy_credential_change}), the same
 * tests on the embedded H2 and on PostgreSQL.
 */
abstract class ProxyCredentialRecordsContract {

    static final Instant START = Instant.parse("2026-12-06T08:00:00Z");

    static final KmsTarget TARGET = new KmsTarget("111122223333", "eu-west-1");

    static final KmsTarget OTHER_TARGET = new KmsTarget("444455556666", "eu-west-1");

    static final String STORE_ID = "cks-0123456789abcdef0";

    static final KeyStoreRef STORE = new KeyStoreRef(TARGET, STORE_ID);

    final MutableClock clock = new MutableClock(START);

    JdbcClient jdbc;

    ProxyCredentialRecords records;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        records = new ProxyCredentialRecords(jdbc, target -> target.equals(TARGET) ? 30 : 90, clock);
    }

    static CustomKeyStore xks(String id, String accessKeyId) {
        return new CustomKeyStore(id, "store " + id, KeyStoreType.EXTERNAL_KEY_STORE, ConnectionState.CONNECTED, null,
                START.minus(Duration.ofDays(400)), null, null, new XksProxySettings(XksConnectivity.PUBLIC_ENDPOINT,
                        "https://xks.example.com", "/kms/xks/v1", accessKeyId, null, null));
    }

    static CustomKeyStore cloudHsm(String id) {
        return new CustomKeyStore(id, "hsm " + id, KeyStoreType.AWS_CLOUDHSM, ConnectionState.CONNECTED, null,
                START.minus(Duration.ofDays(400)), "cluster-1234567890a", "pem", null);
    }

    int rows() {
        return jdbc.sql("select count(*) from proxy_credential_change").query(Integer.class).single();
    }

    @Test
    void theFirstSightingOfAStoreIsRecordedWithAnUnknownAge() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001"), cloudHsm("cks-0aaaaaaaaaaaaaaa0")),
                START);

        assertThat(records.last(STORE))
            .contains(new ProxyCredentialChange(STORE, "AKIAFIRST00000000001", null, Source.OBSERVED));
        assertThat(rows()).as("a CloudHSM key store has no proxy credential").isEqualTo(1);
        ProxyCredentialAge age = records.age(STORE);
        assertThat(age.age()).isEmpty();
        assertThat(age.overdue()).isFalse();
        assertThat(age.text())
            .isEqualTo("unknown: not changed through the console since it was first seen (policy " + "30 days)");
    }

    @Test
    void anotherAccessKeyIdIsAChangeOutsideTheConsoleFromTheStartOfTheDescribeThatShowedIt() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START);
        Instant seen = START.plus(Duration.ofHours(5));
        records.described(TARGET, List.of(xks(STORE_ID, "AKIASECOND0000000002")), seen);

        assertThat(records.last(STORE))
            .contains(new ProxyCredentialChange(STORE, "AKIASECOND0000000002", seen, Source.OBSERVED));
        clock.advance(Duration.ofDays(3).plusHours(5));
        assertThat(records.age(STORE).text())
            .isEqualTo("changed outside the console, first seen 3 days ago (policy 30 days)");
    }

    @Test
    void aConsoleChangeIsRecordedWhenItSucceeded() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START);
        clock.advance(Duration.ofMinutes(10));
        Instant changed = clock.instant();
        records.console(STORE, "AKIASECOND0000000002");

        assertThat(records.last(STORE))
            .contains(new ProxyCredentialChange(STORE, "AKIASECOND0000000002", changed, Source.CONSOLE));
        clock.advance(Duration.ofDays(41));
        assertThat(records.age(STORE).text()).isEqualTo("41 days (policy 30 days)");
        assertThat(records.age(STORE).overdue()).isTrue();
    }

    @Test
    void aDescribeThatStartedBeforeAConsoleChangeIsNotTakenForAChangeBack() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START);
        clock.advance(Duration.ofMinutes(10));
        Instant changed = clock.instant();
        records.console(STORE, "AKIASECOND0000000002");

        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), changed.minusSeconds(1));

        assertThat(records.last(STORE))
            .contains(new ProxyCredentialChange(STORE, "AKIASECOND0000000002", changed, Source.CONSOLE));
    }

    @Test
    void aConsoleCreateOfAStoreNotSeenYetIsRecorded() {
        records.console(STORE, "AKIAFIRST00000000001");
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START.plusSeconds(1));

        assertThat(records.last(STORE))
            .contains(new ProxyCredentialChange(STORE, "AKIAFIRST00000000001", START, Source.CONSOLE));
    }

    @Test
    void anUnchangedStoreCostsNoQueryOnTheNextDescribe() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START);
        jdbc.sql("delete from proxy_credential_change").update();

        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START.plusSeconds(60));

        assertThat(rows()).as("remembered in memory: neither read nor written again").isZero();
    }

    @Test
    void theSameIdInAnotherTargetIsAnotherStore() {
        records.described(TARGET, List.of(xks(STORE_ID, "AKIAFIRST00000000001")), START);
        records.described(OTHER_TARGET, List.of(xks(STORE_ID, "AKIAOTHER00000000009")), START);
        var other = new KeyStoreRef(OTHER_TARGET, STORE_ID);

        Map<KeyStoreRef, ProxyCredentialAge> ages = records.ages(List.of(STORE, other));

        assertThat(ages.get(STORE).accessKeyId()).isEqualTo("AKIAFIRST00000000001");
        assertThat(ages.get(STORE).policyDays()).isEqualTo(30);
        assertThat(ages.get(other).accessKeyId()).isEqualTo("AKIAOTHER00000000009");
        assertThat(ages.get(other).policyDays()).isEqualTo(90);
    }

    @Test
    void aStoreNotSeenYetHasNoRecord() {
        ProxyCredentialAge age = records.age(STORE);
        assertThat(age.change()).isNull();
        assertThat(age.accessKeyId()).isNull();
        assertThat(age.text()).isEqualTo("unknown: the console has not seen this store yet");
    }

}
