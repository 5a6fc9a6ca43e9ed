package com.cksconsole.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.view.VisibleText;

/**
 * Turns a verified ID token into a console session's principal. Called by Spring
 * Security's OpenID Connect provider only after the token's signature, issuer, audience,
 * expiry and nonce have been checked (OpenID Connect Core 1.0, section 3.1.3.7).
 *
 * <p>
 * Rights come from the configured groups claim of the signed ID token and the group
 * mappings, evaluated now, and from nothing else: not the user info endpoint, not a name
 * or e-mail the user may edit. A user whose groups map to no role is refused.
 */
class SsoUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Beyond this, a groups claim is cut: a session keeps its groups. */
    static final int MAX_GROUPS = 1000;

    static final int MAX_DISPLAY_NAME = 100;

    private final SsoProperties properties;

    private final GroupMappingRepository mappings;

    SsoUserService(SsoProperties properties, GroupMappingRepository mappings) {
        this.properties = properties;
        this.mappings = mappings;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        String providerId = request.getClientRegistration().getRegistrationId();
        var provider = properties.providers().get(providerId);
        if (provider == null) {
            throw new OAuth2AuthenticationException(new OAuth2Error("unknown_provider"));
        }
        OidcIdToken idToken = request.getIdToken();
        List<String> groups = groups(idToken.getClaim(provider.groupsClaim()));
        String displayName = displayName(idToken, provider.nameClaim());
        var rights = GroupRoles.of(mappings.forProvider(providerId), providerId, groups);
        if (rights.none()) {
            throw new SsoRefusedException(providerId, SsoUser.consoleName(providerId, idToken.getSubject()),
                    displayName, groups);
        }
        return new SsoUser(providerId, displayName, groups, rights, idToken);
    }

    /**
     * A list of strings, or one string (some providers send a single group so); anything
     * else gives no group.
     */
    static List<String> groups(@Nullable Object claim) {
        var groups = new ArrayList<String>();
        if (claim instanceof String one) {
            groups.add(one);
        }
        else if (claim instanceof Collection<?> many) {
            for (Object group : many) {
                if (group instanceof String name && groups.size() < MAX_GROUPS) {
                    groups.add(name);
                }
            }
        }
        return List.copyOf(groups);
    }

    /**
     * The name people know the user by: the configured claim, else {@code name}, else
     * {@code email}, else the subject; hidden characters ({@link VisibleText#isHidden})
     * removed and cut to {@value #MAX_DISPLAY_NAME} characters. Shown and recorded, never
     * compared.
     */
    static String displayName(OidcIdToken idToken, String nameClaim) {
        for (String claim : List.of(nameClaim, "name", "email")) {
            if (idToken.getClaim(claim) instanceof String value && !value.isBlank()) {
                return clean(value);
            }
        }
        return clean(idToken.getSubject());
    }

    private static String clean(String value) {
        var cleaned = new StringBuilder();
        value.codePoints()
            .filter(cp -> !Character.isISOControl(cp) && Character.getType(cp) != Character.FORMAT && cp != 0x2028
                    && cp != 0x2029)
            .forEach(cleaned::appendCodePoint);
        String text = cleaned.toString().strip();
        if (text.length() <= MAX_DISPLAY_NAME) {
            return text;
        }
        // Never half a surrogate pair.
        int end = Character.isHighSurrogate(text.charAt(MAX_DISPLAY_NAME - 1)) ? MAX_DISPLAY_NAME - 1
                : MAX_DISPLAY_NAME;
        return text.substring(0, end);
    }

}
