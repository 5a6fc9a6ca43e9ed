package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.KmsTarget;

/**
 * Keeps KMS's DescribeCustomKeyStores quota (about 5 per second per account and Region)
 * safe from page views:
 * <ul>
 * <li>a snapshot is served to every viewer for {@code console.kms.snapshot-ttl} (default
 * 3 s);</li>
 * <li>viewers arriving while a Describe is running wait for that one instead of starting
 * their own (request coalescing);</li>
 * <li>a failed Describe is not repeated within the same period either; when it failed for
 * a passing reason (throttling, timeout, KMS internal error) viewers get the last known
 * snapshot, marked with its age;</li>
 * <li>{@link #invalidate()} drops the snapshot at once after the console's own
 * changes.</li>
 * </ul>
 * One cache serves one {@link KmsTarget} (account and Region): the quota and the answer
 * are per target, so {@link KeyStoreSnapshots} keeps one cache per target.
 */
public class KeyStoreSnapshotCache {

    private final KmsGateway gateway;

    private final KmsTarget target;

    private final Clock clock;

    private final Duration ttl;

    private final Object lock = new Object();

    private @Nullable KeyStoreSnapshot lastKnown;

    private boolean lastKnownCurrent;

    private @Nullable KmsCallException lastFailure;

    private Instant lastFailureAt = Instant.MIN;

    private @Nullable CompletableFuture<KeyStoreSnapshot> inFlight;

    /**
     * Bumped by every invalidation, so that a Describe started before a change never
     * counts as current.
     */
    private long generation;

    /**
     * Told about every fresh Describe of all stores (the audit log reconciles lost
     * outcomes from it).
     */
    private volatile BiConsumer<KmsTarget, List<CustomKeyStore>> onFreshSnapshot = (target, stores) -> {
    };

    void onFreshSnapshot(BiConsumer<KmsTarget, List<CustomKeyStore>> listener) {
        this.onFreshSnapshot = listener;
    }

    /**
     * Told about every complete Describe with the instant it started (outside-change
     * detection orders them by it).
     */
    public interface DescribeListener {

        /** Must not throw: the page views waiting for this Describe depend on it. */
        void described(KmsTarget target, List<CustomKeyStore> stores, Instant startedAt);

    }

    private final List<DescribeListener> describeListeners = new CopyOnWriteArrayList<>();

    public void onDescribe(DescribeListener listener) {
        describeListeners.add(listener);
    }

    KeyStoreSnapshotCache(KmsGateway gateway, KmsTarget target, Clock clock, Duration ttl) {
        this.gateway = gateway;
        this.target = target;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** The account and Region whose stores this cache holds. */
    KmsTarget target() {
        return target;
    }

    /**
     * The current snapshot, from memory or from one (shared) Describe.
     * @throws KmsCallException when KMS cannot be asked and there is no earlier snapshot
     * to fall back to, or the failure is not a passing one (for example refused
     * credentials)
     */
    SnapshotRead read() {
        CompletableFuture<KeyStoreSnapshot> future;
        boolean leader = false;
        long startedGeneration;
        synchronized (lock) {
            Instant now = clock.instant();
            if (lastKnown != null && lastKnownCurrent && now.isBefore(lastKnown.fetchedAt().plus(ttl))) {
                return new SnapshotRead(lastKnown, null, Duration.between(lastKnown.fetchedAt(), now));
            }
            if (lastFailure != null && now.isBefore(lastFailureAt.plus(ttl))) {
                return fallBackOrThrow(lastFailure, now);
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            future = inFlight;
            startedGeneration = generation;
        }
        if (leader) {
            describe(future, startedGeneration);
        }
        try {
            var snapshot = future.join();
            return new SnapshotRead(snapshot, null, Duration.between(snapshot.fetchedAt(), clock.instant()));
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof KmsCallException failure) {
                synchronized (lock) {
                    return fallBackOrThrow(failure, clock.instant());
                }
            }
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * Forget the current snapshot (it stays available as "last known" should KMS fail
     * next time).
     */
    void invalidate() {
        synchronized (lock) {
            generation++;
            lastKnownCurrent = false;
            lastFailure = null;
            inFlight = null;
        }
    }

    private void describe(CompletableFuture<KeyStoreSnapshot> future, long startedGeneration) {
        try {
            Instant startedAt = clock.instant();
            var snapshot = new KeyStoreSnapshot(target, gateway.describeAll(target), clock.instant());
            onFreshSnapshot.accept(target, snapshot.stores());
            describeListeners.forEach(listener -> listener.described(target, snapshot.stores(), startedAt));
            synchronized (lock) {
                if (startedGeneration == generation) {
                    lastKnown = snapshot;
                    lastKnownCurrent = true;
                    lastFailure = null;
                }
                release(future);
            }
            future.complete(snapshot);
        }
        catch (KmsCallException e) {
            synchronized (lock) {
                if (startedGeneration == generation) {
                    lastFailure = e;
                    lastFailureAt = clock.instant();
                }
                release(future);
            }
            future.completeExceptionally(e);
        }
        catch (RuntimeException e) {
            synchronized (lock) {
                release(future);
            }
            future.completeExceptionally(e);
        }
    }

    private void release(CompletableFuture<KeyStoreSnapshot> future) {
        if (inFlight == future) {
            inFlight = null;
        }
    }

    private SnapshotRead fallBackOrThrow(KmsCallException failure, Instant now) {
        if (lastKnown != null && failure.failure().kind().isTransient()) {
            return new SnapshotRead(lastKnown, failure.failure(), Duration.between(lastKnown.fetchedAt(), now));
        }
        throw new KmsCallException("DescribeCustomKeyStores", failure.failure());
    }

}
