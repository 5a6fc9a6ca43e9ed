package com.cksconsole.health.credentials;

import com.cksconsole.audit.AuditIntent;

/**
 * Records a change of a monitoring credential in the audit log, joining the caller's
 * transaction (production: {@code AuditTrail.record} with a succeeded result).
 */
@FunctionalInterface
interface CredentialAudit {

    void record(AuditIntent intent);

}
