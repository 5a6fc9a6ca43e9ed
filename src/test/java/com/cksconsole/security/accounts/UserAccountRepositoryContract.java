package com.cksconsole.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Set;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.targets.TargetName;

/**
 * The console's migrations and user repository, run against each supported database: the
 * same tests on the embedded H2 and on PostgreSQL.
 */
abstract class UserAccountRepositoryContract {

    private UserAccountRepository repository;

    private TargetGrantRepository grants;

    private JdbcClient jdbc;

    private Flyway flyway;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        flyway = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load();
        flyway.migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new UserAccountRepository(jdbc, Clock.systemUTC());
        grants = new TargetGrantRepository(jdbc, Clock.systemUTC());
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
    void grantsPerTargetAreStoredOnePerTargetAndEachChangeIncrementsTheSessionVersion() {
        repository.insert(new UserAccount("erin", "{noop}x", Set.of(), true, false));
        var staging = new TargetName("staging-eu");
        var production = new TargetName("prod-eu");

        assertThat(grants.grant("erin", new TargetGrant(staging, Role.VIEWER), "admin")).isEmpty();
        assertThat(grants.grant("erin", new TargetGrant(staging, Role.OPERATOR), "admin")).contains(Role.VIEWER);
        assertThat(grants.grant("erin", new TargetGrant(production, Role.VIEWER), "admin")).isEmpty();
        assertThat(grants.grant("erin", new TargetGrant(production, Role.VIEWER), "admin"))
            .as("the same role again: no change")
            .contains(Role.VIEWER);
        assertThat(repository.findByUsername("erin").orElseThrow().sessionVersion()).isEqualTo(3);
        assertThat(repository.findByUsername("erin").orElseThrow().roles()).as("a user with grants only").isEmpty();

        assertThat(grants.grantsOf("erin")).containsExactly(new TargetGrant(production, Role.VIEWER),
                new TargetGrant(staging, Role.OPERATOR));
        assertThat(grants.grantsByUser()).containsOnlyKeys("erin");

        assertThat(grants.revoke("erin", production)).contains(Role.VIEWER);
        assertThat(grants.revoke("erin", production)).as("nothing left to revoke").isEmpty();
        assertThat(grants.grantsOf("erin")).containsExactly(new TargetGrant(staging, Role.OPERATOR));
        assertThat(repository.findByUsername("erin").orElseThrow().sessionVersion()).isEqualTo(4);
    }

    @Test
    void aGrantIsForAKnownUserAndOfViewerOrOperatorOnly() {
        assertThatThrownBy(() -> grants.grant("nobody", new TargetGrant(new TargetName("prod-eu"), Role.VIEWER), "a"))
            .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> new TargetGrant(new TargetName("prod-eu"), Role.ADMIN))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnknownUserIsEmpty() {
        assertThat(repository.findByUsername("nobody")).isEmpty();
    }

}
