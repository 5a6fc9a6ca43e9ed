package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.targets.TargetName;

/**
 * Who a single-sign-on user is to the console: {@code <provider>:<sub>} (never the name
 * they go by), their display name cleaned and cut, and the audit actor naming both within
 * the column's 128 characters.
 */
class SsoIdentityTest {

    @Test
    void theConsoleNameIsProviderAndSubject() {
        assertThat(SsoUser.consoleName("keycloak", "7c9e6679-7425-40de-944b-e07fc1f90ae7"))
            .isEqualTo("keycloak:7c9e6679-7425-40de-944b-e07fc1f90ae7");
    }

    @Test
    void aSubjectOf64CharactersIsKeptAndOneOf65IsHashed() {
        String sixtyFour = "s".repeat(64);
        assertThat(SsoUser.consoleName("idp", sixtyFour)).isEqualTo("idp:" + sixtyFour);
        String sixtyFive = "s".repeat(65);
        assertThat(SsoUser.consoleName("idp", sixtyFive)).startsWith("idp:sha256-").hasSize(4 + 7 + 64);
        assertThat(SsoUser.consoleName("idp", sixtyFive)).isNotEqualTo(SsoUser.consoleName("idp", "s".repeat(66)));
    }

    @Test
    void theSameSubjectAtTwoProvidersIsTwoPeople() {
        assertThat(user("a", "123", "Jane")).isNotEqualTo(user("b", "123", "Jane"));
        assertThat(user("a", "123", "Jane")).isEqualTo(user("a", "123", "Jane Renamed"));
    }

    @Test
    void theAuditNameHoldsProviderSubjectAndDisplayName() {
        assertThat(user("keycloak", "u-1", "Jane Doe").auditName()).isEqualTo("keycloak:u-1 (Jane Doe)");
        assertThat(user("keycloak", "u-1", "").auditName()).isEqualTo("keycloak:u-1");
    }

    @Test
    void theAuditNameIsCutAt128CharactersKeepingTheIdentity() {
        String name = "idp:u-1";
        // 128 exactly: kept whole.
        String fits = "d".repeat(128 - name.length() - 3);
        assertThat(SsoUser.auditName(name, fits)).hasSize(128).endsWith(fits + ")");
        // 129: the display name is cut, with an ellipsis, and the identity stays whole.
        String tooLong = fits + "d";
        assertThat(SsoUser.auditName(name, tooLong)).hasSize(128).startsWith(name + " (").endsWith("…)");
    }

    @Test
    void theDisplayNameComesFromTheNameClaimThenNameThenEmailThenSubject() {
        assertThat(SsoUserService.displayName(token(Map.of("preferred_username", "jane", "name", "Jane D")),
                "preferred_username"))
            .isEqualTo("jane");
        assertThat(SsoUserService.displayName(token(Map.of("name", "Jane D", "email", "j@example.com")),
                "preferred_username"))
            .isEqualTo("Jane D");
        assertThat(SsoUserService.displayName(token(Map.of("email", "j@example.com")), "preferred_username"))
            .isEqualTo("j@example.com");
        assertThat(SsoUserService.displayName(token(Map.of()), "preferred_username")).isEqualTo("subject-1");
    }

    @Test
    void theDisplayNameLosesControlAndFormatCharactersAndIsCutAt100() {
        assertThat(SsoUserService.displayName(token(Map.of("name", "Ja\u202Ene\u0000\u2028 Doe")), "name"))
            .isEqualTo("Jane Doe");
        assertThat(SsoUserService.displayName(token(Map.of("name", "x".repeat(100))), "name")).hasSize(100);
        assertThat(SsoUserService.displayName(token(Map.of("name", "x".repeat(101))), "name")).hasSize(100);
        // Never half of a surrogate pair.
        String emoji = "x".repeat(99) + "\uD83D\uDD11";
        assertThat(SsoUserService.displayName(token(Map.of("name", emoji)), "name")).isEqualTo("x".repeat(99));
    }

    @Test
    void groupsAreAListOfStringsOrOneString() {
        assertThat(SsoUserService.groups(List.of("a", "b"))).containsExactly("a", "b");
        assertThat(SsoUserService.groups("only")).containsExactly("only");
        assertThat(SsoUserService.groups(List.of("a", 7, Map.of()))).containsExactly("a");
        assertThat(SsoUserService.groups(42)).isEmpty();
        assertThat(SsoUserService.groups(null)).isEmpty();
    }

    @Test
    void atMost1000GroupsAreKept() {
        var many = java.util.stream.IntStream.range(0, 1001).mapToObj(i -> "g" + i).toList();
        assertThat(SsoUserService.groups(many)).hasSize(1000);
        assertThat(SsoUserService.groups(many.subList(0, 1000))).hasSize(1000);
    }

    @Test
    void aSessionKnowsItsRolesAndGrantsAsAuthorities() {
        var rights = GroupRoles.of(
                List.of(mapping("ops", null, Role.VIEWER),
                        mapping("prod-ops", new TargetName("prod-eu"), Role.OPERATOR)),
                "idp", List.of("ops", "prod-ops"));
        assertThat(SsoUser.authorities(rights).stream().map(a -> a.getAuthority()))
            .containsExactlyInAnyOrder("ROLE_VIEWER", "TARGET_OPERATOR:prod-eu");
    }

    @Test
    void toStringNamesTheIdentityOnly() {
        var user = user("idp", "u-1", "Jane");
        assertThat(user.toString()).isEqualTo("SsoUser[idp:u-1]").doesNotContain("Jane").doesNotContain("token-value");
    }

    @Test
    void aProviderIdIsOneTo32LowerCaseLettersDigitsAndHyphens() {
        assertThat(SsoProperties.PROVIDER_ID.matcher("a").matches()).isTrue();
        assertThat(SsoProperties.PROVIDER_ID.matcher("a".repeat(32)).matches()).isTrue();
        assertThat(SsoProperties.PROVIDER_ID.matcher("a".repeat(33)).matches()).isFalse();
        assertThat(SsoProperties.PROVIDER_ID.matcher("").matches()).isFalse();
        assertThat(SsoProperties.PROVIDER_ID.matcher("Okta").matches()).isFalse();
        assertThat(SsoProperties.PROVIDER_ID.matcher("-okta").matches()).isFalse();
        assertThatThrownBy(() -> new SsoProperties(Map.of("Bad_Id", provider(null)), SsoProperties.LocalSignIn.ALL))
            .hasMessageContaining("1 to 32 lower-case letters");
    }

    @Test
    void localSignInOtherThanAllNeedsAProvider() {
        assertThatThrownBy(() -> new SsoProperties(Map.of(), SsoProperties.LocalSignIn.ADMIN_ONLY))
            .hasMessageContaining("nobody could sign in");
        assertThatThrownBy(() -> new SsoProperties(Map.of(), SsoProperties.LocalSignIn.NONE))
            .hasMessageContaining("nobody could sign in");
        assertThat(new SsoProperties(Map.of(), SsoProperties.LocalSignIn.ALL).enabled()).isFalse();
    }

    @Test
    void openidIsAlwaysAskedForAndTheSecretNeverPrinted() {
        var provider = new SsoProperties.Provider(java.net.URI.create("https://idp.example.com"), "console",
                "the-client-secret-value", null, List.of("profile"), "groups", "preferred_username");
        assertThat(provider.scopes()).containsExactly("openid", "profile");
        assertThat(provider.toString()).doesNotContain("the-client-secret-value").contains("<redacted>");
        assertThat(provider.label("corp")).isEqualTo("corp");
    }

    private static SsoProperties.Provider provider(String secret) {
        return new SsoProperties.Provider(java.net.URI.create("https://idp.example.com"), "console", secret, null,
                List.of("openid"), "groups", "preferred_username");
    }

    static GroupMapping mapping(String group, TargetName target, Role role) {
        return new GroupMapping(1, "idp", group, target, role, "admin", Instant.EPOCH);
    }

    static OidcIdToken token(Map<String, Object> claims) {
        var builder = OidcIdToken.withTokenValue("token-value")
            .subject("subject-1")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60));
        claims.forEach(builder::claim);
        return builder.build();
    }

    static SsoUser user(String provider, String subject, String displayName) {
        var token = OidcIdToken.withTokenValue("token-value")
            .subject(subject)
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60))
            .build();
        return new SsoUser(provider, displayName, List.of("g"),
                new GroupRoles(java.util.Set.of(Role.VIEWER), List.of()), token);
    }

}
