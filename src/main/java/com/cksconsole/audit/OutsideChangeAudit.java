package com.cksconsole.audit;

import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Records that a Describe showed a key store changed outside the console (AWS CLI, an
 * SDK, the AWS console): one event (the keystore module names its action) with every
 * changed property from old to new. The actor is {@code system}: the console only saw the
 * change; who made it is in AWS CloudTrail, not here.
 */
@Component
public class OutsideChangeAudit {

    static final String NOTE = "Seen in DescribeCustomKeyStores; not made through this console. "
            + "AWS CloudTrail names who made it.";

    private static final AuditContext OBSERVER = new AuditContext(AuditContext.SYSTEM, List.of(), null, null);

    private final AuditTrail trail;

    OutsideChangeAudit(AuditTrail trail) {
        this.trail = trail;
    }

    /**
     * Joins the caller's transaction, so that the event and the caller's record of the
     * new state commit together.
     * @param action the key store feature's action for a change seen outside the console
     * @param changes plain changes only ({@link AuditParameter#changed}); KMS never
     * returns a secret
     * @throws AuditUnavailableException the event could not be written (the caller's
     * transaction rolls back)
     */
    public void record(AuditAction action, AuditTarget target, List<AuditParameter> changes) {
        var intent = AuditIntent.of(action, target).value("note", NOTE);
        changes.forEach(intent::with);
        trail.record(intent.build(), AuditResult.succeeded(), OBSERVER);
    }

}
