package com.cksconsole.security;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

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
 * Only sessions signed in through the console's sign-in ({@link SignedInUser} principals)
 * are checked: it is the application's only way to authenticate. Not a bean, so that Boot
 * does not also register it outside the security chain.
 */
class SessionRightsFilter extends OncePerRequestFilter {

    static final String ENDED_PAGE = "/login?ended";

    private final UserAccountRepository users;

    private final ApplicationEventPublisher events;

    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    SessionRightsFilter(UserAccountRepository users, ApplicationEventPublisher events) {
        this.users = users;
        this.events = events;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var authentication = contexts.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof SignedInUser session) {
            Optional<UserAccount> stored;
            try {
                stored = users.findByUsername(session.getUsername());
            }
            catch (RuntimeException e) {
                // Nothing of this request has run yet: the error page may say that
                // nothing was sent to KMS.
                DatabaseUnavailable.markBeforeAnyKmsCall(request);
                throw e;
            }
            String reason = endReason(session, stored);
            if (reason != null) {
                // Recorded first, while the ended session is still the request's: the
                // audit names it by its hash.
                events.publishEvent(new SessionEndedEvent(session.getUsername(), reason));
                var httpSession = request.getSession(false);
                if (httpSession != null) {
                    httpSession.invalidate();
                }
                contexts.clearContext();
                response.sendRedirect(request.getContextPath() + ENDED_PAGE);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Why a session signed in as {@code session} must end, given the user as stored now;
     * null: it may go on.
     */
    static @Nullable String endReason(SignedInUser session, Optional<UserAccount> stored) {
        if (stored.isEmpty()) {
            return "account removed";
        }
        var account = stored.get();
        if (!account.enabled()) {
            return "account disabled";
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
