package com.cksconsole.security;

import java.io.Serial;
import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

import com.cksconsole.audit.AuditedActor;
import com.cksconsole.security.accounts.GroupRoles;

/**
 * The principal of a single-sign-on session: who the provider vouched for, and the rights
 * their groups gave at sign-in.
 *
 * <p>
 * The console identity ({@link #getName()}) is {@code <provider>:<sub>}: the subject is
 * the one claim a provider promises never to reassign or let the user edit, so the
 * requester of an approval, the owner of an edit lock and the audit actor stay the same
 * person whatever name they go by. The display name is shown and recorded beside it,
 * never compared. A subject longer than {@link #MAX_SUBJECT} characters is replaced by
 * its SHA-256 (no provider in common use comes near: Okta, Entra ID, Keycloak and IAM
 * Identity Center use 20 to 43).
 *
 * <p>
 * Its groups are kept so that every request can compare what they give now with what they
 * gave at sign-in ({@link SessionRightsFilter}).
 */
final class SsoUser implements OidcUser, AuditedActor, Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    static final int MAX_SUBJECT = 64;

    /** The audit actor column's width. */
    static final int MAX_AUDIT_NAME = 128;

    private final String provider;

    private final String subject;

    private final String displayName;

    private final List<String> groups;

    private final Set<GrantedAuthority> authorities;

    /** Kept for the provider's end-session endpoint ({@code id_token_hint}) only. */
    private final OidcIdToken idToken;

    SsoUser(String provider, String displayName, List<String> groups, GroupRoles rights, OidcIdToken idToken) {
        this.provider = provider;
        this.subject = idToken.getSubject();
        this.displayName = displayName;
        this.groups = List.copyOf(groups);
        this.authorities = authorities(rights);
        this.idToken = idToken;
    }

    static Set<GrantedAuthority> authorities(GroupRoles rights) {
        return SignedInUser.authorities(rights.roles(), rights.grants());
    }

    /** {@code <provider>:<sub>}, the subject hashed when it is very long. */
    static String consoleName(String provider, String subject) {
        return provider + ":"
                + (subject.length() <= MAX_SUBJECT ? subject : "sha256-" + SignInThrottle.sha256(subject));
    }

    String provider() {
        return provider;
    }

    String displayName() {
        return displayName;
    }

    List<String> groups() {
        return groups;
    }

    /** The authority names this session was signed in with (roles and grants). */
    Set<String> authorityNames() {
        return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
    }

    @Override
    public String getName() {
        return consoleName(provider, subject);
    }

    /**
     * {@code <provider>:<sub> (<display name>)}, cut to the audit column's width: the
     * identity first, so that cutting never loses it.
     */
    @Override
    public String auditName() {
        return auditName(getName(), displayName);
    }

    /**
     * {@code <provider>:<sub> (<display name>)}, cut to the audit column's width: the
     * identity first, so that cutting never loses it.
     */
    static String auditName(String consoleName, String displayName) {
        if (displayName.isEmpty()) {
            return consoleName;
        }
        String full = consoleName + " (" + displayName + ")";
        if (full.length() <= MAX_AUDIT_NAME) {
            return full;
        }
        int room = MAX_AUDIT_NAME - consoleName.length() - " (…)".length();
        if (room <= 0) {
            return consoleName;
        }
        int end = Character.isHighSurrogate(displayName.charAt(room - 1)) ? room - 1 : room;
        return consoleName + " (" + displayName.substring(0, end) + "…)";
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return authorities;
    }

    @Override
    public Map<String, Object> getClaims() {
        return idToken.getClaims();
    }

    @Override
    public @Nullable OidcUserInfo getUserInfo() {
        return null;
    }

    @Override
    public OidcIdToken getIdToken() {
        return idToken;
    }

    @Override
    public Map<String, Object> getAttributes() {
        return idToken.getClaims();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SsoUser user && user.getName().equals(getName());
    }

    @Override
    public int hashCode() {
        return getName().hashCode();
    }

    /** Neither the ID token nor the groups: a log line needs neither. */
    @Override
    public String toString() {
        return "SsoUser[" + getName() + "]";
    }

}
