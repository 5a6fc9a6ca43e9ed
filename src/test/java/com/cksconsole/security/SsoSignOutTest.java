package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.security.accounts.Role;

/**
 * Where sign-out leads: the console's sign-in page, or, when asked, the provider's
 * end-session endpoint, but only on an origin the pages' policy lets a form lead to (a
 * browser would block any other, and leave the user on a page that did nothing).
 */
class SsoSignOutTest {

    private static final String ISSUER = "https://idp.example.com";

    @Test
    void aPlainSignOutLeadsToTheSignInPage() throws Exception {
        var response = signOut(ISSUER + "/logout", false);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?signedOut");
    }

    @Test
    void signingOutOfTheProviderTooLeadsToItsEndSessionEndpointWithTheIdTokenAsHint() throws Exception {
        var response = signOut(ISSUER + "/logout", true);
        assertThat(response.getRedirectedUrl()).startsWith(ISSUER + "/logout?id_token_hint=the-id-token")
            .contains("post_logout_redirect_uri=http://localhost/login?signedOut");
    }

    @Test
    void anEndSessionEndpointOnAnotherOriginIsNotFollowed() throws Exception {
        var response = signOut("https://logout.elsewhere.example.com/end", true);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?signedOut&providerKept");
    }

    @Test
    void aProviderWithoutEndSessionEndpointLeavesTheUserSignedInThereAndSaysSo() throws Exception {
        var response = signOut(null, true);
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?signedOut&providerKept");
    }

    private static MockHttpServletResponse signOut(@Nullable String endSession, boolean alsoProvider) throws Exception {
        var registrations = new FixedRegistrations(endSession);
        var handler = new SsoSignOut(registrations, List.of(ISSUER));
        var request = new MockHttpServletRequest("POST", "/logout");
        if (alsoProvider) {
            request.setParameter(SsoSignOut.ALSO_PROVIDER, "true");
        }
        var response = new MockHttpServletResponse();
        var token = OidcIdToken.withTokenValue("the-id-token")
            .subject("u-1")
            .issuedAt(Instant.EPOCH)
            .expiresAt(Instant.EPOCH.plusSeconds(60))
            .build();
        var user = new SsoUser("idp", "Jane", List.of("g"), new GroupRoles(Set.of(Role.VIEWER), List.of()), token);
        handler.onLogoutSuccess(request, response, new OAuth2AuthenticationToken(user, user.getAuthorities(), "idp"));
        return response;
    }

    /** A provider as its discovery document would describe it, without the network. */
    private static final class FixedRegistrations extends SsoClientRegistrations {

        private final ClientRegistration registration;

        FixedRegistrations(@Nullable String endSession) {
            super(SsoProperties.off());
            this.registration = ClientRegistration.withRegistrationId("idp")
                .clientId("console")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("{baseUrl}/login/oauth2/code/idp")
                .authorizationUri(ISSUER + "/authorize")
                .tokenUri(ISSUER + "/token")
                .providerConfigurationMetadata(
                        endSession == null ? Map.of() : Map.of(SsoClientRegistrations.END_SESSION_ENDPOINT, endSession))
                .build();
        }

        @Override
        Optional<ClientRegistration> resolve(String id) {
            return Optional.of(registration);
        }

    }

}
