package com.cksconsole.security;

import java.util.List;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.security.accounts.Role;

/**
 * What the page header offers the user reading the page (bean {@code headerMenu}, read
 * once per page by the layout): their name and the sections their roles open. One reading
 * of the request's rights replaces a security expression per menu entry, which every page
 * paid for several times.
 */
public final class HeaderMenu {

    private final RoleHierarchy hierarchy;

    private final List<SsoProviders.SsoProvider> providers;

    public HeaderMenu(RoleHierarchy hierarchy) {
        this(hierarchy, List.of());
    }

    HeaderMenu(RoleHierarchy hierarchy, List<SsoProviders.SsoProvider> providers) {
        this.hierarchy = hierarchy;
        this.providers = List.copyOf(providers);
    }

    /** The menu of the signed-in user; {@link Items#NONE} for a visitor. */
    public Items forCurrentUser() {
        var authentication = SecurityContextHolder.getContextHolderStrategy().getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return Items.NONE;
        }
        var rights = GrantedTargetPermissions.current(hierarchy);
        if (authentication.getPrincipal() instanceof SsoUser user) {
            return new Items(true, user.displayName(), rights.mayViewAny(), rights.hasRole(Role.ADMIN),
                    rights.hasRole(Role.AUDITOR), label(user.provider()));
        }
        return new Items(true, authentication.getName(), rights.mayViewAny(), rights.hasRole(Role.ADMIN),
                rights.hasRole(Role.AUDITOR));
    }

    private String label(String provider) {
        return providers.stream()
            .filter(known -> known.id().equals(provider))
            .map(SsoProviders.SsoProvider::displayName)
            .findFirst()
            .orElse(provider);
    }

    /**
     * @param signedIn whether anyone is signed in (nothing else is offered otherwise)
     * @param userName the signed-in user's name, empty for a visitor
     * @param keyStores the key store list: a global role or a grant on at least one
     * target
     * @param administration Users and Targets (ADMIN)
     * @param auditLog the audit log (AUDITOR, which ADMIN includes)
     * @param identityProvider the provider a single-sign-on user signed in with (its
     * label); empty for a console account, which alone has a password to change
     */
    public record Items(boolean signedIn, String userName, boolean keyStores, boolean administration, boolean auditLog,
            String identityProvider) {

        static final Items NONE = new Items(false, "", false, false, false);

        /** A console account's menu. */
        public Items(boolean signedIn, String userName, boolean keyStores, boolean administration, boolean auditLog) {
            this(signedIn, userName, keyStores, administration, auditLog, "");
        }

        public boolean singleSignOn() {
            return !identityProvider.isEmpty();
        }

    }

}
