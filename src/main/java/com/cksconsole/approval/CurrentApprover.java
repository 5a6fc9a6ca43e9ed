package com.cksconsole.approval;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;

/**
 * The signed-in user as an {@link Approver} of a target, from the current request's
 * authentication (refreshed by the session rules at every request, so a revoked right
 * counts at once).
 */
public class CurrentApprover {

    private static final String ADMIN = "ROLE_ADMIN";

    private final TargetPermissions permissions;

    CurrentApprover(TargetPermissions permissions) {
        this.permissions = permissions;
    }

    /** The user with their rights on {@code target} (a malformed name: no rights). */
    public Approver on(String target) {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return new Approver("", false, false);
        }
        boolean mayChange = TargetName.isValid(target) && permissions.mayChange(new TargetName(target));
        boolean admin = authentication.getAuthorities().stream().anyMatch(a -> ADMIN.equals(a.getAuthority()));
        return new Approver(authentication.getName(), mayChange, admin);
    }

}
