package com.cksconsole.support;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetPermissions;

/**
 * {@link TargetPermissions} from global roles only (no grants), for slice tests of the
 * key store pages, which have no {@code security} module: VIEWER sees every target,
 * OPERATOR and ADMIN change every target.
 */
public final class GlobalRoleTargetPermissions implements TargetPermissions {

    private static boolean has(String... roles) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null) {
            return false;
        }
        Set<String> wanted = Set.of(roles);
        return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).anyMatch(wanted::contains);
    }

    @Override
    public boolean mayView(TargetName target) {
        return mayViewAny();
    }

    @Override
    public boolean mayChange(TargetName target) {
        return mayChangeRequestedTarget();
    }

    @Override
    public boolean mayChangeRequestedTarget() {
        return has("ROLE_OPERATOR", "ROLE_ADMIN");
    }

    @Override
    public boolean mayViewAny() {
        return has("ROLE_VIEWER", "ROLE_OPERATOR", "ROLE_ADMIN");
    }

    @Override
    public List<TargetName> visible(Collection<TargetName> targets) {
        return mayViewAny() ? List.copyOf(targets) : List.of();
    }

}
