package com.cksconsole.health.credentials;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of monitoring credentials: the store and the access key ID,
 * never the secret. Stored by name in the audit log (rows, hash chain, exports): never
 * rename a constant, only add new ones, with a name no other feature uses.
 */
public enum HealthCredentialAuditAction implements AuditAction {

    MONITORING_CREDENTIAL_SET("Monitoring credential set"),
    MONITORING_CREDENTIAL_REMOVED("Monitoring credential removed");

    private final String label;

    HealthCredentialAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The monitoring credential vocabulary, for
     * {@link com.cksconsole.audit.AuditActions}.
     */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<HealthCredentialAuditAction> actions() {
            return List.of(values());
        }

    }

}
