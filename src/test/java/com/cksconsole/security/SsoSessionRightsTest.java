package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import com.cksconsole.security.SsoProperties.LocalSignIn;
import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.targets.TargetName;

/**
 * The session rule for single sign-on: at every request the session's groups are mapped
 * again with the mappings as stored now; any difference, no role at all, or a provider
 * taken out of the configuration ends it. And the local sign-in setting ends the sessions
 * of console accounts it no longer allows.
 */
class SsoSessionRightsTest {

    private static final SsoProperties SSO = new SsoProperties(
            Map.of("idp", new SsoProperties.Provider(URI.create("https://idp.example.com"), "console", "s", null,
                    List.of("openid"), "groups", "name")),
            LocalSignIn.ALL);

    private final List<GroupMapping> signedInWith = List.of(mapping("ops", null, Role.OPERATOR),
            mapping("prod", new TargetName("prod-eu"), Role.VIEWER));

    private final SsoUser session = session(signedInWith, List.of("ops", "prod", "unmapped"));

    @Test
    void unchangedMappingsLetTheSessionGoOn() {
        assertThat(SessionRightsFilter.endReason(session, SSO, signedInWith)).isNull();
    }

    @Test
    void aMappingOfAGroupTheUserDoesNotHaveChangesNothing() {
        var more = new java.util.ArrayList<>(signedInWith);
        more.add(mapping("someone-elses", null, Role.ADMIN));
        assertThat(SessionRightsFilter.endReason(session, SSO, more)).isNull();
    }

    @Test
    void aNewRoleForOneOfTheUsersGroupsEndsTheSession() {
        var more = new java.util.ArrayList<>(signedInWith);
        more.add(mapping("unmapped", null, Role.AUDITOR));
        assertThat(SessionRightsFilter.endReason(session, SSO, more)).isEqualTo("group mappings changed");
    }

    @Test
    void aRemovedPerTargetMappingEndsTheSession() {
        assertThat(SessionRightsFilter.endReason(session, SSO, List.of(signedInWith.get(0))))
            .isEqualTo("group mappings changed");
    }

    @Test
    void noRoleLeftEndsTheSession() {
        assertThat(SessionRightsFilter.endReason(session, SSO, List.of()))
            .isEqualTo("groups no longer mapped to a role");
    }

    @Test
    void aProviderTakenOutOfTheConfigurationEndsTheSession() {
        assertThat(SessionRightsFilter.endReason(session, SsoProperties.off(), signedInWith))
            .isEqualTo("identity provider no longer configured");
    }

    @Test
    void localSignInDecidesWhichAccountsMaySignInWithAPassword() {
        var admin = new UserAccount("ada", "{noop}x", Set.of(Role.ADMIN), true, false);
        var operator = new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR), true, false);
        assertThat(LocalSignIn.ALL.allows(admin)).isTrue();
        assertThat(LocalSignIn.ALL.allows(operator)).isTrue();
        assertThat(LocalSignIn.ADMIN_ONLY.allows(admin)).isTrue();
        assertThat(LocalSignIn.ADMIN_ONLY.allows(operator)).isFalse();
        assertThat(LocalSignIn.NONE.allows(admin)).isFalse();
    }

    @Test
    void aLocalSessionEndsWhenLocalSignInNoLongerAllowsIt() {
        var operator = new UserAccount("otto", "{noop}x", Set.of(Role.OPERATOR), true, false);
        var signedIn = SignedInUser.of(operator, List.of());
        assertThat(SessionRightsFilter.endReason(signedIn, Optional.of(operator), LocalSignIn.ALL)).isNull();
        assertThat(SessionRightsFilter.endReason(signedIn, Optional.of(operator), LocalSignIn.ADMIN_ONLY))
            .isEqualTo("local sign-in no longer allowed");
    }

    private static SsoUser session(List<GroupMapping> mappings, List<String> groups) {
        var token = OidcIdToken.withTokenValue("t")
            .subject("u-1")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60))
            .build();
        return new SsoUser("idp", "Jane", groups, GroupRoles.of(mappings, "idp", groups), token);
    }

    private static GroupMapping mapping(String group, TargetName target, Role role) {
        return new GroupMapping(1, "idp", group, target, role, "admin", Instant.EPOCH);
    }

}
