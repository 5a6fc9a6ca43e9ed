package com.cksconsole.keystore;

import java.time.Instant;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;

/**
 * Where {@link ConnectionTransitions} keeps when the console asked KMS to connect or
 * disconnect each store: the console's database (keystore.internal), so that every
 * instance behind a load balancer shows the same elapsed time.
 */
public interface ConnectionTransitionRecords {

    /** A connect or disconnect the console asked for, and when. */
    record Started(ConnectionOperation operation, Instant at) {
    }

    /** Records the store's latest request, replacing the one before. */
    void record(KeyStoreRef store, Started started);

    /** The store's latest request, if one is kept. */
    Optional<Started> find(KeyStoreRef store);

    /** Forgets every request made before {@code instant}. */
    void forgetBefore(Instant instant);

}
