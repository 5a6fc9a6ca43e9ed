package com.cksconsole.keystore;

import com.cksconsole.kms.KeyStoreRef;

/**
 * DeleteCustomKeyStore (KMS API Reference, DeleteCustomKeyStore), audited like every
 * change (intent written before the KMS call, fail closed; outcome after). The public
 * facade of the keystore module for the delete page.
 */
public interface KeyStoreDeletion {

    /**
     * Deletes a custom key store: takes the store's change lock, describes it afresh,
     * refuses unless it is DISCONNECTED and still has the name the operator confirmed,
     * writes the audit intent, sends DeleteCustomKeyStore, writes the outcome and drops
     * the target's snapshot.
     * @param confirmedName the store's name as the operator typed it on the confirmation
     * page
     * @throws KeyStoreDeletionRefusedException the store is not DISCONNECTED, or was
     * renamed since the page was shown; nothing was sent
     * @throws KeyStoreBusyException a guided change or another change holds the store;
     * nothing was sent
     * @throws ChangeNotSentException the console's database could not take the change
     * lock or record the audit intent; nothing was sent
     * @throws KeyStoreNotFoundException the store is gone (before or during the call)
     * @throws KmsCallException the Describe before sending failed; nothing was sent
     * @throws KeyStoreDeletionFailedException KMS refused or did not answer
     * DeleteCustomKeyStore
     */
    DeletedKeyStore delete(KeyStoreRef ref, String confirmedName, String actor);

}
