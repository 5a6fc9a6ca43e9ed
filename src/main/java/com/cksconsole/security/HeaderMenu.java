package com.cksconsole.security;

import org.jspecify.annotations.Nullable;
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

    private final @Nullable SsoProviders providers;

    public HeaderMenu(RoleHierarchy hierarchy) {
        this(hierarchy, null);
    }

    HeaderMenu(RoleHierarchy hierarchy, @Nullable SsoProviders providers) {
        this.hierarchy = hierarchy;
        this.providers = providers;
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
                    rights.hasRole(Role.AUDITOR),
                    providers == null ? user.provider() : providers.label(user.provider()));
        }
        return new Items(true, authentication.getName(), rights.mayViewAny(), rights.hasRole(Role.ADMIN),
                rights.hasRole(Role.AUDITOR));
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
