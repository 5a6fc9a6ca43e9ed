package com.cksconsole.keystore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link StoreChangeLocks} in memory, for unit tests of the service without a database. */
public class InMemoryStoreChangeLocks implements StoreChangeLocks {

    private final Map<String, StoreLockHolder> holders = new ConcurrentHashMap<>();

    @Override
    public Optional<StoreLockHolder> holder(String storeId) {
        return Optional.ofNullable(holders.get(storeId));
    }

    @Override
    public StoreLockHolder acquireForEdit(String storeId, String user) {
        var hold = new StoreLockHolder(storeId, null, user, Instant.now());
        take(hold);
        return hold;
    }

    @Override
    public void releaseEdit(StoreLockHolder hold) {
        holders.remove(hold.storeId(), hold);
    }

    @Override
    public void acquireForRun(String storeId, String runId, String user) {
        take(new StoreLockHolder(storeId, runId, user, Instant.now()));
    }

    @Override
    public void releaseRun(String storeId, String runId) {
        holders.computeIfPresent(storeId, (id, holder) -> runId.equals(holder.runId()) ? null : holder);
    }

    private void take(StoreLockHolder hold) {
        var earlier = holders.putIfAbsent(hold.storeId(), hold);
        if (earlier != null) {
            throw new KeyStoreBusyException(earlier);
        }
    }
}
