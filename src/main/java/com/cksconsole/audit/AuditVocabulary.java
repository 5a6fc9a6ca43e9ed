package com.cksconsole.audit;

import java.util.List;

/**
 * The audit actions of one feature, for the audit pages' filter and labels. Registered as
 * a {@link java.util.ServiceLoader} provider in
 * {@code META-INF/services/com.cksconsole.audit.AuditVocabulary}: the audit module learns
 * every feature's names without depending on the features (they depend on it), and the
 * list is the same in the application and in plain unit tests.
 */
public interface AuditVocabulary {

    /** The feature's actions (usually {@code List.of(SomeAuditAction.values())}). */
    List<? extends AuditAction> actions();

}
