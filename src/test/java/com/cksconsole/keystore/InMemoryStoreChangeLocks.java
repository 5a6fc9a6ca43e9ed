package com.cksconsole.keystore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link StoreChangeLocks} in memory, for unit tests of the service without a database.
 */
public class InMemoryStoreChangeLocks implements StoreChangeLocks {

    private final Map<KeyStoreRef, StoreLockHolder> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<StoreLockHolder> holder(KeyStoreRef store) {
        return Optional.ofNullable(holders.get(store));
    }

    @Override
    public StoreLockHolder acquireForEdit(KeyStoreRef store, String user) {
        var hold = new StoreLockHolder(store, null, user, Instant.now());
        take(hold);
        return hold;
    }

    @Override
    public void releaseEdit(StoreLockHolder hold) {
        holders.remove(hold.store(), hold);
    }

    @Override
    public void acquireForRun(KeyStoreRef store, String runId, String user) {
        take(new StoreLockHolder(store, runId, user, Instant.now()));
    }

    @Override
    public void releaseRun(KeyStoreRef store, String runId) {
        holders.computeIfPresent(store, (ref, holder) -> runId.equals(holder.runId()) ? null : holder);
    }

    private void take(StoreLockHolder hold) {
        var earlier = holders.putIfAbsent(hold.store(), hold);
        if (earlier != null) {
            throw new KeyStoreBusyException(earlier);
        }
    }

}
