package com.cksconsole.keystore;

import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;

/**
 * One change at a time per key store, enforced in the database so that it holds across
 * console instances: a guided change takes its store for its whole life (in the
 * transaction that creates it, released in the one that ends it), a plain edit for the
 * moment it is applied. A second change of the same store is refused with the
 * {@link StoreLockHolder} of the first.
 */
public interface StoreChangeLocks {

    /** Who holds the store now, if anyone. */
    Optional<StoreLockHolder> holder(KeyStoreRef store);

    /**
     * Takes the store for a plain edit being applied now.
     * @throws KeyStoreBusyException when a guided change or another edit holds it
     */
    StoreLockHolder acquireForEdit(KeyStoreRef store, String user);

    /** Releases a plain edit's hold (a no-op when it is no longer held by that edit). */
    void releaseEdit(StoreLockHolder hold);

    /**
     * Takes the store for a guided change. Call it inside the transaction that creates
     * the run, so that both commit or neither does.
     * @throws KeyStoreBusyException when another guided change or an edit holds it
     */
    void acquireForRun(KeyStoreRef store, String runId, String user);

    /**
     * Releases a guided change's hold; call it inside the transaction that ends the run.
     */
    void releaseRun(KeyStoreRef store, String runId);

}
