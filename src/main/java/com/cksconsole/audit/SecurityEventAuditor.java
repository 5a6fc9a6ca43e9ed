package com.cksconsole.audit;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Records Spring Security's events: sign-in success and failure, sign-out, and access
 * denied.
 *
 * <p>
 * Sign-in success is taken from {@link InteractiveAuthenticationSuccessEvent} rather than
 * {@code AuthenticationSuccessEvent}: the latter fires before the session is replaced
 * (session fixation protection), so its session hash would name a session that is
 * discarded a moment later, and could not be matched with the user's later events.
 *
 * <p>
 * A failed sign-in records the attempted user name only when such a user exists: people
 * type passwords into the user name field, and the log must not keep them. An unknown
 * name is recorded as a keyed fingerprint, so that repeated attempts with the same name
 * can still be correlated.
 */
@Component
class SecurityEventAuditor {

    static final String UNKNOWN_USER = "(unknown user)";

    private static final Logger log = LoggerFactory.getLogger(SecurityEventAuditor.class);

    private static final int MAX_USERNAME_LENGTH = 64;

    private final AuditTrail trail;

    private final AuditContextResolver contexts;

    private final SecretFingerprinter fingerprinter;

    private final ObjectProvider<KnownUsers> users;

    SecurityEventAuditor(AuditTrail trail, AuditContextResolver contexts, SecretFingerprinter fingerprinter,
            ObjectProvider<KnownUsers> users) {
        this.trail = trail;
        this.contexts = contexts;
        this.fingerprinter = fingerprinter;
        this.users = users;
    }

    @EventListener
    void signedIn(InteractiveAuthenticationSuccessEvent event) {
        var user = event.getAuthentication();
        safely(AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none()).build(), AuditResult.succeeded(),
                contexts.forActor(AuditContextResolver.actorOf(user), AuditContextResolver.roles(user)));
    }

    @EventListener
    void signInFailed(AbstractAuthenticationFailureEvent event) {
        var attempted = event.getAuthentication().getName();
        var intent = AuditIntent.of(AuditLogAction.SIGN_IN, AuditTarget.none());
        String actor;
        if (isKnownUser(attempted)) {
            actor = attempted;
        }
        else {
            actor = UNKNOWN_USER;
            intent.value("attemptedNameFingerprint", fingerprinter.fingerprint(attempted == null ? "" : attempted));
        }
        String reason = event.getException().getClass().getSimpleName().replace("Exception", "");
        safely(intent.build(), AuditResult.failed(reason, "Sign-in refused", null, null),
                contexts.forActor(actor, List.of()));
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        var user = event.getAuthentication();
        safely(AuditIntent.of(AuditLogAction.SIGN_OUT, AuditTarget.none()).build(), AuditResult.succeeded(),
                contexts.forActor(AuditContextResolver.actorOf(user), AuditContextResolver.roles(user)));
    }

    /**
     * A signed-in user was refused a page or action for their role. Anonymous visitors
     * are not recorded here: they are sent to the sign-in page, which is not a refusal.
     */
    @EventListener
    void accessDenied(AuthorizationDeniedEvent<?> event) {
        Authentication user = event.getAuthentication().get();
        if (user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated()) {
            return;
        }
        var intent = AuditIntent.of(AuditLogAction.ACCESS_DENIED, AuditTarget.none());
        if (event.getObject() instanceof HttpServletRequest request) {
            intent.value("method", request.getMethod()).value("path", path(request));
        }
        else {
            var request = AuditContextResolver.currentRequest();
            if (request != null) {
                intent.value("method", request.getMethod()).value("path", path(request));
            }
        }
        safely(intent.build(), AuditResult.denied("The user's roles do not allow this"),
                contexts.forActor(AuditContextResolver.actorOf(user), AuditContextResolver.roles(user)));
    }

    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    private boolean isKnownUser(@Nullable String name) {
        if (name == null || name.isBlank() || name.length() > MAX_USERNAME_LENGTH) {
            return false;
        }
        var directory = users.getIfUnique();
        if (directory == null) {
            return false;
        }
        try {
            return directory.exists(name);
        }
        catch (RuntimeException unavailable) {
            return false;
        }
    }

    /**
     * Security events are recorded but never block a sign-in; the AUDIT log line is
     * written either way.
     */
    private void safely(AuditIntent intent, AuditResult result, AuditContext context) {
        try {
            trail.record(intent, result, context);
        }
        catch (AuditUnavailableException e) {
            log.error("The {} event could not be stored in the audit log (the AUDIT log line has it)", intent.action());
        }
    }

}
