package com.cksconsole.security;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;

/**
 * Single sign-on with OpenID Connect (docs/sso.md).
 *
 * @param providers the identity providers, by registration ID (1 to 32 lower-case
 * letters, digits and hyphens; it is part of the callback URL
 * {@code /login/oauth2/code/<id>} and of each user's console identity
 * {@code <id>:<sub>}); none: single sign-on is off
 * @param localSignIn who may still sign in with a console password: {@code all} (the
 * default), {@code admin-only} (accounts holding the ADMIN role: the break-glass path
 * when the identity provider is down) or {@code none}
 */
@ConfigurationProperties("console.sso")
record SsoProperties(@DefaultValue Map<String, Provider> providers, @DefaultValue("all") LocalSignIn localSignIn) {

    /**
     * A registration ID: what Spring Security's callback URL and the console identity
     * hold.
     */
    static final Pattern PROVIDER_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    SsoProperties {
        providers = Map.copyOf(providers);
        for (var entry : providers.entrySet()) {
            if (!PROVIDER_ID.matcher(entry.getKey()).matches()) {
                throw new IllegalArgumentException("console.sso.providers." + entry.getKey()
                        + ": a provider ID is 1 to 32 lower-case letters, digits and hyphens");
            }
        }
        if (providers.isEmpty() && localSignIn != LocalSignIn.ALL) {
            throw new IllegalArgumentException("console.sso.local-sign-in=" + localSignIn.name().toLowerCase()
                    + " needs at least one provider under console.sso.providers: nobody could sign in");
        }
    }

    /** No provider: single sign-on off, every account signs in with its password. */
    static SsoProperties off() {
        return new SsoProperties(Map.of(), LocalSignIn.ALL);
    }

    boolean enabled() {
        return !providers.isEmpty();
    }

    /** Who may sign in with a console password while single sign-on is on. */
    enum LocalSignIn {

        /** Every enabled local account, as without single sign-on. */
        ALL,
        /** Only accounts holding the ADMIN role: a break-glass path. */
        ADMIN_ONLY,
        /** Nobody: the sign-in page offers the identity providers only. */
        NONE;

        /** Whether this account may sign in with its console password. */
        boolean allows(UserAccount account) {
            return switch (this) {
                case ALL -> true;
                case ADMIN_ONLY -> account.roles().contains(Role.ADMIN);
                case NONE -> false;
            };
        }

    }

    /**
     * One OpenID provider.
     *
     * @param issuerUri the issuer; its discovery document
     * ({@code <issuer>/.well-known/openid-configuration}) is read at the first sign-in,
     * not at start-up, so the console starts while the provider is down
     * @param clientId the console's client ID at the provider
     * @param clientSecret the client secret: set it from the environment
     * ({@code CONSOLE_SSO_PROVIDERS_<ID>_CLIENT_SECRET}); never logged or shown
     * @param displayName the button's label on the sign-in page ("Sign in with …");
     * default: the ID
     * @param scopes the scopes asked for; {@code openid} is always among them
     * @param groupsClaim the ID token claim that lists the user's groups (a list of
     * strings, or one string); choose one the user cannot edit
     * @param nameClaim the claim shown as the user's name (display only; identity and
     * rights never come from it)
     */
    record Provider(URI issuerUri, String clientId, @Nullable String clientSecret, @Nullable String displayName,
            @DefaultValue( {
                    "openid", "profile", "email" }) List<String> scopes,
            @DefaultValue("groups") String groupsClaim, @DefaultValue("preferred_username") String nameClaim){

        Provider {
            scopes = scopes.contains("openid") ? List.copyOf(scopes)
                    : java.util.stream.Stream.concat(java.util.stream.Stream.of("openid"), scopes.stream()).toList();
        }

        String label(String id) {
            return displayName == null || displayName.isBlank() ? id : displayName;
        }

        @Override
        public String toString() {
            return "Provider[issuerUri=" + issuerUri + ", clientId=" + clientId + ", clientSecret=<redacted>, scopes="
                    + scopes + ", groupsClaim=" + groupsClaim + ", nameClaim=" + nameClaim + "]";
        }

    }

}
