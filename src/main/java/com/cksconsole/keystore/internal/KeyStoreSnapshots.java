package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.keystore.TargetRead;
import com.cksconsole.kms.KmsTarget;

/**
 * One {@link KeyStoreSnapshotCache} per target (account and Region), created on first
 * use: KMS's Describe quota, the coalescing and the throttling fallback are per account
 * and Region, so one target's throttling never costs another target its snapshot. Lists
 * across targets describe them in parallel, so a page takes about one Describe, not one
 * per target. In the application the caches share each target's snapshot with every
 * console instance on the database ({@link SharedSnapshotSource}).
 */
@Component
public class KeyStoreSnapshots implements DisposableBean {

    /**
     * Describes of different targets at the same time; more targets wait for a free
     * thread.
     */
    static final int PARALLEL_DESCRIBES = 8;

    private final KmsGateway gateway;

    private final Clock clock;

    private final Duration ttl;

    private final SnapshotSource source;

    private final Map<KmsTarget, KeyStoreSnapshotCache> caches = new ConcurrentHashMap<>();

    private final List<KeyStoreSnapshotCache.DescribeListener> describeListeners = new CopyOnWriteArrayList<>();

    private volatile BiConsumer<KmsTarget, List<CustomKeyStore>> onFreshSnapshot = (target, stores) -> {
    };

    private final ExecutorService describes;

    @Autowired
    KeyStoreSnapshots(KmsGateway gateway, Clock clock, KmsProperties properties, SharedSnapshotSource shared) {
        this(gateway, clock, properties.snapshotTtl(), shared);
    }

    /** Caches of this instance alone, each Describing by itself. */
    public KeyStoreSnapshots(KmsGateway gateway, Clock clock, Duration ttl) {
        this(gateway, clock, ttl, SnapshotSource.LOCAL);
    }

    KeyStoreSnapshots(KmsGateway gateway, Clock clock, Duration ttl, SnapshotSource source) {
        this.gateway = gateway;
        this.clock = clock;
        this.ttl = ttl;
        this.source = source;
        var threads = new AtomicInteger();
        this.describes = Executors.newFixedThreadPool(PARALLEL_DESCRIBES, runnable -> {
            var thread = new Thread(runnable, "describe-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The cache of one target. */
    public KeyStoreSnapshotCache of(KmsTarget target) {
        return caches.computeIfAbsent(target, key -> {
            var cache = new KeyStoreSnapshotCache(gateway, key, clock, ttl, source);
            cache.onFreshSnapshot((described, stores) -> onFreshSnapshot.accept(described, stores));
            cache.onDescribe((described, stores, startedAt) -> describeListeners
                .forEach(listener -> listener.described(described, stores, startedAt)));
            return cache;
        });
    }

    /**
     * Every target's snapshot, read in parallel; a target that cannot be read answers
     * with its failure.
     */
    List<TargetRead> readAll(Collection<KmsTarget> targets) {
        var reads = new ArrayList<CompletableFuture<TargetRead>>();
        for (KmsTarget target : targets) {
            reads.add(CompletableFuture.supplyAsync(() -> read(target), describes));
        }
        return reads.stream().map(CompletableFuture::join).toList();
    }

    private TargetRead read(KmsTarget target) {
        try {
            SnapshotRead read = of(target).read();
            return TargetRead.of(target, read);
        }
        catch (KmsCallException failed) {
            return TargetRead.failed(target, failed.failure());
        }
    }

    /** Drops the target's snapshot here and on every instance. */
    void invalidate(KmsTarget target) {
        of(target).invalidate();
    }

    /** Drops every target's snapshot here and on every instance. */
    void invalidateAll() {
        source.invalidateAll();
        caches.values().forEach(KeyStoreSnapshotCache::forget);
    }

    /** Told about every fresh Describe of all stores of any target. */
    void onFreshSnapshot(BiConsumer<KmsTarget, List<CustomKeyStore>> listener) {
        this.onFreshSnapshot = listener;
    }

    /** Told about every complete Describe of any target, with the instant it started. */
    public void onDescribe(KeyStoreSnapshotCache.DescribeListener listener) {
        describeListeners.add(listener);
    }

    @Override
    public void destroy() {
        describes.shutdownNow();
    }

}
