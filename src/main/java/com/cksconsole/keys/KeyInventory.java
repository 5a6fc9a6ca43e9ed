package com.cksconsole.keys;

import java.util.Map;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The KMS keys of custom key stores, read through the store's target (ListKeys,
 * DescribeKey per key, ListAliases). One read per target serves every page for
 * {@code console.keys.cache-ttl} (default 10 s), and viewers arriving during a read wait
 * for it; the console's own key changes drop it at once. Never throws for a KMS failure:
 * the answer carries it.
 */
public interface KeyInventory {

    /** The keys of one store (an unknown store has none). */
    StoreKeys keysOf(KeyStoreRef store);

    /**
     * The key count of every store of the target that holds keys, by store ID; empty when
     * the keys could not be read.
     */
    Optional<Map<String, KeyCount>> countsOf(KmsTarget target);

    /** The count of one store; empty when the keys could not be read. */
    default Optional<KeyCount> countOf(KeyStoreRef store) {
        var keys = keysOf(store);
        return keys.failed() ? Optional.empty() : Optional.of(keys.count());
    }

    /** Drops the target's read (after a change made elsewhere, e.g. a store deleted). */
    void forget(KmsTarget target);

}
