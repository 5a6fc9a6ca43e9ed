package com.cksconsole.security;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the security module records itself: a locked sign-in, a session ended by the
 * console, a user's own password change. Stored by name in the audit log (rows, hash
 * chain, exports): never rename a constant, only add new ones, with a name no other
 * feature uses.
 */
public enum SecurityAuditAction implements AuditAction {

    SIGN_IN_LOCKED("Sign-in locked"), SESSION_ENDED("Session ended"), CHANGE_OWN_PASSWORD("Own password changed");

    private final String label;

    SecurityAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The security vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<SecurityAuditAction> actions() {
            return List.of(values());
        }

    }

}
