package com.cksconsole.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.support.MutableClock;
import com.cksconsole.targets.TargetName;

/**
 * The single-sign-on group mappings ({@code sso_group_mapping}, V104) through
 * {@link GroupMappingRepository}, on each supported database: the same tests on the
 * embedded H2 and on PostgreSQL.
 */
abstract class GroupMappingRepositoryContract {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private static final Optional<TargetName> CONSOLE_WIDE = Optional.empty();

    private static final Optional<TargetName> PROD = Optional.of(new TargetName("prod-eu"));

    private final MutableClock clock = new MutableClock(NOW);

    private GroupMappingRepository repository;

    private JdbcClient jdbc;

    /** A data source on an empty database or schema. */
    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new GroupMappingRepository(jdbc, clock);
    }

    @Test
    void addsAMappingAndReadsItBack() {
        var added = repository.add("okta", "KMS Operators", PROD, Role.OPERATOR, "ada").orElseThrow();

        assertThat(added.id()).isPositive();
        assertThat(added.provider()).isEqualTo("okta");
        assertThat(added.group()).isEqualTo("KMS Operators");
        assertThat(added.onTarget()).isEqualTo(PROD);
        assertThat(added.role()).isEqualTo(Role.OPERATOR);
        assertThat(added.createdBy()).isEqualTo("ada");
        assertThat(added.createdAt()).isEqualTo(NOW);
        assertThat(repository.find(added.id())).contains(added);
        assertThat(repository.all()).containsExactly(added);
    }

    @Test
    void theSameMappingTwiceIsEmptyAndStoredOnce() {
        repository.add("okta", "kms-admins", CONSOLE_WIDE, Role.ADMIN, "ada").orElseThrow();

        assertThat(repository.add("okta", "kms-admins", CONSOLE_WIDE, Role.ADMIN, "bob")).isEmpty();
        assertThat(repository.all()).singleElement()
            .satisfies(mapping -> assertThat(mapping.createdBy()).isEqualTo("ada"));
        // Any part different: another mapping.
        assertThat(repository.add("okta", "kms-admins", CONSOLE_WIDE, Role.AUDITOR, "ada")).isPresent();
        assertThat(repository.add("okta", "KMS-admins", CONSOLE_WIDE, Role.ADMIN, "ada")).as("case counts").isPresent();
        assertThat(repository.add("entra", "kms-admins", CONSOLE_WIDE, Role.ADMIN, "ada")).isPresent();
        assertThat(repository.add("okta", "kms-admins", PROD, Role.OPERATOR, "ada")).isPresent();
        assertThat(repository.all()).hasSize(5);
    }

    @Test
    void removesAMappingOnce() {
        var added = repository.add("okta", "kms-viewers", PROD, Role.VIEWER, "ada").orElseThrow();
        var kept = repository.add("okta", "kms-admins", CONSOLE_WIDE, Role.ADMIN, "ada").orElseThrow();

        assertThat(repository.remove(added.id())).contains(added);
        assertThat(repository.remove(added.id())).as("already gone").isEmpty();
        assertThat(repository.find(added.id())).isEmpty();
        assertThat(repository.all()).containsExactly(kept);
    }

    @Test
    void forProviderListsThatProvidersMappingsInTheOrderTheyWereAdded() {
        var first = repository.add("okta", "zeta", CONSOLE_WIDE, Role.VIEWER, "ada").orElseThrow();
        repository.add("entra", "alpha", CONSOLE_WIDE, Role.VIEWER, "ada").orElseThrow();
        clock.advance(Duration.ofMinutes(1));
        var second = repository.add("okta", "alpha", PROD, Role.OPERATOR, "ada").orElseThrow();
        var third = repository.add("okta", "mid", CONSOLE_WIDE, Role.AUDITOR, "ada").orElseThrow();

        assertThat(repository.forProvider("okta")).containsExactly(first, second, third);
        assertThat(repository.forProvider("keycloak")).isEmpty();
        assertThat(repository.all()).extracting(mapping -> mapping.provider() + "/" + mapping.group())
            .as("all(): by provider, then group")
            .containsExactly("entra/alpha", "okta/alpha", "okta/mid", "okta/zeta");
    }

    @Test
    void aGroupOf255CharactersIsKeptWholeAnd256AreRefused() {
        String longest = "g".repeat(254) + "é";

        var added = repository.add("okta", longest, CONSOLE_WIDE, Role.VIEWER, "ada").orElseThrow();
        assertThat(repository.find(added.id()).orElseThrow().group()).isEqualTo(longest);

        assertThatThrownBy(() -> repository.add("okta", longest + "x", CONSOLE_WIDE, Role.VIEWER, "ada"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.add("okta", "", CONSOLE_WIDE, Role.VIEWER, "ada"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.all()).hasSize(1);
    }

    @Test
    void consoleWideIsStoredAsAnEmptyTargetAndReadBackAsNoTarget() {
        var added = repository.add("okta", "kms-admins", CONSOLE_WIDE, Role.ADMIN, "ada").orElseThrow();

        assertThat(jdbc.sql("select target_name from sso_group_mapping where id = :id")
            .param("id", added.id())
            .query(String.class)
            .single()).isEqualTo(GroupMappingRepository.CONSOLE_WIDE);
        assertThat(repository.find(added.id()).orElseThrow().target()).isNull();
        assertThat(repository.find(added.id()).orElseThrow().onTarget()).isEmpty();
    }

    @Test
    void onOneTargetOnlyViewerOrOperatorCanBeStored() {
        assertThatThrownBy(() -> repository.add("okta", "kms-admins", PROD, Role.ADMIN, "ada"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> repository.add("okta", "kms-auditors", PROD, Role.AUDITOR, "ada"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(repository.all()).isEmpty();
    }

}
