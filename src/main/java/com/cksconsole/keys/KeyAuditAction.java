package com.cksconsole.keys;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of KMS keys in custom key stores. Stored by name in the
 * audit log (rows, hash chain, exports): never rename a constant, only add new ones, with
 * a name no other feature uses.
 */
public enum KeyAuditAction implements AuditAction {

    CREATE_KEY("CreateKey"), ENABLE_KEY("EnableKey"), DISABLE_KEY("DisableKey"),
    SCHEDULE_KEY_DELETION("ScheduleKeyDeletion"), CANCEL_KEY_DELETION("CancelKeyDeletion"),
    /** Encrypt then Decrypt of the console's fixed test plaintext. */
    KEY_ROUND_TRIP("Key round-trip test");

    private final String label;

    KeyAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The key vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<KeyAuditAction> actions() {
            return List.of(values());
        }

    }

}
