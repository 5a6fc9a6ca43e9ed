package com.cksconsole.rotation;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of credential rotations: every step, with the run ID and
 * both access key IDs, never a secret (the new one appears only as its keyed
 * fingerprint). The UpdateCustomKeyStore of step 4 is audited by the keystore module as
 * every update is. Stored by name: never rename a constant, only add new ones.
 */
public enum RotationAuditAction implements AuditAction {

    CREDENTIAL_ROTATION_STARTED("Credential rotation started"),
    CREDENTIAL_ROTATION_FILE_DOWNLOADED("Credential rotation: proxy configuration file downloaded"),
    CREDENTIAL_ROTATION_INSTALLED("Credential rotation: new credential installed on the proxy"),
    CREDENTIAL_ROTATION_PROVED("Credential rotation: the proxy accepts the new credential"),
    CREDENTIAL_ROTATION_KMS_UPDATED("Credential rotation: KMS uses the new credential"),
    CREDENTIAL_ROTATION_SOAK_FAILED("Credential rotation: a check failed while KMS moved over"),
    CREDENTIAL_ROTATION_SOAK_PASSED("Credential rotation: KMS moved over"),
    CREDENTIAL_ROTATION_WATCH_AGAIN("Credential rotation: watching again"),
    CREDENTIAL_ROTATION_WAITING("Credential rotation: waiting"),
    CREDENTIAL_ROTATION_NEEDS_SECRET("Credential rotation: the new secret is needed again"),
    CREDENTIAL_ROTATION_SECRET_GIVEN("Credential rotation: new secret given again"),
    CREDENTIAL_ROTATION_RETIRE_REFUSED("Credential rotation: retirement not confirmed"),
    CREDENTIAL_ROTATION_COMPLETED("Credential rotation completed"),
    CREDENTIAL_ROTATION_CANCELLED("Credential rotation cancelled"),
    CREDENTIAL_ROTATION_FAILED("Credential rotation failed"),
    CREDENTIAL_ROTATION_LEFT_BOTH_ACTIVE("Credential rotation stopped with both credentials active");

    private final String label;

    RotationAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The rotation vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<RotationAuditAction> actions() {
            return List.of(values());
        }

    }

}
