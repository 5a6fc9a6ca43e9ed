package com.cksconsole.rotation;

import static com.cksconsole.rotation.RotationRepository.columns;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.cksconsole.health.credentials.SealedSecret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.rotation.RotationRepository.Column;

/**
 * The rotation tables and their repository, the same tests on the embedded H2 and on
 * PostgreSQL: every field read back, one active run per store, the conditional moves (a
 * cancel and the update's mark never both win), the held secret cleared at the end, the
 * leases.
 */
abstract class RotationRepositoryContract {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00.123456Z");

    static final KeyStoreRef STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-1234567890abcdef0");

    static final KeyStoreRef NO_ACCOUNT = new KeyStoreRef(new KmsTarget(null, "eu-west-1"), "cks-1234567890abcdef0");

    /**
     * The longest values the columns must hold (a KMS-wrapped data key, a 64-byte
     * secret).
     */
    static final SealedSecret SEALED = new SealedSecret("D".repeat(400), "k".repeat(64), "I".repeat(16),
            "C".repeat(108));

    private RotationRepository repository;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new RotationRepository(JdbcClient.create(dataSource),
                new DataSourceTransactionManager(dataSource));
    }

    static RotationRun run(String id, KeyStoreRef store) {
        return new RotationRun(id, store, "n".repeat(256), RotationStatus.AWAITING_INSTALL, "olivia", "r".repeat(256),
                true, "N".repeat(30), "O".repeat(30), "https://" + "h".repeat(200) + ".example.com",
                "/" + "p".repeat(115) + "/kms/xks/v1", XksConnectivity.VPC_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.eu-west-1.vpce-svc-0123456789abcdef0", "f".repeat(64),
                "hmac-sha256:12345678:" + "a".repeat(64), "CONNECTED", false, false, null, null, null, null, null, null,
                null, null, null, null, NOW, NOW, null, List.of());
    }

    @Test
    void storesAndReadsBackEveryFieldAndTheSealedSecret() {
        var run = run("run-1", STORE);
        assertThat(repository.create(run, SEALED, () -> {
        })).isTrue();

        var read = repository.find("run-1").orElseThrow();
        assertThat(read).isEqualTo(run);
        assertThat(repository.sealed("run-1")).contains(SEALED);
        assertThat(repository.active(STORE)).contains(run);
        assertThat(repository.recent(STORE, 10)).containsExactly(run);
    }

    @Test
    void aStoreWithoutAKnownAccountIsKeptApartFromTheSameIdInAnAccount() {
        repository.create(run("run-1", STORE), null, () -> {
        });
        assertThat(repository.create(run("run-2", NO_ACCOUNT), null, () -> {
        })).isTrue();

        assertThat(repository.find("run-2").orElseThrow().store()).isEqualTo(NO_ACCOUNT);
        assertThat(repository.active(NO_ACCOUNT).orElseThrow().id()).isEqualTo("run-2");
    }

    @Test
    void oneActiveRunPerStoreUntilItEnds() {
        assertThat(repository.create(run("run-1", STORE), SEALED, () -> {
        })).isTrue();
        assertThat(repository.create(run("run-2", STORE), null, () -> {
        })).isFalse();
        assertThat(repository.find("run-2")).isEmpty();

        assertThat(repository.move("run-1", Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.FAILED,
                columns(Column.OUTCOME, "failed", Column.FINISHED_AT, NOW), NOW))
            .isTrue();

        assertThat(repository.sealed("run-1")).as("cleared at the end").isEmpty();
        assertThat(repository.active(STORE)).isEmpty();
        assertThat(repository.create(run("run-2", STORE), null, () -> {
        })).isTrue();
    }

    @Test
    void aMoveHappensOnlyFromTheStatusItExpects() {
        repository.create(run("run-1", STORE), null, () -> {
        });

        assertThat(repository.move("run-1", Set.of(RotationStatus.PROVING), RotationStatus.UPDATING, columns(), NOW))
            .isFalse();
        assertThat(repository.move("run-1", Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.PROVING,
                columns(Column.INSTALLED_AT, NOW, Column.LAST_CHECK, "waiting"), NOW))
            .isTrue();
        var moved = repository.find("run-1").orElseThrow();
        assertThat(moved.status()).isEqualTo(RotationStatus.PROVING);
        assertThat(moved.installedAt()).isEqualTo(NOW);
        assertThat(moved.lastCheck()).isEqualTo("waiting");
    }

    @Test
    void aCancelAndTheMarkOfTheUpdateNeverBothWin() {
        repository.create(run("run-1", STORE), null, () -> {
        });
        repository.move("run-1", Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.UPDATING, columns(), NOW);

        assertThat(repository.note("run-1", RotationStatus.UPDATING, columns(Column.UPDATE_STARTED, true), NOW))
            .isTrue();
        assertThat(repository.cancel("run-1", Set.of(RotationStatus.UPDATING), NOW)).isFalse();

        repository.create(run("run-2", NO_ACCOUNT), null, () -> {
        });
        repository.move("run-2", Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.UPDATING, columns(), NOW);
        assertThat(repository.cancel("run-2", Set.of(RotationStatus.UPDATING), NOW)).isTrue();
        assertThat(repository.note("run-2", RotationStatus.UPDATING, columns(Column.UPDATE_STARTED, true), NOW))
            .isFalse();
        assertThat(repository.find("run-2").orElseThrow().status()).isEqualTo(RotationStatus.CANCELLED);
    }

    @Test
    void theFileIsMarkedDeliveredOnce() {
        repository.create(run("run-1", STORE), SEALED, () -> {
        });

        assertThat(repository.markFileDelivered("run-1")).isTrue();
        assertThat(repository.markFileDelivered("run-1")).isFalse();
        assertThat(repository.find("run-1").orElseThrow().fileDelivered()).isTrue();
    }

    @Test
    void aLeaseIsHeldByOneInstanceUntilItExpires() {
        repository.create(run("run-1", STORE), null, () -> {
        });
        repository.move("run-1", Set.of(RotationStatus.AWAITING_INSTALL), RotationStatus.PROVING, columns(), NOW);
        assertThat(repository.unclaimed(NOW)).containsExactly("run-1");

        assertThat(repository.claim("run-1", "a", NOW.plusSeconds(60), NOW)).isTrue();
        assertThat(repository.claim("run-1", "b", NOW.plusSeconds(60), NOW.plusSeconds(59))).isFalse();
        assertThat(repository.unclaimed(NOW.plusSeconds(59))).isEmpty();
        assertThat(repository.claim("run-1", "b", NOW.plusSeconds(121), NOW.plusSeconds(61))).isTrue();

        repository.release("run-1", "a");
        assertThat(repository.unclaimed(NOW.plusSeconds(62))).as("a's release does not free b's lease").isEmpty();
        repository.release("run-1", "b");
        assertThat(repository.unclaimed(NOW.plusSeconds(62))).containsExactly("run-1");
    }

    @Test
    void eventsKeepTheirOrder() {
        var run = run("run-1", STORE);
        repository.create(run, null, () -> repository.appendEvent("run-1",
                new RotationEvent(NOW, RotationStep.NEW_CREDENTIAL, "OK", "olivia", "first")));
        repository.appendEvent("run-1",
                new RotationEvent(NOW.plusSeconds(1), RotationStep.STAGE, "OK", null, "d".repeat(2000)));

        assertThat(repository.find("run-1").orElseThrow().events()).extracting(RotationEvent::detail)
            .containsExactly("first", "d".repeat(2000));
    }

}
