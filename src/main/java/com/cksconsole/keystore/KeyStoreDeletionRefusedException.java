package com.cksconsole.keystore;

/**
 * The console refused a deletion before sending anything to KMS: the store, as described
 * right before, is not DISCONNECTED (KMS deletes only a DISCONNECTED store: KMS API
 * Reference, DeleteCustomKeyStore), it no longer has the name the operator confirmed, or
 * it still holds KMS keys.
 */
public class KeyStoreDeletionRefusedException extends RuntimeException {

    /** Why the deletion was refused. */
    public enum Reason {

        /** The store is not DISCONNECTED. */
        NOT_DISCONNECTED,
        /** The store was renamed since the confirmation page was shown. */
        RENAMED,
        /** The store holds KMS keys (KMS would answer CustomKeyStoreHasCMKsException). */
        HOLDS_KEYS

    }

    private final transient CustomKeyStore current;

    private final Reason reason;

    public KeyStoreDeletionRefusedException(CustomKeyStore current, Reason reason) {
        super("Custom key store " + current.id() + " not deleted: " + reason);
        this.current = current;
        this.reason = reason;
    }

    public CustomKeyStore current() {
        return current;
    }

    public Reason reason() {
        return reason;
    }

}
