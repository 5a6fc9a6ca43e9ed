package com.cksconsole.security;

import java.io.Serial;
import java.util.List;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/**
 * The provider vouched for the user, but none of their groups gives a role in the
 * console: the sign-in is refused, and the page and the audit log say who it was and
 * which groups they had.
 */
final class SsoRefusedException extends OAuth2AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    static final String NO_CONSOLE_ROLE = "no_console_role";

    private final String provider;

    private final String consoleName;

    private final String displayName;

    private final List<String> groups;

    SsoRefusedException(String provider, String consoleName, String displayName, List<String> groups) {
        super(new OAuth2Error(NO_CONSOLE_ROLE, "None of the user's groups is mapped to a console role", null));
        this.provider = provider;
        this.consoleName = consoleName;
        this.displayName = displayName;
        this.groups = List.copyOf(groups);
    }

    String provider() {
        return provider;
    }

    String consoleName() {
        return consoleName;
    }

    String displayName() {
        return displayName;
    }

    List<String> groups() {
        return groups;
    }

}
