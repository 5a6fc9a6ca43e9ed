package com.cksconsole.keystore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every custom key store of the account and Region as one complete DescribeCustomKeyStores returned them. */
public record KeyStoreSnapshot(List<CustomKeyStore> stores, Instant fetchedAt) {

    public KeyStoreSnapshot {
        stores = List.copyOf(stores);
    }

    public Optional<CustomKeyStore> find(String keyStoreId) {
        return stores.stream().filter(store -> store.id().equals(keyStoreId)).findFirst();
    }
}
