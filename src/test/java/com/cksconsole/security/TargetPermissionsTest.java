package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;

/**
 * Who may view and change which target: global roles apply to every target (through the
 * role hierarchy), a grant to its target only, OPERATOR includes VIEWER, AUDITOR gives no
 * key store right, nobody signed in has none.
 */
class TargetPermissionsTest {

    private static final TargetName PROD_EU = new TargetName("prod-eu");

    private static final TargetName STAGING_EU = new TargetName("staging-eu");

    private static final TargetName DR_US = new TargetName("dr-us");

    private static final List<TargetName> ALL = List.of(DR_US, PROD_EU, STAGING_EU);

    private final TargetPermissions permissions = new GrantedTargetPermissions(SecurityConfiguration.roleHierarchy());

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
        RequestContextHolder.resetRequestAttributes();
    }

    private static void serving(Map<String, String> pathVariables) {
        var request = new MockHttpServletRequest();
        request.setAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE, pathVariables);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
    }

    @Test
    void theChangeRightOfThePageBeingServedIsThatOfItsTarget() {
        signedInWith("TARGET_OPERATOR:staging-eu");
        assertThat(permissions.mayChangeRequestedTarget()).as("outside a request").isFalse();

        serving(Map.of("target", "staging-eu", "id", "cks-1"));
        assertThat(permissions.mayChangeRequestedTarget()).isTrue();
        serving(Map.of("target", "prod-eu", "id", "cks-1"));
        assertThat(permissions.mayChangeRequestedTarget()).isFalse();
        serving(Map.of("id", "cks-1"));
        assertThat(permissions.mayChangeRequestedTarget()).as("an old URL: a global role only").isFalse();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest()));
        assertThat(permissions.mayChangeRequestedTarget()).as("no path variables at all: a global role only").isFalse();

        signedInWith("ROLE_ADMIN");
        assertThat(permissions.mayChangeRequestedTarget()).isTrue();
        serving(Map.of("id", "cks-1"));
        assertThat(permissions.mayChangeRequestedTarget()).isTrue();
    }

    @Test
    void theRightsAreWorkedOutOncePerRequestAndAgainForAnotherAuthentication() {
        var walks = new AtomicInteger();
        RoleHierarchy hierarchy = SecurityConfiguration.roleHierarchy();
        RoleHierarchy counting = authorities -> {
            walks.incrementAndGet();
            return hierarchy.getReachableGrantedAuthorities(authorities);
        };
        var perRequest = new GrantedTargetPermissions(counting);
        signedInWith("TARGET_OPERATOR:staging-eu");
        serving(Map.of("target", "staging-eu"));

        assertThat(perRequest.mayView(STAGING_EU)).isTrue();
        assertThat(perRequest.mayChange(PROD_EU)).isFalse();
        assertThat(perRequest.visible(ALL)).containsExactly(STAGING_EU);
        assertThat(walks).as("one request, one authentication").hasValue(1);

        signedInWith("ROLE_VIEWER");
        assertThat(perRequest.mayView(PROD_EU)).as("a new authentication is never answered from the old one").isTrue();
        assertThat(perRequest.mayChange(STAGING_EU)).isFalse();
        assertThat(walks).hasValue(2);

        serving(Map.of("target", "staging-eu"));
        perRequest.mayViewAny();
        assertThat(walks).as("the next request works them out again").hasValue(3);
        RequestContextHolder.resetRequestAttributes();
        perRequest.mayViewAny();
        perRequest.mayViewAny();
        assertThat(walks).as("outside a request: every time").hasValue(5);
    }

    private static void signedInWith(String... authorities) {
        var authentication = UsernamePasswordAuthenticationToken.authenticated("someone", null,
                AuthorityUtils.createAuthorityList(authorities));
        SecurityContextHolder.getContext().setAuthentication(authentication);
    }

    @Test
    void aTargetOperatorChangesThatTargetOnlyAndSeesNoOther() {
        signedInWith("TARGET_OPERATOR:staging-eu");

        assertThat(permissions.mayChange(STAGING_EU)).isTrue();
        assertThat(permissions.mayView(STAGING_EU)).as("OPERATOR includes VIEWER").isTrue();
        assertThat(permissions.mayView(PROD_EU)).isFalse();
        assertThat(permissions.mayChange(PROD_EU)).isFalse();
        assertThat(permissions.visible(ALL)).containsExactly(STAGING_EU);
        assertThat(permissions.mayViewAny()).isTrue();
    }

    @Test
    void aTargetViewerSeesThatTargetButChangesNothing() {
        signedInWith("TARGET_VIEWER:prod-eu");

        assertThat(permissions.mayView(PROD_EU)).isTrue();
        assertThat(permissions.mayChange(PROD_EU)).isFalse();
        assertThat(permissions.visible(ALL)).containsExactly(PROD_EU);
    }

    @Test
    void grantsOnSeveralTargetsKeepTheGivenOrder() {
        signedInWith("TARGET_VIEWER:prod-eu", "TARGET_OPERATOR:staging-eu");

        assertThat(permissions.visible(List.of(STAGING_EU, DR_US, PROD_EU))).containsExactly(STAGING_EU, PROD_EU);
        assertThat(permissions.mayChange(STAGING_EU)).isTrue();
        assertThat(permissions.mayChange(PROD_EU)).isFalse();
    }

    @Test
    void aGlobalRoleAndAGrantAddUp() {
        signedInWith("ROLE_VIEWER", "TARGET_OPERATOR:staging-eu");

        assertThat(permissions.visible(ALL)).containsExactlyElementsOf(ALL);
        assertThat(permissions.mayChange(STAGING_EU)).isTrue();
        assertThat(permissions.mayChange(PROD_EU)).isFalse();
    }

    @Test
    void globalRolesApplyToEveryTargetThroughTheHierarchy() {
        signedInWith("ROLE_VIEWER");
        assertThat(permissions.visible(ALL)).containsExactlyElementsOf(ALL);
        assertThat(ALL).noneMatch(permissions::mayChange);

        for (String changer : new String[] { "ROLE_OPERATOR", "ROLE_ADMIN" }) {
            signedInWith(changer);
            assertThat(ALL).as(changer).allMatch(permissions::mayView).allMatch(permissions::mayChange);
        }
    }

    @Test
    void anAuditorHasNoKeyStoreRight() {
        signedInWith("ROLE_AUDITOR");

        assertThat(permissions.visible(ALL)).isEmpty();
        assertThat(permissions.mayViewAny()).isFalse();
        assertThat(permissions.mayChange(PROD_EU)).isFalse();
    }

    @Test
    void nobodySignedInHasNoRight() {
        assertThat(permissions.visible(ALL)).isEmpty();
        assertThat(permissions.mayViewAny()).isFalse();

        SecurityContextHolder.getContext()
            .setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                    AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS", "ROLE_VIEWER")));
        assertThat(permissions.mayView(PROD_EU)).as("an anonymous token never has rights").isFalse();
    }

    @Test
    void aMalformedOrForeignAuthorityGivesNothing() {
        signedInWith("TARGET_ADMIN:prod-eu", "TARGET_OPERATOR:Prod EU", "TARGET_OPERATOR", "OPERATOR:prod-eu");

        assertThat(permissions.mayViewAny()).isFalse();
        assertThat(permissions.mayView(PROD_EU)).isFalse();
    }

    @Test
    void signInGivesOneAuthorityPerGrantBesidesTheRoles() {
        var account = new UserAccount("mixed", "{noop}x", Set.of(Role.AUDITOR), true, false);
        var user = SignedInUser.of(account,
                List.of(new TargetGrant(STAGING_EU, Role.OPERATOR), new TargetGrant(PROD_EU, Role.VIEWER)));

        assertThat(user.getAuthorities()).extracting(GrantedAuthority::getAuthority)
            .containsExactlyInAnyOrder("ROLE_AUDITOR", "TARGET_OPERATOR:staging-eu", "TARGET_VIEWER:prod-eu");
        assertThat(user.roleAuthorities()).as("what the session rights check compares").containsExactly("ROLE_AUDITOR");
        assertThat(Arrays.asList(Role.values())).filteredOn(TargetGrant::grantable)
            .containsExactlyInAnyOrder(Role.VIEWER, Role.OPERATOR);
    }

}
