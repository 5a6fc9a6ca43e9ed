package com.cksconsole.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The targets table and its repository, the same tests on the embedded H2 and on
 * PostgreSQL.
 */
abstract class TargetRepositoryContract {

    static final Instant NOW = Instant.parse("2026-12-04T10:15:30Z");

    private TargetRepository repository;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new TargetRepository(JdbcClient.create(dataSource));
    }

    static Target role(String name, String account, String region) {
        return new Target(new TargetName(name), "Label " + name, account, region, TargetAccess.ASSUME_ROLE, null,
                "arn:aws:iam::" + account + ":role/KmsCustodian", "ext-1", "console",
                URI.create("https://vpce-1.kms.eu-west-1.vpce.amazonaws.com"), 12, true);
    }

    @Test
    void storesAndReadsBackEveryField() {
        Target production = role("production", "444455556666", "eu-west-1");
        repository.insert(production, TargetOrigin.CONSOLE, NOW, "admin");

        RegisteredTarget stored = repository.find(production.name()).orElseThrow();
        assertThat(stored.target()).isEqualTo(production);
        assertThat(stored.origin()).isEqualTo(TargetOrigin.CONSOLE);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(NOW);
        assertThat(stored.updatedBy()).isEqualTo("admin");
        assertThat(stored.lastCheck()).isNull();
        assertThat(repository.findByAccountAndRegion("444455556666", "eu-west-1")).contains(stored);
    }

    @Test
    void oneTargetPerAccountAndRegion() {
        repository.insert(role("production", "444455556666", "eu-west-1"), TargetOrigin.CONSOLE, NOW, "admin");
        assertThatThrownBy(() -> repository.insert(role("production-2", "444455556666", "eu-west-1"),
                TargetOrigin.CONSOLE, NOW, "admin"))
            .isInstanceOf(DuplicateKeyException.class);
        repository.insert(role("production-us", "444455556666", "us-east-1"), TargetOrigin.CONSOLE, NOW, "admin");
        assertThat(repository.findAll()).extracting(r -> r.name().value())
            .containsExactly("production", "production-us");
    }

    @Test
    void anEditBasedOnAnOlderVersionChangesNothing() {
        Target production = role("production", "444455556666", "eu-west-1");
        repository.insert(production, TargetOrigin.CONSOLE, NOW, "admin");
        Target renamed = new Target(production.name(), "Renamed", production.accountId(), production.region(),
                production.access(), null, production.roleArn(), null, null, null, 10, true);

        assertThat(repository.update(renamed, 1, NOW.plusSeconds(1), "alice")).isTrue();
        assertThat(repository.update(production, 1, NOW.plusSeconds(2), "bob")).isFalse();

        RegisteredTarget stored = repository.find(production.name()).orElseThrow();
        assertThat(stored.target().label()).isEqualTo("Renamed");
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.updatedBy()).isEqualTo("alice");
    }

    @Test
    void aCheckIsRecordedOnlyForTheDefinitionItChecked() {
        Target production = role("production", "444455556666", "eu-west-1");
        repository.insert(production, TargetOrigin.CONSOLE, NOW, "admin");
        var mismatch = new TargetCheckResult(NOW, TargetCheckOutcome.ACCOUNT_MISMATCH, "777788889999", null,
                "Configured account 444455556666, reached account 777788889999.");

        assertThat(repository.recordCheck(production.name(), 1, mismatch)).isTrue();
        RegisteredTarget checked = repository.find(production.name()).orElseThrow();
        assertThat(checked.lastCheck()).isEqualTo(mismatch);
        assertThat(checked.usable()).as("a target that reaches another account is refused").isFalse();

        repository.update(production, 1, NOW, "admin");
        assertThat(repository.find(production.name()).orElseThrow().lastCheck()).as("an edit clears the check")
            .isNull();
        var ok = new TargetCheckResult(NOW, TargetCheckOutcome.OK, "444455556666", 3, null);
        assertThat(repository.recordCheck(production.name(), 1, ok)).as("a check of the old definition").isFalse();
        assertThat(repository.recordCheck(production.name(), 2, ok)).isTrue();
        assertThat(repository.find(production.name()).orElseThrow().lastCheck()).isEqualTo(ok);
    }

    @Test
    void theCredentialRotationPolicyIsStoredAndEdited() {
        Target production = role("production", "444455556666", "eu-west-1");
        repository.insert(production, TargetOrigin.CONSOLE, NOW, "admin");
        assertThat(repository.find(production.name()).orElseThrow().target().credentialRotationDays()).isEqualTo(90);

        Target monthly = TargetRulesTest.withRotation(production, 30);
        assertThat(repository.update(monthly, 1, NOW.plusSeconds(1), "alice")).isTrue();

        assertThat(repository.find(production.name()).orElseThrow().target()).isEqualTo(monthly);
    }

    @Test
    void disablingTakesATargetOutOfUse() {
        Target production = role("production", "444455556666", "eu-west-1");
        repository.insert(production, TargetOrigin.CONFIGURATION, NOW, "configuration");
        assertThat(repository.setEnabled(production.name(), false, NOW, "admin")).isTrue();
        RegisteredTarget stored = repository.find(production.name()).orElseThrow();
        assertThat(stored.target().enabled()).isFalse();
        assertThat(stored.usable()).isFalse();
        assertThat(stored.version()).isEqualTo(2);
    }

}
