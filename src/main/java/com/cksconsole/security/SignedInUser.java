package com.cksconsole.security;

import java.io.Serial;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.UserAccount;

/**
 * The principal of a console session: the user as the password check read them, with the
 * session version of that moment. Read together with the password hash, so that a change
 * made while the password was being checked is still newer than the session
 * ({@link SessionRightsFilter} compares the two at every request).
 */
final class SignedInUser extends User {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long sessionVersion;

    private SignedInUser(String username, String password, boolean enabled,
            Collection<? extends GrantedAuthority> authorities, long sessionVersion) {
        super(username, password, enabled, true, true, true, authorities);
        this.sessionVersion = sessionVersion;
    }

    /**
     * For the password check: with the stored hash, which Spring Security erases after
     * the check. The authorities are the global roles ({@code ROLE_OPERATOR}) and one per
     * grant ({@code TARGET_OPERATOR:staging-eu}, see {@link TargetRights}).
     */
    static SignedInUser of(UserAccount account, List<TargetGrant> grants) {
        return new SignedInUser(account.username(), account.passwordHash(), account.enabled(),
                authorities(account.roles(), grants), account.sessionVersion());
    }

    /**
     * The authorities of global roles and grants, for a console account's session and a
     * single-sign-on session alike.
     */
    static Set<GrantedAuthority> authorities(Set<Role> roles, List<TargetGrant> grants) {
        var authorities = new HashSet<GrantedAuthority>(authorities(roles));
        grants.stream().map(TargetRights::authority).forEach(authorities::add);
        return Set.copyOf(authorities);
    }

    /**
     * The same user with the session version of a change they made themselves in this
     * session.
     */
    SignedInUser withSessionVersion(long version) {
        return new SignedInUser(getUsername(), "", isEnabled(), getAuthorities(), version);
    }

    long sessionVersion() {
        return sessionVersion;
    }

    /** The roles this session was signed in with, as authorities ({@code ROLE_...}). */
    Set<String> roleAuthorities() {
        return getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .filter(authority -> authority != null && authority.startsWith("ROLE_"))
            .collect(Collectors.toSet());
    }

    static Set<String> authorityNames(Set<Role> roles) {
        return roles.stream().map(role -> "ROLE_" + role.name()).collect(Collectors.toSet());
    }

    private static Set<SimpleGrantedAuthority> authorities(Set<Role> roles) {
        return authorityNames(roles).stream().map(SimpleGrantedAuthority::new).collect(Collectors.toSet());
    }

    // equals and hashCode stay User's (by user name): Spring Security compares principals
    // that way.

}
