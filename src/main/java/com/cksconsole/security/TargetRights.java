package com.cksconsole.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.ServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;

/**
 * The one rule of who may do what on a target, decided from the authorities of an
 * authentication: the global roles ({@code ROLE_VIEWER}, {@code ROLE_OPERATOR},
 * {@code ROLE_ADMIN}, through the role hierarchy) apply to every target; a grant
 * ({@code TARGET_OPERATOR:prod-eu}, {@code TARGET_VIEWER:prod-eu}) to its target only,
 * OPERATOR including VIEWER. Used by the URL rules ({@link TargetAuthorization}) and the
 * pages' {@link GrantedTargetPermissions}, so both always agree.
 *
 * <p>
 * Target names are compared as written in the URL: a name that is not a valid
 * {@code TargetName} matches no grant (a global role still lets the request through, to
 * the page's own 404).
 */
final class TargetRights {

    static final String PREFIX = "TARGET_";

    private static final Pattern AUTHORITY = Pattern.compile("TARGET_(VIEWER|OPERATOR):([a-z0-9][a-z0-9-]{0,31})");

    private static final TargetRights NONE = new TargetRights(Set.of(), Set.of(), Set.of());

    /** The request attribute remembering the rights of the request's authentication. */
    private static final String REMEMBERED = TargetRights.class.getName();

    /** The global roles reached through the role hierarchy. */
    private final Set<Role> roles;

    /** A global VIEWER or OPERATOR role (OPERATOR includes VIEWER). */
    private final boolean viewEverywhere;

    private final boolean changeEverywhere;

    /** The targets granted by name, VIEWER or OPERATOR (which includes VIEWER). */
    private final Set<String> viewable;

    /** The targets granted by name with OPERATOR. */
    private final Set<String> changeable;

    private TargetRights(Set<Role> roles, Set<String> viewable, Set<String> changeable) {
        this.roles = roles;
        this.viewEverywhere = roles.contains(Role.VIEWER) || roles.contains(Role.OPERATOR);
        this.changeEverywhere = roles.contains(Role.OPERATOR);
        this.viewable = viewable;
        this.changeable = changeable;
    }

    /**
     * The same, worked out once per request: a page asks several times (the URL rule, the
     * header, the chooser, the list), and the role hierarchy is walked each time
     * otherwise. Remembered with the authentication it belongs to, so a request whose
     * authentication changes (sign-in) never sees the rights of the one before.
     */
    static TargetRights of(@Nullable Authentication authentication, RoleHierarchy hierarchy,
            @Nullable ServletRequest request) {
        if (request == null) {
            return of(authentication, hierarchy);
        }
        if (request.getAttribute(REMEMBERED) instanceof Remembered remembered
                && remembered.authentication() == authentication) {
            return remembered.rights();
        }
        TargetRights rights = of(authentication, hierarchy);
        request.setAttribute(REMEMBERED, new Remembered(authentication, rights));
        return rights;
    }

    /** The rights of an authentication; none for nobody or an anonymous visitor. */
    static TargetRights of(@Nullable Authentication authentication, RoleHierarchy hierarchy) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return NONE;
        }
        return of(authentication.getAuthorities(), hierarchy);
    }

    static TargetRights of(Collection<? extends GrantedAuthority> authorities, RoleHierarchy hierarchy) {
        Set<String> reachable = hierarchy.getReachableGrantedAuthorities(authorities)
            .stream()
            .map(GrantedAuthority::getAuthority)
            // A complex authority has no text (null): it is no role and no grant.
            .filter(Objects::nonNull)
            .collect(Collectors.toSet());
        var viewable = new HashSet<String>();
        var changeable = new HashSet<String>();
        for (String authority : reachable) {
            var grant = AUTHORITY.matcher(authority);
            if (grant.matches()) {
                viewable.add(grant.group(2));
                if (grant.group(1).equals(Role.OPERATOR.name())) {
                    changeable.add(grant.group(2));
                }
            }
        }
        var roles = EnumSet.noneOf(Role.class);
        for (Role role : Role.values()) {
            if (reachable.contains("ROLE_" + role.name())) {
                roles.add(role);
            }
        }
        return new TargetRights(Set.copyOf(roles), Set.copyOf(viewable), Set.copyOf(changeable));
    }

    /** A global role, directly or through the role hierarchy (ADMIN includes AUDITOR). */
    boolean hasRole(Role role) {
        return roles.contains(role);
    }

    boolean mayView(String target) {
        return viewEverywhere || viewable.contains(target);
    }

    boolean mayChange(String target) {
        return changeEverywhere || changeable.contains(target);
    }

    /** A global OPERATOR or ADMIN role. */
    boolean mayChangeEverywhere() {
        return changeEverywhere;
    }

    boolean mayViewAny() {
        return viewEverywhere || !viewable.isEmpty();
    }

    /** The authority a session carries for a grant: {@code TARGET_OPERATOR:prod-eu}. */
    static GrantedAuthority authority(TargetGrant grant) {
        return new SimpleGrantedAuthority(PREFIX + grant.role().name() + ":" + grant.target().value());
    }

    private record Remembered(@Nullable Authentication authentication, TargetRights rights) {
    }

}
