package com.cksconsole.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.targets.TargetName;

/**
 * What a single-sign-on user's groups give them ({@link GroupRoles#of}): the mappings of
 * their provider whose group they are in, compared exactly.
 */
class GroupRolesTest {

    private static final TargetName PROD = new TargetName("prod-eu");

    private static final TargetName STAGING = new TargetName("staging-eu");

    private static GroupMapping mapping(String provider, String group, @Nullable TargetName target, Role role) {
        return new GroupMapping(1, provider, group, target, role, "admin", Instant.parse("2026-12-06T10:00:00Z"));
    }

    @Test
    void aGroupGivesItsRoleOnlyWhenItMatchesExactly() {
        var mappings = List.of(mapping("okta", "KMS Operators", null, Role.OPERATOR));

        assertThat(GroupRoles.of(mappings, "okta", Set.of("KMS Operators")).roles()).containsExactly(Role.OPERATOR);
        assertThat(GroupRoles.of(mappings, "okta", Set.of("kms operators")).none()).as("other case").isTrue();
        assertThat(GroupRoles.of(mappings, "okta", Set.of("KMS Operators ")).none()).as("trailing space").isTrue();
        assertThat(GroupRoles.of(mappings, "okta", Set.of("KMS")).none()).as("a prefix").isTrue();
    }

    @Test
    void theSameGroupAtAnotherProviderGivesNothing() {
        var mappings = List.of(mapping("okta", "kms-admins", null, Role.ADMIN));

        assertThat(GroupRoles.of(mappings, "entra", Set.of("kms-admins")).none()).isTrue();
    }

    @Test
    void onOneTargetOperatorWinsOverViewerInEitherOrder() {
        var viewerFirst = List.of(mapping("okta", "viewers", PROD, Role.VIEWER),
                mapping("okta", "operators", PROD, Role.OPERATOR));
        var operatorFirst = List.of(viewerFirst.get(1), viewerFirst.get(0));

        for (var mappings : List.of(viewerFirst, operatorFirst)) {
            var roles = GroupRoles.of(mappings, "okta", Set.of("viewers", "operators"));
            assertThat(roles.grants()).containsExactly(new TargetGrant(PROD, Role.OPERATOR));
            assertThat(roles.roles()).isEmpty();
        }
    }

    @Test
    void consoleWideRolesAndPerTargetGrantsAddUp() {
        var mappings = List.of(mapping("okta", "auditors", null, Role.AUDITOR),
                mapping("okta", "prod-ops", PROD, Role.OPERATOR), mapping("okta", "staging-view", STAGING, Role.VIEWER),
                mapping("okta", "everyone", null, Role.VIEWER));

        var roles = GroupRoles.of(mappings, "okta", List.of("auditors", "prod-ops", "staging-view", "everyone"));

        assertThat(roles.roles()).containsExactlyInAnyOrder(Role.AUDITOR, Role.VIEWER);
        assertThat(roles.grants()).containsExactly(new TargetGrant(PROD, Role.OPERATOR),
                new TargetGrant(STAGING, Role.VIEWER));
        assertThat(roles.none()).isFalse();
    }

    @Test
    void noMatchingGroupGivesNone() {
        var mappings = List.of(mapping("okta", "kms-admins", null, Role.ADMIN));

        assertThat(GroupRoles.of(mappings, "okta", Set.of()).none()).isTrue();
        assertThat(GroupRoles.of(List.of(), "okta", Set.of("kms-admins")).none()).isTrue();
        assertThat(GroupRoles.of(mappings, "okta", Set.of("kms-admins")).none()).isFalse();
    }

    /**
     * Two groups giving the same role on one target give that role once: two VIEWER
     * mappings never add up to OPERATOR.
     */
    @Test
    void twoMappingsOfTheSameRoleOnOneTargetGiveThatRole() {
        for (Role role : new Role[] { Role.VIEWER, Role.OPERATOR }) {
            var mappings = List.of(mapping("okta", "team-a", PROD, role), mapping("okta", "team-b", PROD, role));

            assertThat(GroupRoles.of(mappings, "okta", Set.of("team-a", "team-b")).grants()).as(role.name())
                .containsExactly(new TargetGrant(PROD, role));
        }
    }

    /** The grants come sorted by target name, whatever the order of the mappings. */
    @Test
    void theGrantsAreSortedByTarget() {
        var names = List.of("zulu", "yankee", "x-ray", "whiskey", "victor", "uniform", "tango", "sierra", "romeo",
                "quebec", "papa", "oscar");
        var mappings = names.stream().map(name -> mapping("okta", "all", new TargetName(name), Role.VIEWER)).toList();

        var grants = GroupRoles.of(mappings, "okta", Set.of("all")).grants();

        assertThat(grants).extracting(grant -> grant.target().value())
            .containsExactlyElementsOf(names.stream().sorted().toList());
    }

    /** A grant on one target alone is a role: such a user may sign in. */
    @Test
    void aGrantWithoutAConsoleWideRoleIsNotNone() {
        var mappings = List.of(mapping("okta", "prod-view", PROD, Role.VIEWER));

        var roles = GroupRoles.of(mappings, "okta", Set.of("prod-view"));

        assertThat(roles.roles()).isEmpty();
        assertThat(roles.none()).isFalse();
    }

}
