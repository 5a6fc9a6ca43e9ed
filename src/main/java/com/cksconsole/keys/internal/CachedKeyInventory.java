package com.cksconsole.keys.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.keys.KeyCount;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keys.KmsKey;
import com.cksconsole.keys.StoreKeys;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * {@link KeyInventory} with one read per target shared by every viewer: a read serves for
 * {@code console.keys.cache-ttl}; viewers arriving while it runs wait for it instead of
 * starting their own (reading the keys costs a DescribeKey per key, and KMS's quotas are
 * per account and Region); a failed read is not repeated within the same period either.
 * {@link #forget} drops a target's read at once, and a read started before it never
 * counts as current. Across console instances: a read counts only under the target's
 * shared key-change generation it was made with ({@link SharedKeyChanges}), so a key
 * changed through one instance is shown by every instance's next page.
 */
@Component
public class CachedKeyInventory implements KeyInventory {

    /** A shared key-change generation the database could not say. */
    private static final long UNKNOWN = -1;

    private final KeyReader reader;

    private final Clock clock;

    private final Duration ttl;

    private final SharedKeyChanges changes;

    private final Map<KmsTarget, Slot> slots = new ConcurrentHashMap<>();

    CachedKeyInventory(KeyReader reader, Clock clock, KeysProperties properties, SharedKeyChanges changes) {
        this.reader = reader;
        this.clock = clock;
        this.ttl = properties.cacheTtl();
        this.changes = changes;
    }

    /** One target's read: the keys by store, or the failure. */
    record TargetKeys(Map<String, List<KmsKey>> byStore, @Nullable KmsFailure failure, Instant at) {
    }

    private static final class Slot {

        private @Nullable TargetKeys last;

        /** The last successful read, kept through {@link #forget} (for known counts). */
        private @Nullable TargetKeys lastKnown;

        private @Nullable CompletableFuture<TargetKeys> inFlight;

        private long generation;

        /**
         * The shared key-change generation {@link #last} and {@link #inFlight} were read
         * under ({@link #UNKNOWN} when the database could not say).
         */
        private long lastShared = UNKNOWN;

        private long inFlightShared = UNKNOWN;

    }

    @Override
    public StoreKeys keysOf(KeyStoreRef store) {
        TargetKeys read = read(store.target());
        if (read.failure() != null) {
            return new StoreKeys(List.of(), read.failure(), null);
        }
        return new StoreKeys(read.byStore().getOrDefault(store.keyStoreId(), List.of()), null, read.at());
    }

    @Override
    public Optional<Map<String, KeyCount>> countsOf(KmsTarget target) {
        TargetKeys read = read(target);
        if (read.failure() != null) {
            return Optional.empty();
        }
        return Optional.of(counts(read));
    }

    /**
     * The key counts of the target's stores from its last successful read, without
     * waiting: when that read is missing or older than the time to live, a read starts in
     * the background (for the next page) and this answers with what is known.
     */
    public Map<String, KeyCount> knownCounts(KmsTarget target) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        TargetKeys known;
        boolean refresh;
        synchronized (slot) {
            known = slot.lastKnown;
            refresh = slot.inFlight == null
                    && (slot.last == null || !clock.instant().isBefore(slot.last.at().plus(ttl)));
        }
        if (refresh) {
            CompletableFuture.runAsync(() -> read(target));
        }
        if (known == null) {
            return Map.of();
        }
        return counts(known);
    }

    private static Map<String, KeyCount> counts(TargetKeys read) {
        return read.byStore()
            .entrySet()
            .stream()
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                    entry -> new StoreKeys(entry.getValue(), null, read.at()).count()));
    }

    @Override
    public void forget(KmsTarget target) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        synchronized (slot) {
            slot.generation++;
            slot.last = null;
            slot.inFlight = null;
        }
        changes.moveOn(target);
    }

    private TargetKeys read(KmsTarget target) {
        Slot slot = slots.computeIfAbsent(target, t -> new Slot());
        // Read before the keys are: a change made after this is seen by the next read.
        long shared = changes.generation(target).orElse(UNKNOWN);
        CompletableFuture<TargetKeys> future;
        long generation;
        boolean leader = false;
        synchronized (slot) {
            if (slot.last != null && clock.instant().isBefore(slot.last.at().plus(ttl))
                    && (shared == UNKNOWN || shared == slot.lastShared)) {
                return slot.last;
            }
            // A read in flight under an older shared generation does not show a key
            // changed since: this one reads again.
            if (slot.inFlight == null || (shared != UNKNOWN && shared != slot.inFlightShared)) {
                slot.inFlight = new CompletableFuture<>();
                slot.inFlightShared = shared;
                leader = true;
            }
            future = slot.inFlight;
            generation = slot.generation;
        }
        if (leader) {
            TargetKeys result;
            try {
                result = new TargetKeys(reader.read(target), null, clock.instant());
            }
            catch (KmsCallException e) {
                result = new TargetKeys(Map.of(), e.failure(), clock.instant());
            }
            catch (RuntimeException e) {
                synchronized (slot) {
                    if (slot.inFlight == future) {
                        slot.inFlight = null;
                    }
                }
                future.completeExceptionally(e);
                throw e;
            }
            synchronized (slot) {
                if (slot.generation == generation) {
                    slot.last = result;
                    slot.lastShared = shared;
                }
                if (result.failure() == null) {
                    slot.lastKnown = result;
                }
                if (slot.inFlight == future) {
                    slot.inFlight = null;
                }
            }
            future.complete(result);
            return result;
        }
        return future.join();
    }

}
