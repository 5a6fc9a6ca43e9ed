package com.cksconsole.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The console's migrations and user repository, run against each supported database: the
 * same tests on the embedded H2 and on PostgreSQL.
 */
abstract class UserAccountRepositoryContract {

    private UserAccountRepository repository;

    private Flyway flyway;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        flyway.migrate();
        repository = new UserAccountRepository(JdbcClient.create(dataSource), Clock.systemUTC());
    }

    @Test
    void theMigrationsApplyAndRecordTheirVersions() {
        assertThat(flyway.info().applied())
            .allSatisfy(migration -> assertThat(migration.getState().isApplied()).isTrue())
            .extracting(migration -> migration.getVersion().getVersion())
            .contains("1");
        assertThat(flyway.info().pending()).isEmpty();
    }

    @Test
    void storesAndReadsBackAUser() {
        repository.insert(new UserAccount("alice", "{noop}hash", Set.of(Role.OPERATOR, Role.VIEWER), true, true));

        var alice = repository.findByUsername("alice").orElseThrow();
        assertThat(alice.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
        assertThat(alice.enabled()).isTrue();
        assertThat(alice.mustChangePassword()).isTrue();
        assertThat(repository.count()).isEqualTo(1);
    }

    @Test
    void refusesASecondUserWithTheSameName() {
        repository.insert(new UserAccount("bob", "{noop}one", Set.of(Role.VIEWER), true, false));
        assertThatThrownBy(
                () -> repository.insert(new UserAccount("bob", "{noop}two", Set.of(Role.ADMIN), true, false)))
            .isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void aPasswordChangeReplacesTheHashAndClearsTheMustChangeFlag() {
        repository.insert(new UserAccount("carol", "{noop}old", Set.of(Role.AUDITOR), true, true));
        repository.updatePassword("carol", "{noop}new");

        var carol = repository.findByUsername("carol").orElseThrow();
        assertThat(carol.passwordHash()).isEqualTo("{noop}new");
        assertThat(carol.mustChangePassword()).isFalse();
    }

    @Test
    void everyChangeOfRightsOrPasswordIncrementsTheSessionVersion() {
        repository.insert(new UserAccount("dora", "{noop}first", Set.of(Role.VIEWER), true, false));
        assertThat(repository.findByUsername("dora").orElseThrow().sessionVersion()).isZero();

        repository.setRoles("dora", Set.of(Role.VIEWER));
        repository.setEnabled("dora", true);
        assertThat(repository.findByUsername("dora").orElseThrow().sessionVersion()).as("nothing changed").isZero();

        repository.setRoles("dora", Set.of(Role.OPERATOR));
        repository.setEnabled("dora", false);
        repository.setEnabled("dora", true);
        repository.resetPassword("dora", "{noop}second");
        assertThat(repository.findByUsername("dora").orElseThrow().sessionVersion()).isEqualTo(4);

        assertThat(repository.updatePassword("dora", "{noop}third")).as("the new version, returned").isEqualTo(5);
        assertThat(repository.findByUsername("dora").orElseThrow().sessionVersion()).isEqualTo(5);
    }

    @Test
    void anUnknownUserIsEmpty() {
        assertThat(repository.findByUsername("nobody")).isEmpty();
    }

}
