package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.security.access.hierarchicalroles.NullRoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.targets.TargetName;

/**
 * The rights decided from an authentication's authorities ({@link TargetRights}): global
 * roles through the hierarchy, grants on their target only, OPERATOR including VIEWER.
 */
class TargetRightsTest {

    private static final RoleHierarchy HIERARCHY = SecurityConfiguration.roleHierarchy();

    private static TargetRights rights(String... authorities) {
        return TargetRights.of(AuthorityUtils.createAuthorityList(authorities), HIERARCHY);
    }

    /** The global roles are those reached through the hierarchy: ADMIN includes all. */
    @Test
    void theGlobalRolesAreThoseReachedThroughTheHierarchy() {
        var admin = rights("ROLE_ADMIN");
        assertThat(Role.values()).allMatch(admin::hasRole);

        var operator = rights("ROLE_OPERATOR");
        assertThat(operator.hasRole(Role.VIEWER)).isTrue();
        assertThat(operator.hasRole(Role.AUDITOR)).isFalse();
        assertThat(operator.hasRole(Role.ADMIN)).isFalse();
        assertThat(rights("TARGET_OPERATOR:prod-eu").hasRole(Role.OPERATOR)).as("a grant is no global role").isFalse();
    }

    /** Only a global OPERATOR (or ADMIN) may change everywhere; no grant does. */
    @Test
    void onlyAGlobalOperatorMayChangeEverywhere() {
        assertThat(rights("ROLE_OPERATOR").mayChangeEverywhere()).isTrue();
        assertThat(rights("ROLE_ADMIN").mayChangeEverywhere()).isTrue();
        assertThat(rights("ROLE_VIEWER").mayChangeEverywhere()).isFalse();
        assertThat(rights("TARGET_OPERATOR:prod-eu").mayChangeEverywhere()).isFalse();
    }

    /**
     * A global OPERATOR views every target even under a hierarchy that does not say that
     * OPERATOR includes VIEWER.
     */
    @Test
    void aGlobalOperatorViewsEveryTargetWhateverTheHierarchy() {
        var operator = TargetRights.of(AuthorityUtils.createAuthorityList("ROLE_OPERATOR"), new NullRoleHierarchy());

        assertThat(operator.mayView("prod-eu")).isTrue();
        assertThat(operator.mayChange("prod-eu")).isTrue();
        assertThat(operator.mayViewAny()).isTrue();
    }

    /** A VIEWER and an OPERATOR grant on the same target: OPERATOR wins. */
    @Test
    void twoGrantsOnOneTargetGiveTheStrongerOne() {
        var both = rights("TARGET_VIEWER:prod-eu", "TARGET_OPERATOR:prod-eu", "TARGET_OPERATOR:dr-us",
                "TARGET_VIEWER:dr-us");

        assertThat(both.mayChange("prod-eu")).isTrue();
        assertThat(both.mayChange("dr-us")).isTrue();
        assertThat(both.mayChange("staging-eu")).isFalse();
        assertThat(both.mayView("staging-eu")).isFalse();
    }

    /**
     * A grant's target must be written as a target name is (lower case, at most 32
     * characters); anything else, or a grant with text around it, gives nothing.
     */
    @Test
    void onlyAWellFormedGrantAuthorityCounts() {
        String longest = "a" + "b".repeat(31);
        assertThat(rights("TARGET_VIEWER:" + longest).mayView(longest)).isTrue();
        assertThat(rights("TARGET_VIEWER:" + longest + "c").mayViewAny()).as("33 characters").isFalse();
        assertThat(rights("TARGET_VIEWER:-prod").mayViewAny()).as("a leading hyphen").isFalse();
        assertThat(rights("XTARGET_VIEWER:prod-eu").mayViewAny()).isFalse();
        assertThat(rights("TARGET_VIEWER:prod-eu ").mayViewAny()).isFalse();
        assertThat(rights("ROLE_TARGET_VIEWER:prod-eu").mayViewAny()).isFalse();
    }

    /** An authority without text (a complex authority) is no role and no grant. */
    @Test
    void anAuthorityWithoutTextGivesNothing() {
        GrantedAuthority complex = () -> null;

        var rights = TargetRights.of(List.of(complex), HIERARCHY);

        assertThat(rights.mayViewAny()).isFalse();
        assertThat(Role.values()).noneMatch(rights::hasRole);
    }

    /** A token that is not authenticated has no right, whatever authorities it lists. */
    @Test
    void anUnauthenticatedTokenHasNoRight() {
        var unauthenticated = UsernamePasswordAuthenticationToken.unauthenticated("someone", "guess");
        var withAuthorities = new UsernamePasswordAuthenticationToken("someone", "guess",
                AuthorityUtils.createAuthorityList("ROLE_ADMIN", "TARGET_OPERATOR:prod-eu"));
        withAuthorities.setAuthenticated(false);

        assertThat(TargetRights.of(unauthenticated, HIERARCHY).mayViewAny()).isFalse();
        assertThat(TargetRights.of(withAuthorities, HIERARCHY).mayView("prod-eu")).isFalse();
        assertThat(TargetRights.of(withAuthorities, HIERARCHY).hasRole(Role.ADMIN)).isFalse();
        assertThat(TargetRights.of((Authentication) null, HIERARCHY).mayViewAny()).isFalse();
    }

    /** The authority a session carries for a grant is read back as that grant. */
    @Test
    void aGrantsAuthorityIsReadBackAsThatGrant() {
        var operator = TargetRights.authority(new TargetGrant(new TargetName("prod-eu"), Role.OPERATOR));
        var viewer = TargetRights.authority(new TargetGrant(new TargetName("dr-us"), Role.VIEWER));

        assertThat(operator.getAuthority()).isEqualTo("TARGET_OPERATOR:prod-eu");
        var rights = TargetRights.of(List.of(operator, viewer), HIERARCHY);
        assertThat(rights.mayChange("prod-eu")).isTrue();
        assertThat(rights.mayView("dr-us")).isTrue();
        assertThat(rights.mayChange("dr-us")).isFalse();
    }

}
