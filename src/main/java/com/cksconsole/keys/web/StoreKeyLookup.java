package com.cksconsole.keys.web;

import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KeyStoreRef;

/** The store and key a keys page is about, or its 404. */
@Component
class StoreKeyLookup {

    /**
     * A key ID of a key in a custom key store: a UUID (KMS API Reference, KeyMetadata).
     */
    private static final Pattern KEY_ID = Pattern
        .compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final KeyStoreReads reads;

    private final KeyInventory inventory;

    StoreKeyLookup(KeyStoreReads reads, KeyInventory inventory) {
        this.reads = reads;
        this.inventory = inventory;
    }

    /** The store, from the shared snapshot (an unknown ID is a 404). */
    CustomKeyStore store(KeyStoreRef ref) {
        return reads.find(ref).store();
    }

    /**
     * One key of the store.
     * @throws KeyNotFoundException the store holds no such key
     * @throws KmsCallException the keys could not be read
     */
    KmsKey key(KeyStoreRef ref, String keyId) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new KeyNotFoundException(keyId);
        }
        var keys = inventory.keysOf(ref);
        if (keys.failure() != null) {
            throw new KmsCallException("ListKeys", keys.failure());
        }
        return keys.keys()
            .stream()
            .filter(key -> key.keyId().equals(keyId))
            .findFirst()
            .orElseThrow(() -> new KeyNotFoundException(keyId));
    }

}
