package com.cksconsole.keystore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * Every custom key store of one account and Region as one complete
 * DescribeCustomKeyStores returned them.
 *
 * @param target the account and Region described
 */
public record KeyStoreSnapshot(KmsTarget target, List<CustomKeyStore> stores, Instant fetchedAt) {

    public KeyStoreSnapshot {
        stores = List.copyOf(stores);
    }

    /** The store, if this snapshot is of its account and Region and holds it. */
    public Optional<CustomKeyStore> find(KeyStoreRef ref) {
        if (!ref.target().equals(target)) {
            return Optional.empty();
        }
        return stores.stream().filter(store -> store.id().equals(ref.keyStoreId())).findFirst();
    }

    /** The reference of one of this snapshot's stores. */
    public KeyStoreRef ref(CustomKeyStore store) {
        return new KeyStoreRef(target, store.id());
    }
}
