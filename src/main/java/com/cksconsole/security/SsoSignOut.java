package com.cksconsole.security;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;

/**
 * Where sign-out leads. Sign-out always ends the console session. A single-sign-on user
 * who also asked to leave their provider ({@code provider=true}, the header's second
 * button) is sent to the provider's end-session endpoint (OpenID Connect RP-Initiated
 * Logout 1.0) with their ID token as the hint, and comes back to the sign-in page. A
 * provider without such an endpoint, or with one on an origin the pages' policy does not
 * let a form lead to (its issuer's, see {@link SecurityConfiguration#formActionOrigins}),
 * leaves them signed in there, and the sign-in page says so, rather than a redirect the
 * browser would block.
 */
class SsoSignOut implements LogoutSuccessHandler {

    static final String SIGNED_OUT = "/login?signedOut";

    static final String PROVIDER_KEPT = "/login?signedOut&providerKept";

    static final String ALSO_PROVIDER = "provider";

    private final @Nullable OidcClientInitiatedLogoutSuccessHandler atProvider;

    private final @Nullable SsoClientRegistrations registrations;

    private final List<String> allowedOrigins;

    /**
     * @param registrations null: single sign-on is not part of this application
     * @param allowedOrigins where the pages' policy lets a form's answer lead
     */
    SsoSignOut(@Nullable SsoClientRegistrations registrations, List<String> allowedOrigins) {
        this.registrations = registrations;
        this.allowedOrigins = List.copyOf(allowedOrigins);
        if (registrations == null) {
            this.atProvider = null;
            return;
        }
        var handler = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        handler.setPostLogoutRedirectUri("{baseUrl}" + SIGNED_OUT);
        // Used when the provider has no end-session endpoint.
        handler.setDefaultTargetUrl(PROVIDER_KEPT);
        this.atProvider = handler;
    }

    @Override
    public void onLogoutSuccess(HttpServletRequest request, HttpServletResponse response,
            @Nullable Authentication authentication) throws IOException, ServletException {
        if (atProvider != null && registrations != null && authentication != null
                && authentication.getPrincipal() instanceof SsoUser user
                && "true".equals(request.getParameter(ALSO_PROVIDER))) {
            boolean reachable = registrations.endSessionEndpoint(user.provider())
                .flatMap(endpoint -> SecurityConfiguration.origin(URI.create(endpoint)))
                .filter(allowedOrigins::contains)
                .isPresent();
            if (reachable) {
                atProvider.onLogoutSuccess(request, response, authentication);
            }
            else {
                response.sendRedirect(request.getContextPath() + PROVIDER_KEPT);
            }
            return;
        }
        response.sendRedirect(request.getContextPath() + SIGNED_OUT);
    }

}
