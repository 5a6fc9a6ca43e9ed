package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
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
 * <li>viewers arriving while a Describe (or a look at the shared snapshot) is running
 * wait for that one instead of starting their own (request coalescing);</li>
 * <li>a failed Describe is not repeated within the same period either; when it failed for
 * a passing reason (throttling, timeout, KMS internal error) viewers get the last known
 * snapshot, marked with its age;</li>
 * <li>{@link #invalidate()} drops the snapshot at once after the console's own
 * changes.</li>
 * </ul>
 * One cache serves one {@link KmsTarget} (account and Region): the quota and the answer
 * are per target, so {@link KeyStoreSnapshots} keeps one cache per target. Behind it, a
 * {@link SnapshotSource}: with {@link SharedSnapshotSource} every console instance on the
 * database shares one snapshot per target, and this cache is the instance's memory in
 * front of it (one database read per {@code console.kms.snapshot-recheck}, whatever the
 * page views). The Describe listeners are told only by the instance that Describes.
 */
public class KeyStoreSnapshotCache {

    private final KmsGateway gateway;

    private final KmsTarget target;

    private final Clock clock;

    private final Duration ttl;

    private final SnapshotSource source;

    private final Object lock = new Object();

    private @Nullable KeyStoreSnapshot lastKnown;

    private boolean lastKnownCurrent;

    private @Nullable KmsCallException lastFailure;

    /**
     * Until when the current snapshot or the last failure is served from memory without
     * asking the source again.
     */
    private Instant heldUntil = Instant.MIN;

    private @Nullable CompletableFuture<SnapshotSource.Fetched> inFlight;

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

    /** A cache of one console instance alone: it Describes by itself. */
    KeyStoreSnapshotCache(KmsGateway gateway, KmsTarget target, Clock clock, Duration ttl) {
        this(gateway, target, clock, ttl, SnapshotSource.LOCAL);
    }

    KeyStoreSnapshotCache(KmsGateway gateway, KmsTarget target, Clock clock, Duration ttl, SnapshotSource source) {
        this.gateway = gateway;
        this.target = target;
        this.clock = clock;
        this.ttl = ttl;
        this.source = source;
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
        CompletableFuture<SnapshotSource.Fetched> future;
        boolean leader = false;
        long startedGeneration;
        synchronized (lock) {
            Instant now = clock.instant();
            if (now.isBefore(heldUntil)) {
                if (lastKnown != null && lastKnownCurrent) {
                    return new SnapshotRead(lastKnown, null, Duration.between(lastKnown.fetchedAt(), now));
                }
                if (lastFailure != null) {
                    return fallBackOrThrow(lastFailure, lastKnown, now);
                }
            }
            if (inFlight == null) {
                inFlight = new CompletableFuture<>();
                leader = true;
            }
            future = inFlight;
            startedGeneration = generation;
        }
        if (leader) {
            fetch(future, startedGeneration);
        }
        SnapshotSource.Fetched fetched;
        try {
            fetched = future.join();
        }
        catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        Instant now = clock.instant();
        var snapshot = fetched.snapshot();
        if (snapshot != null) {
            return new SnapshotRead(snapshot, null, Duration.between(snapshot.fetchedAt(), now));
        }
        synchronized (lock) {
            return fallBackOrThrow(Objects.requireNonNull(fetched.failure()), newer(lastKnown, fetched.lastKnown()),
                    now);
        }
    }

    /**
     * Forget the current snapshot (it stays available as "last known" should KMS fail
     * next time), here and, through the source, on every instance.
     */
    void invalidate() {
        // The shared snapshot first: a fetch started here after this method returns must
        // not find the old snapshot still current there.
        source.invalidate(target);
        forget();
    }

    /**
     * Drops the snapshot from this instance's memory only (when the shared one was
     * already invalidated).
     */
    void forget() {
        synchronized (lock) {
            generation++;
            lastKnownCurrent = false;
            lastFailure = null;
            inFlight = null;
        }
    }

    /** The source's answer, kept unless the cache was invalidated meanwhile. */
    private void fetch(CompletableFuture<SnapshotSource.Fetched> future, long startedGeneration) {
        try {
            var fetched = source.fetch(target, new SnapshotSource.Describe() {

                @Override
                public KeyStoreSnapshot describe() {
                    return describeNow();
                }

                @Override
                public Instant now() {
                    return clock.instant();
                }

            });
            synchronized (lock) {
                if (startedGeneration == generation) {
                    keep(fetched);
                }
                release(future);
            }
            future.complete(fetched);
        }
        catch (RuntimeException e) {
            synchronized (lock) {
                release(future);
            }
            future.completeExceptionally(e);
        }
    }

    private void keep(SnapshotSource.Fetched fetched) {
        Instant recheckAt = clock.instant().plus(source.recheck(ttl));
        var snapshot = fetched.snapshot();
        if (snapshot != null) {
            lastKnown = snapshot;
            lastKnownCurrent = true;
            lastFailure = null;
            heldUntil = earlier(snapshot.fetchedAt().plus(ttl), recheckAt);
        }
        else {
            lastKnown = newer(lastKnown, fetched.lastKnown());
            lastKnownCurrent = false;
            lastFailure = fetched.failure();
            heldUntil = earlier(Objects.requireNonNull(fetched.failedAt()).plus(ttl), recheckAt);
        }
    }

    /**
     * One Describe of every store by this instance, told to the listeners (only the
     * instance that Describes tells them, so they run once per Describe).
     */
    private KeyStoreSnapshot describeNow() {
        Instant startedAt = clock.instant();
        var snapshot = new KeyStoreSnapshot(target, gateway.describeAll(target), clock.instant());
        onFreshSnapshot.accept(target, snapshot.stores());
        describeListeners.forEach(listener -> listener.described(target, snapshot.stores(), startedAt));
        return snapshot;
    }

    private void release(CompletableFuture<SnapshotSource.Fetched> future) {
        if (inFlight == future) {
            inFlight = null;
        }
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static @Nullable KeyStoreSnapshot newer(@Nullable KeyStoreSnapshot a, @Nullable KeyStoreSnapshot b) {
        if (a == null) {
            return b;
        }
        return b == null || !b.fetchedAt().isAfter(a.fetchedAt()) ? a : b;
    }

    private static SnapshotRead fallBackOrThrow(KmsCallException failure, @Nullable KeyStoreSnapshot lastKnown,
            Instant now) {
        if (lastKnown != null && failure.failure().kind().isTransient()) {
            return new SnapshotRead(lastKnown, failure.failure(), Duration.between(lastKnown.fetchedAt(), now));
        }
        throw new KmsCallException("DescribeCustomKeyStores", failure.failure());
    }

}
