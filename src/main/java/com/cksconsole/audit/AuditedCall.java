package com.cksconsole.audit;

/**
 * A change run under audit by {@link AuditTrail#attempt}. It receives the handle of its
 * written intent and may give the outcome itself (with the KMS request ID, error name and
 * message it has).
 */
@FunctionalInterface
public interface AuditedCall<T> {

    T call(AuditRecordHandle audit);

}
