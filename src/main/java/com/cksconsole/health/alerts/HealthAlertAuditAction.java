package com.cksconsole.health.alerts;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of health alerts: the store, the level change and its
 * reasons; for a failed delivery the webhook's name, never its URL. Stored by name in the
 * audit log (rows, hash chain, exports): never rename a constant, only add new ones, with
 * a name no other feature uses.
 */
public enum HealthAlertAuditAction implements AuditAction {

    /** A store entered or left "at risk" or "failing": an alert was raised. */
    HEALTH_ALERT_RAISED("Health alert raised"),
    /** Every attempt to send an alert to one webhook failed. */
    HEALTH_ALERT_DELIVERY_FAILED("Health alert delivery failed");

    private final String label;

    HealthAlertAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The health alert vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<HealthAlertAuditAction> actions() {
            return List.of(values());
        }

    }

}
