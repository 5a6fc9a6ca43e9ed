package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The header offers each section to whoever the section's URL rules let in: Key stores to
 * a global role or any target grant, Users and Targets to ADMIN, the audit log to AUDITOR
 * (which ADMIN includes); nothing, not even a name, to a visitor.
 */
class HeaderMenuTest {

    private final HeaderMenu menu = new HeaderMenu(SecurityConfiguration.roleHierarchy());

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aVisitorIsOfferedNothing() {
        assertThat(menu.forCurrentUser()).isEqualTo(HeaderMenu.Items.NONE);
        SecurityContextHolder.getContext()
            .setAuthentication(new AnonymousAuthenticationToken("key", "anonymousUser",
                    AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
        assertThat(menu.forCurrentUser()).isEqualTo(HeaderMenu.Items.NONE);
    }

    @Test
    void anAdministratorIsOfferedEverySection() {
        signedInAs("ada", "ROLE_ADMIN");
        assertThat(menu.forCurrentUser()).isEqualTo(new HeaderMenu.Items(true, "ada", true, true, true));
    }

    @Test
    void anOperatorOrViewerIsOfferedTheKeyStoresOnly() {
        signedInAs("otto", "ROLE_OPERATOR");
        assertThat(menu.forCurrentUser()).isEqualTo(new HeaderMenu.Items(true, "otto", true, false, false));
        signedInAs("vera", "ROLE_VIEWER");
        assertThat(menu.forCurrentUser()).isEqualTo(new HeaderMenu.Items(true, "vera", true, false, false));
    }

    @Test
    void anAuditorIsOfferedTheAuditLogAndNoKeyStores() {
        signedInAs("aud", "ROLE_AUDITOR");
        assertThat(menu.forCurrentUser()).isEqualTo(new HeaderMenu.Items(true, "aud", false, false, true));
    }

    @Test
    void aGrantOnOneTargetOffersTheKeyStores() {
        signedInAs("sam", "ROLE_AUDITOR", "TARGET_VIEWER:staging-eu");
        assertThat(menu.forCurrentUser()).isEqualTo(new HeaderMenu.Items(true, "sam", true, false, true));
    }

    private static void signedInAs(String name, String... authorities) {
        SecurityContextHolder.getContext()
            .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(name, null,
                    AuthorityUtils.createAuthorityList(authorities)));
    }

}
