package com.cksconsole.keystore;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The KMS keys of custom key stores, for the pages that warn before a change makes them
 * unusable (disconnect, a guided change that disconnects, delete) and for the key counts
 * of the overview. The {@code keys} module implements it; the key store pages depend only
 * on this interface, so that the keys module can build on the key store module without a
 * cycle. Where no implementation is present the pages say nothing about keys.
 */
public interface StoreKeys {

    /**
     * The keys of one store as KMS lists them now (or from a cache a few seconds old); a
     * failure to read them is part of the answer, never an exception.
     */
    KeysOfStore keysOf(KeyStoreRef store);

    /**
     * The key counts of a target's stores by custom key store ID, from what was read
     * lately; a target not read lately gives an empty map (a page never waits for it).
     */
    Map<String, KeyCount> knownCounts(KmsTarget target);

    /** One KMS key of a store, as much as the warning pages show. */
    record Key(String keyId, List<String> aliases, String keyState) {

        public Key {
            aliases = List.copyOf(aliases);
        }

        /** Usable for cryptography now (KMS key state Enabled). */
        public boolean enabled() {
            return "Enabled".equals(keyState);
        }

        /** The first alias, or the key ID. */
        public String label() {
            return aliases.isEmpty() ? keyId : aliases.get(0);
        }
    }

    /**
     * The keys of one store, or why they could not be read.
     *
     * @param failure the KMS error code when the keys could not be read, else null
     */
    record KeysOfStore(List<Key> keys, @Nullable String failure) {

        public KeysOfStore {
            keys = List.copyOf(keys);
        }

        public static KeysOfStore unread(String errorCode) {
            return new KeysOfStore(List.of(), errorCode);
        }

        public boolean read() {
            return failure == null;
        }

        public int total() {
            return keys.size();
        }

        public long enabled() {
            return keys.stream().filter(Key::enabled).count();
        }

        /** The first {@code limit} keys, for a page that lists a few and links to all. */
        public List<Key> first(int limit) {
            return keys.subList(0, Math.min(limit, keys.size()));
        }
    }

    /** How many keys a store holds, and how many of them are enabled. */
    record KeyCount(int total, int enabled) {
    }

}
