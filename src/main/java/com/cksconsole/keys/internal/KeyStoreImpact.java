package com.cksconsole.keys.internal;

import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import com.cksconsole.keystore.StoreKeys;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The keys module's answer to the key store pages' {@link StoreKeys}: the keys a
 * disconnect or a deletion concerns, and the overview's counts, from the same per-target
 * read as the Keys pages.
 */
@Component
class KeyStoreImpact implements StoreKeys {

    private final CachedKeyInventory inventory;

    KeyStoreImpact(CachedKeyInventory inventory) {
        this.inventory = inventory;
    }

    /**
     * Read afresh (viewers arriving meanwhile share the read): these pages decide on a
     * disconnect or a deletion, and a key created outside the console a moment ago must
     * not be missing from them.
     */
    @Override
    public KeysOfStore keysOf(KeyStoreRef store) {
        inventory.forget(store.target());
        var keys = inventory.keysOf(store);
        if (keys.failure() != null) {
            return KeysOfStore.unread(keys.failure().errorCode());
        }
        return new KeysOfStore(
                keys.keys().stream().map(key -> new Key(key.keyId(), key.aliases(), key.keyState())).toList(), null);
    }

    @Override
    public Map<String, KeyCount> knownCounts(KmsTarget target) {
        return inventory.knownCounts(target)
            .entrySet()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    entry -> new KeyCount(entry.getValue().total(), entry.getValue().enabled())));
    }

}
