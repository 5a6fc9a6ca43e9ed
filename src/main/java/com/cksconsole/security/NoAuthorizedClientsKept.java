package com.cksconsole.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Keeps no access or refresh token after a single sign-on: the console signs people in
 * and calls no API of the provider, so a token kept (in the session rows, in memory)
 * would only be something to steal.
 */
class NoAuthorizedClientsKept implements OAuth2AuthorizedClientRepository {

    @Override
    public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String clientRegistrationId,
            @Nullable Authentication principal, HttpServletRequest request) {
        return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient authorizedClient, @Nullable Authentication principal,
            HttpServletRequest request, HttpServletResponse response) {
        // Nothing kept, on purpose.
    }

    @Override
    public void removeAuthorizedClient(String clientRegistrationId, @Nullable Authentication principal,
            HttpServletRequest request, HttpServletResponse response) {
        // Nothing was kept.
    }

}
