package com.cksconsole.keystore;

/**
 * Another change of the key store is under way (a guided change, or a plain edit being
 * applied right now), so this one was refused before anything was sent to KMS.
 */
public class KeyStoreBusyException extends RuntimeException {

    private final StoreLockHolder holder;

    public KeyStoreBusyException(StoreLockHolder holder) {
        super("Custom key store " + holder.storeId() + " is being changed "
                + (holder.runId() == null ? "by a plain edit" : "by guided change " + holder.runId()));
        this.holder = holder;
    }

    public StoreLockHolder holder() {
        return holder;
    }

}
