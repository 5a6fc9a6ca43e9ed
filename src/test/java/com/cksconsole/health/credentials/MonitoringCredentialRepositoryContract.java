package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.CredentialRow;
import com.cksconsole.health.credentials.internal.EnvelopeCipher.Sealed;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The monitoring credential table and its repository, the same tests on the embedded H2
 * and on PostgreSQL.
 */
abstract class MonitoringCredentialRepositoryContract {

    static final Instant NOW = Instant.parse("2026-12-06T02:00:00.123456Z");

    static final KeyStoreRef STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-1234567890abcdef0");

    static final KeyStoreRef SAME_ID_OTHER_REGION = new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"),
            "cks-1234567890abcdef0");

    private CredentialRepository repository;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new CredentialRepository(JdbcClient.create(dataSource));
    }

    static CredentialRow row(KeyStoreRef store, String accessKeyId, String kekId) {
        // Longest values the columns must hold: 64-byte secret + tag, 32-byte data key +
        // IV + tag.
        return new CredentialRow(store, accessKeyId, new Sealed("D".repeat(80), kekId, "I".repeat(16), "C".repeat(108)),
                NOW, "alice");
    }

    @Test
    void storesAndReadsBackEveryField() {
        var row = row(STORE, "A".repeat(30), "k".repeat(64));
        repository.replace(row);

        assertThat(repository.find(STORE)).contains(row);
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void oneCredentialPerStoreAndReplacingReplaces() {
        repository.replace(row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-1"));
        var replacement = row(STORE, "BBBBBBBBBBBBBBBBBBBB", "kek-1");
        repository.replace(replacement);

        assertThat(repository.find(STORE)).contains(replacement);
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void aStoreIdIsOnlyUniqueWithinItsAccountAndRegion() {
        repository.replace(row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-1"));
        repository.replace(row(SAME_ID_OTHER_REGION, "BBBBBBBBBBBBBBBBBBBB", "kek-1"));

        assertThat(repository.find(STORE).orElseThrow().accessKeyId()).isEqualTo("AAAAAAAAAAAAAAAAAAAA");
        assertThat(repository.find(SAME_ID_OTHER_REGION).orElseThrow().accessKeyId()).isEqualTo("BBBBBBBBBBBBBBBBBBBB");
    }

    @Test
    void deleteRemovesOnlyThatStoresRowAndSaysWhetherThereWasOne() {
        repository.replace(row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-1"));
        repository.replace(row(SAME_ID_OTHER_REGION, "BBBBBBBBBBBBBBBBBBBB", "kek-1"));

        assertThat(repository.delete(STORE)).isTrue();
        assertThat(repository.delete(STORE)).isFalse();
        assertThat(repository.find(STORE)).isEmpty();
        assertThat(repository.find(SAME_ID_OTHER_REGION)).isPresent();
    }

    @Test
    void listsTheRowsNotUnderAKek() {
        repository.replace(row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-old"));
        repository.replace(row(SAME_ID_OTHER_REGION, "BBBBBBBBBBBBBBBBBBBB", "kek-new"));

        assertThat(repository.notUnder("kek-new")).extracting(CredentialRow::store).containsExactly(STORE);
    }

    @Test
    void rewrapChangesOnlyTheDataKeyOfTheRowAsRead() {
        var read = row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-old");
        repository.replace(read);

        assertThat(repository.rewrap(read, new Sealed("N".repeat(80), "kek-new", "ignored", "ignored"))).isTrue();

        var stored = repository.find(STORE).orElseThrow();
        assertThat(stored.sealed()).isEqualTo(new Sealed("N".repeat(80), "kek-new", "I".repeat(16), "C".repeat(108)));
        assertThat(stored.createdAt()).isEqualTo(NOW);
    }

    @Test
    void rewrapLeavesARowReplacedSinceItWasRead() {
        var read = row(STORE, "AAAAAAAAAAAAAAAAAAAA", "kek-old");
        repository.replace(read);
        var replacement = row(STORE, "BBBBBBBBBBBBBBBBBBBB", "kek-new");
        repository.replace(replacement);

        assertThat(repository.rewrap(read, new Sealed("N".repeat(80), "kek-new", "x", "y"))).isFalse();
        assertThat(repository.find(STORE)).contains(replacement);
    }

}
