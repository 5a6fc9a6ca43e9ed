package com.cksconsole.keys;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.KmsFailure;

/**
 * The KMS keys of one store, or why they could not be read: a read failure is shown, not
 * a server error.
 *
 * @param keys the store's keys, newest first (empty when the read failed)
 * @param failure what failed, or null
 * @param readAt when the keys were read from KMS (null when the read failed)
 */
public record StoreKeys(List<KmsKey> keys, @Nullable KmsFailure failure, @Nullable Instant readAt) {

    public StoreKeys {
        keys = List.copyOf(keys);
    }

    public boolean failed() {
        return failure != null;
    }

    public KeyCount count() {
        return new KeyCount(keys.size(), (int) keys.stream().filter(KmsKey::enabled).count());
    }

}
