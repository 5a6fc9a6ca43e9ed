package com.cksconsole.audit;

/**
 * A principal that the audit log names otherwise than by its user name: a single-sign-on
 * user is recorded as {@code <provider>:<sub> (<display name>)}, so that every event
 * names the identity provider and the subject, which identify the person, together with
 * the name people recognise (docs/sso.md "What the audit log records").
 */
public interface AuditedActor {

    /** The actor as the audit log records it: at most 128 characters. */
    String auditName();

}
