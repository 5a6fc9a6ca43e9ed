package com.cksconsole.security;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.GroupRoles;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.web.DatabaseUnavailable;

/**
 * Rights take effect at once: at every request of a signed-in session, compares what the
 * session was signed in with against the user's row in the database (one primary-key
 * lookup, no cache, so every console instance sees a change at the next request), and
 * ends the session when the user was disabled or removed, their roles changed, or their
 * session version moved on (a password reset or change, or any rights change). The
 * request is not served: it is redirected to the sign-in page, which says why. Roles are
 * not refreshed in place: a session ends at any change of its rights, so that no request
 * ever runs with rights the user no longer has, and the next sign-in starts from what the
 * database says.
 *
 * <p>
 * A single-sign-on session ({@link SsoUser}) has no row: its groups, as at its sign-in,
 * are mapped again with the group mappings as stored now, and it ends when what they give
 * differs from what it was signed in with, or its provider is no longer configured. A
 * console account's session also ends when {@code console.sso.local-sign-in} no longer
 * lets it sign in with a password. Sessions signed in through the password form
 * ({@link SignedInUser}) and through single sign-on are the application's only ways to
 * authenticate. Not a bean, so that Boot does not also register it outside the security
 * chain.
 */
class SessionRightsFilter extends OncePerRequestFilter {

    static final String ENDED_PAGE = "/login?ended";

    private final UserAccountRepository users;

    private final ApplicationEventPublisher events;

    private final @Nullable GroupMappingRepository groupMappings;

    private final SsoProperties sso;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionRightsFilter(UserAccountRepository users, ApplicationEventPublisher events,
            @Nullable GroupMappingRepository groupMappings, SsoProperties sso) {
        this.users = users;
        this.events = events;
        this.groupMappings = groupMappings;
        this.sso = sso;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = contexts.getContext().getAuthentication();
        String reason = null;
        String username = null;
        try {
            if (authentication != null && authentication.getPrincipal() instanceof SignedInUser session) {
                username = session.getUsername();
                reason = endReason(session, users.findByUsername(username), sso.localSignIn());
            }
            else if (authentication != null && authentication.getPrincipal() instanceof SsoUser session) {
                username = session.getName();
                reason = groupMappings == null ? "group mappings unavailable"
                        : endReason(session, sso, groupMappings.forProvider(session.provider()));
            }
        }
        catch (RuntimeException e) {
            // Nothing of this request has run yet: the error page may say that nothing
            // was sent to KMS.
            DatabaseUnavailable.markBeforeAnyKmsCall(request);
            throw e;
        }
        if (reason != null && username != null) {
            // Recorded first, while the ended session is still the request's: the audit
            // names it by its hash.
            events.publishEvent(new SessionEndedEvent(username, reason));
            var httpSession = request.getSession(false);
            if (httpSession != null) {
                httpSession.invalidate();
            }
            contexts.clearContext();
            response.sendRedirect(request.getContextPath() + ENDED_PAGE);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Why a single-sign-on session must end, given the group mappings as stored now;
     * null: it may go on. Its groups are those of its sign-in (the provider is not asked
     * again); what they give is worked out again at every request.
     */
    static @Nullable String endReason(SsoUser session, SsoProperties sso, List<GroupMapping> mappings) {
        if (!sso.providers().containsKey(session.provider())) {
            return "identity provider no longer configured";
        }
        var now = GroupRoles.of(mappings, session.provider(), session.groups());
        if (now.none()) {
            return "groups no longer mapped to a role";
        }
        if (!SsoUser.authorities(now)
            .stream()
            .map(GrantedAuthority::getAuthority)
            .collect(Collectors.toSet())
            .equals(session.authorityNames())) {
            return "group mappings changed";
        }
        return null;
    }

    /**
     * Why a session signed in as {@code session} must end, given the user as stored now;
     * null: it may go on.
     */
    static @Nullable String endReason(SignedInUser session, Optional<UserAccount> stored,
            SsoProperties.LocalSignIn localSignIn) {
        if (stored.isEmpty()) {
            return "account removed";
        }
        var account = stored.get();
        if (!account.enabled()) {
            return "account disabled";
        }
        if (!localSignIn.allows(account)) {
            return "local sign-in no longer allowed";
        }
        if (!SignedInUser.authorityNames(account.roles()).equals(session.roleAuthorities())) {
            return "roles changed";
        }
        if (account.sessionVersion() != session.sessionVersion()) {
            return account.mustChangePassword() ? "password reset by an administrator" : "password or rights changed";
        }
        return null;
    }

    /**
     * Keeps the current session valid after a change its own user made in it (their own
     * password): it takes the new session version, so only the user's other sessions end.
     */
    static void keepCurrentSession(HttpServletRequest request, HttpServletResponse response, long sessionVersion) {
        var contexts = SecurityContextHolder.getContextHolderStrategy();
        var current = contexts.getContext().getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof SignedInUser user)) {
            return;
        }
        var renewed = UsernamePasswordAuthenticationToken.authenticated(user.withSessionVersion(sessionVersion), null,
                current.getAuthorities());
        renewed.setDetails(current.getDetails());
        var context = contexts.createEmptyContext();
        context.setAuthentication(renewed);
        contexts.setContext(context);
        new HttpSessionSecurityContextRepository().saveContext(context, request, response);
    }

}
