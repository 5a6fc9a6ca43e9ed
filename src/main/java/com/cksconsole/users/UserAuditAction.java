package com.cksconsole.users;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of user administration. Stored by name in the audit log
 * (rows, hash chain, exports): never rename a constant, only add new ones, with a name no
 * other feature uses.
 */
public enum UserAuditAction implements AuditAction {

    CREATE_USER("User created"), CHANGE_USER_ROLES("User roles changed"), DISABLE_USER("User disabled"),
    ENABLE_USER("User enabled"), RESET_USER_PASSWORD("User password reset"),
    /** A user was given a role on one target, or their role there changed. */
    USER_TARGET_GRANTED("User target grant given"),
    /** A user's role on one target was taken away. */
    USER_TARGET_REVOKED("User target grant removed"),
    /**
     * A single-sign-on group mapping was added (provider, group, target: none for
     * console-wide, role).
     */
    SSO_GROUP_MAPPING_ADDED("Single sign-on group mapping added"),
    /** A single-sign-on group mapping was removed (the same parameters). */
    SSO_GROUP_MAPPING_REMOVED("Single sign-on group mapping removed");

    private final String label;

    UserAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The user administration vocabulary, for {@link com.cksconsole.audit.AuditActions}.
     */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<UserAuditAction> actions() {
            return List.of(values());
        }

    }

}
