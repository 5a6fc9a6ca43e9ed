package com.cksconsole.security;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.AuditedActor;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.KnownUsers;
import com.cksconsole.security.accounts.UserAccountRepository;

/**
 * What the audit log needs from the users package: whether a typed user name exists (so
 * that a mistyped password is never recorded as a name), and a record of each sign-in
 * lock, each session ended by a change of its user's rights and each wrong current
 * password on the change-password form.
 */
@Component
class SecurityAuditing implements KnownUsers {

    private static final Logger log = LoggerFactory.getLogger(SecurityAuditing.class);
    static final String UNKNOWN_USER = "(unknown user)";

    private final UserAccountRepository users;

    private final AuditTrail audit;

    SecurityAuditing(UserAccountRepository users, AuditTrail audit) {
        this.users = users;
        this.audit = audit;
    }

    @Override
    public boolean exists(String username) {
        return users.findByUsername(username).isPresent();
    }

    /**
     * Records a lock once the throttle has committed it; a lock is never prevented by the
     * audit log.
     */
    @EventListener
    void locked(SignInLockedEvent event) {
        var intent = AuditIntent.of(SecurityAuditAction.SIGN_IN_LOCKED, AuditTarget.none());
        String key = event.throttleKey();
        if (SignInThrottle.isAccountKey(key)) {
            String name = SignInThrottle.userNameIn(key);
            intent.value("user", name != null && exists(name) ? name : UNKNOWN_USER);
        }
        else {
            intent.value("address", key.substring(key.indexOf(':') + 1));
        }
        intent.value("lockedUntil", event.lockedUntil().toString())
            .value("failures", Integer.toString(event.failures()));
        recordSafely(intent, AuditResult.succeeded());
    }

    /**
     * Records a session ended because its user's rights or password changed, in the
     * context of that session (its user, the roles it had, its hash), which is still the
     * request's when the event is published.
     */
    @EventListener
    void sessionEnded(SessionEndedEvent event) {
        recordSafely(AuditIntent.of(SecurityAuditAction.SESSION_ENDED, AuditTarget.none())
            .value("user", event.username())
            .value("reason", event.reason()), AuditResult.succeeded());
    }

    /**
     * A wrong (or, while throttled, unchecked) current password on the change-password
     * form.
     */
    void currentPasswordRefused(String errorName, String message) {
        recordSafely(AuditIntent.of(SecurityAuditAction.CHANGE_OWN_PASSWORD, AuditTarget.none()),
                AuditResult.failed(errorName, message, null, null));
    }

    /**
     * A single sign-on the console refused: under the identity the provider vouched for
     * when its answer checked out (a user without a role), else under the request's
     * (anonymous) context.
     */
    void singleSignOnRefused(AuditIntent.Builder intent, AuditResult result, @Nullable AuditedActor vouchedFor) {
        recordSafely(intent, result, vouchedFor);
    }

    private void recordSafely(AuditIntent.Builder intent, AuditResult result) {
        recordSafely(intent, result, null);
    }

    /**
     * Security events are recorded but never block what they record; the AUDIT log line
     * is written either way.
     */
    private void recordSafely(AuditIntent.Builder intent, AuditResult result, @Nullable AuditedActor actor) {
        var built = intent.build();
        try {
            if (actor == null) {
                audit.record(built, result);
            }
            else {
                audit.record(built, result, actor);
            }
        }
        catch (AuditUnavailableException e) {
            log.error("The {} event could not be stored in the audit log (the AUDIT log line has it)", built.action());
        }
    }

}
