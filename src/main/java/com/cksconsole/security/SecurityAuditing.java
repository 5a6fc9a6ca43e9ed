package com.cksconsole.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.audit.AuditUnavailableException;
import com.cksconsole.audit.KnownUsers;

/**
 * What the audit log needs from the users package: whether a typed user name exists (so that a mistyped
 * password is never recorded as a name), and a record of each sign-in lock.
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

    /** Records a lock in the throttle's transaction; a lock is never prevented by the audit log. */
    @EventListener
    void locked(SignInLockedEvent event) {
        var intent = AuditIntent.of(AuditAction.SIGN_IN_LOCKED, AuditTarget.none());
        String key = event.throttleKey();
        if (key.startsWith("user:")) {
            String name = key.substring("user:".length());
            intent.value("user", exists(name) ? name : UNKNOWN_USER);
        } else {
            intent.value("address", key.substring(key.indexOf(':') + 1));
        }
        intent.value("lockedUntil", event.lockedUntil().toString()).value("failures", Integer.toString(event.failures()));
        try {
            audit.record(intent.build(), AuditResult.succeeded());
        } catch (AuditUnavailableException e) {
            log.error("A sign-in lock could not be stored in the audit log (the AUDIT log line has it)");
        }
    }
}
