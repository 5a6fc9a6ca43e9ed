package com.cksconsole.keystore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link ConnectionTransitionRecords} in memory, for tests of the services and pages that
 * use {@link ConnectionTransitions} without a database.
 */
public class InMemoryConnectionTransitionRecords implements ConnectionTransitionRecords {

    private final Map<KeyStoreRef, Started> byStore = new ConcurrentHashMap<>();

    @Override
    public void record(KeyStoreRef store, Started started) {
        byStore.put(store, started);
    }

    @Override
    public Optional<Started> find(KeyStoreRef store) {
        return Optional.ofNullable(byStore.get(store));
    }

    @Override
    public void forgetBefore(Instant instant) {
        byStore.values().removeIf(started -> started.at().isBefore(instant));
    }

}
