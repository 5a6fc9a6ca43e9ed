package com.cksconsole.audit;

/**
 * What an audit event records, as one feature names it. Each feature owns its vocabulary:
 * an enum implementing this interface, listed by an {@link AuditVocabulary} (see
 * {@link AuditActions}), so that a new operation adds a constant to its own feature's
 * enum and never edits the audit module.
 *
 * <p>
 * Stored by {@link #name()}: the name is written into the audit row, its hash chain's
 * canonical form and every export. Never rename a constant, only add new ones; a name
 * must be unique across all features ({@link AuditActions} refuses to load otherwise).
 */
public interface AuditAction {

    /** The stored name, e.g. {@code UPDATE_CUSTOM_KEY_STORE}. */
    String name();

    /** How the pages show it, e.g. "UpdateCustomKeyStore". */
    String label();

}
