package com.cksconsole.audit;

import java.util.List;

/**
 * The audit module's own actions: the access events it records from Spring Security's
 * events (sign-in, sign-out, a denial), and what operators do with the log itself
 * (verify, export, checkpoints, secret checks). Stored by name in the audit log (rows,
 * hash chain, exports): never rename a constant, only add new ones, with a name no other
 * feature uses.
 */
public enum AuditLogAction implements AuditAction {

    SIGN_IN("Sign-in"), SIGN_OUT("Sign-out"), ACCESS_DENIED("Access denied"),
    VERIFY_AUDIT_CHAIN("Audit chain verified"), EXPORT_AUDIT_LOG("Audit log exported"),
    CHECK_SECRET_FINGERPRINT("Secret fingerprint checked"), SIGN_AUDIT_CHECKPOINT("Audit checkpoint signed");

    private final String label;

    AuditLogAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The audit module's vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<AuditLogAction> actions() {
            return List.of(values());
        }

    }

}
