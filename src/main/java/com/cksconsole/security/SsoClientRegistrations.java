package com.cksconsole.security;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.stereotype.Component;

/**
 * The identity providers as Spring Security's OAuth 2.0 client needs them, each read from
 * its issuer's discovery document ({@code /.well-known/openid-configuration}, OpenID
 * Connect Discovery 1.0) at its first use rather than at start-up: the console starts,
 * and its local break-glass sign-in works, while a provider is down. A provider that
 * answered is remembered for the life of the instance; one that did not is asked again at
 * the next sign-in.
 *
 * <p>
 * Every registration asks for PKCE ({@code requireProofKey}, RFC 7636) as well as
 * authenticating with its client secret, and takes the user's name attribute from
 * {@code sub}.
 */
@Component
class SsoClientRegistrations implements ClientRegistrationRepository {

    private static final Logger log = LoggerFactory.getLogger(SsoClientRegistrations.class);

    static final String END_SESSION_ENDPOINT = "end_session_endpoint";

    private final SsoProperties properties;

    private final ConcurrentMap<String, ClientRegistration> resolved = new ConcurrentHashMap<>();

    SsoClientRegistrations(SsoProperties properties) {
        this.properties = properties;
    }

    /**
     * Null for an unknown provider, or one whose discovery document cannot be read now.
     */
    @Override
    public @Nullable ClientRegistration findByRegistrationId(String registrationId) {
        return resolve(registrationId).orElse(null);
    }

    Optional<ClientRegistration> resolve(String id) {
        var known = resolved.get(id);
        if (known != null) {
            return Optional.of(known);
        }
        var provider = properties.providers().get(id);
        if (provider == null) {
            return Optional.empty();
        }
        try {
            var registration = registration(id, provider);
            resolved.putIfAbsent(id, registration);
            return Optional.of(registration);
        }
        catch (RuntimeException unreachable) {
            // The issuer and the failure's kind only: the client secret is in the
            // registration, never in the discovery request.
            log.warn("Identity provider {} ({}) cannot be read now: {}", id, provider.issuerUri(),
                    unreachable.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The provider's end-session endpoint (RP-Initiated Logout 1.0), when it has one. */
    Optional<String> endSessionEndpoint(String id) {
        return resolve(id)
            .map(registration -> registration.getProviderDetails().getConfigurationMetadata().get(END_SESSION_ENDPOINT))
            .map(Object::toString);
    }

    private static ClientRegistration registration(String id, SsoProperties.Provider provider) {
        var builder = ClientRegistrations.fromIssuerLocation(provider.issuerUri().toString())
            .registrationId(id)
            .clientName(provider.label(id))
            .clientId(provider.clientId())
            .scope(provider.scopes())
            .userNameAttributeName(IdTokenClaimNames.SUB)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build());
        String secret = provider.clientSecret();
        if (secret == null || secret.isEmpty()) {
            builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
        }
        else {
            builder.clientSecret(secret);
        }
        return builder.build();
    }

}
