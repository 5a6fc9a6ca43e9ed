package com.cksconsole.targets;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of targets (accounts and Regions). Stored by name in the
 * audit log (rows, hash chain, exports): never rename a constant, only add new ones, with
 * a name no other feature uses.
 */
public enum TargetAuditAction implements AuditAction {

    ADD_TARGET("Target added"), CHANGE_TARGET("Target changed"), DISABLE_TARGET("Target disabled"),
    ENABLE_TARGET("Target enabled"), CHECK_TARGET("Target checked");

    private final String label;

    TargetAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The targets vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<TargetAuditAction> actions() {
            return List.of(values());
        }

    }

}
