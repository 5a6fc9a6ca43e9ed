package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The URL rules of the target pages ({@link TargetAuthorization}): on {@code /t/{target}}
 * GET and HEAD need the right to view that target and every other method the right to
 * change it; the cross-target pages let in whoever may view some target.
 */
class TargetAuthorizationTest {

    private static final RoleHierarchy HIERARCHY = SecurityConfiguration.roleHierarchy();

    private static final AuthorizationManager<RequestAuthorizationContext> ONE_PER_TARGET = TargetAuthorization
        .onePerTarget(HIERARCHY);

    private static final AuthorizationManager<RequestAuthorizationContext> ANY_TARGET = TargetAuthorization
        .anyTarget(HIERARCHY);

    private static Authentication signedInWith(String... authorities) {
        return UsernamePasswordAuthenticationToken.authenticated("someone", null,
                AuthorityUtils.createAuthorityList(authorities));
    }

    /** Whether a request of this method to {@code /t/<target>} is let through. */
    private static boolean onTarget(Authentication authentication, String method, @Nullable String target) {
        var request = new MockHttpServletRequest(method, "/t/" + target);
        Map<String, String> variables = target == null ? Map.of("id", "cks-1") : Map.of("target", target);
        return ONE_PER_TARGET.authorize(() -> authentication, new RequestAuthorizationContext(request, variables))
            .isGranted();
    }

    private static boolean onAnyTarget(Authentication authentication) {
        var request = new MockHttpServletRequest("GET", "/key-stores");
        return ANY_TARGET.authorize(() -> authentication, new RequestAuthorizationContext(request)).isGranted();
    }

    /** GET and HEAD read: a viewer of the target is let through, on that target only. */
    @Test
    void readingATargetPageNeedsTheRightToViewThatTarget() {
        var viewer = signedInWith("TARGET_VIEWER:prod-eu");

        assertThat(onTarget(viewer, "GET", "prod-eu")).isTrue();
        assertThat(onTarget(viewer, "HEAD", "prod-eu")).isTrue();
        assertThat(onTarget(viewer, "GET", "staging-eu")).isFalse();
        assertThat(onTarget(signedInWith("ROLE_VIEWER"), "GET", "staging-eu")).as("a global viewer").isTrue();
        assertThat(onTarget(signedInWith("ROLE_AUDITOR"), "GET", "prod-eu")).as("an auditor").isFalse();
    }

    /**
     * Every other method changes: a viewer is refused, an operator of the target let
     * through.
     */
    @Test
    void everyOtherMethodNeedsTheRightToChangeThatTarget() {
        var viewer = signedInWith("ROLE_VIEWER", "TARGET_VIEWER:prod-eu");
        var operator = signedInWith("TARGET_OPERATOR:prod-eu");

        for (String method : new String[] { "POST", "PUT", "DELETE", "PATCH", "OPTIONS" }) {
            assertThat(onTarget(viewer, method, "prod-eu")).as(method).isFalse();
            assertThat(onTarget(operator, method, "prod-eu")).as(method).isTrue();
            assertThat(onTarget(operator, method, "staging-eu")).as(method).isFalse();
        }
        assertThat(onTarget(signedInWith("ROLE_OPERATOR"), "POST", "staging-eu")).as("a global operator").isTrue();
        assertThat(onTarget(signedInWith("ROLE_ADMIN"), "DELETE", "staging-eu")).as("an admin").isTrue();
    }

    /** A request matched without a target variable is refused, even to an admin. */
    @Test
    void aRequestWithoutATargetIsRefused() {
        assertThat(onTarget(signedInWith("ROLE_ADMIN"), "GET", null)).isFalse();
    }

    /**
     * The cross-target pages let in whoever may view at least one target, nobody else.
     */
    @Test
    void theCrossTargetPagesNeedTheRightToViewSomeTarget() {
        assertThat(onAnyTarget(signedInWith("TARGET_VIEWER:prod-eu"))).isTrue();
        assertThat(onAnyTarget(signedInWith("ROLE_VIEWER"))).isTrue();
        assertThat(onAnyTarget(signedInWith("ROLE_ADMIN"))).isTrue();
        assertThat(onAnyTarget(signedInWith("ROLE_AUDITOR"))).isFalse();
        assertThat(onAnyTarget(signedInWith())).isFalse();
    }

}
