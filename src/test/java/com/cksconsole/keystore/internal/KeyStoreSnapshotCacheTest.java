package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * The snapshot's lifetime, coalescing, stale fallback and invalidation, against canned
 * KMS answers.
 */
class KeyStoreSnapshotCacheTest {

    private static final Duration TTL = Duration.ofSeconds(3);

    private final CannedKms kms = new CannedKms();

    private final software.amazon.awssdk.services.kms.KmsClient client = kms.client();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final KeyStoreSnapshotCache cache = new KeyStoreSnapshotCache(new KmsGateway(client), TestTargets.SANDBOX,
            clock, TTL);

    @AfterEach
    void close() {
        client.close();
        kms.close();
    }

    @Test
    void oneDescribeServesEveryReadWithinTheTtl() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED")))
            .answer(CannedKms.page(null, CannedKms.entry("cks-1", "one-renamed", "CONNECTED")));
        assertThat(cache.read().snapshot().stores()).extracting(CustomKeyStore::name).containsExactly("one");
        clock.advance(TTL.minusMillis(1));
        assertThat(cache.read().snapshot().stores()).extracting(CustomKeyStore::name).containsExactly("one");
        assertThat(kms.requests()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        assertThat(cache.read().snapshot().stores()).extracting(CustomKeyStore::name).containsExactly("one-renamed");
        assertThat(kms.requests()).hasSize(2);
    }

    @Test
    void concurrentReadersShareTheDescribeInFlight() throws Exception {
        // TTL zero: without coalescing every reader would need its own Describe.
        var uncached = new KeyStoreSnapshotCache(new KmsGateway(client), TestTargets.SANDBOX, clock, Duration.ZERO);
        kms.hold().answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED")));
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            var readers = new ArrayList<Thread>();
            var results = new ArrayList<CompletableFuture<SnapshotRead>>();
            for (int i = 0; i < 50; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    synchronized (readers) {
                        readers.add(Thread.currentThread());
                    }
                    return uncached.read();
                }, pool));
            }
            // Every reader has arrived: one waits for KMS's answer, the other 49 wait for
            // that one.
            await().atMost(Duration.ofSeconds(10)).until(() -> kms.requests().size() == 1 && waiting(readers) == 49);
            kms.open();
            var snapshots = results.stream()
                .map(CompletableFuture::join)
                .map(SnapshotRead::snapshot)
                .distinct()
                .toList();
            assertThat(snapshots).hasSize(1);
            assertThat(kms.requests()).hasSize(1);
        }
        finally {
            kms.open();
            pool.shutdownNow();
        }
    }

    @Test
    void whileKmsThrottlesTheLastKnownSnapshotIsShownWithItsAge() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED"))).fail(400, "ThrottlingException");
        cache.read();
        clock.advance(Duration.ofSeconds(12));
        var read = cache.read();
        assertThat(read.stale()).isTrue();
        assertThat(read.staleBecause().kind()).isEqualTo(KmsFailureKind.THROTTLED);
        assertThat(read.age()).isEqualTo(Duration.ofSeconds(12));
        assertThat(read.snapshot().stores()).extracting(CustomKeyStore::name).containsExactly("one");
    }

    @Test
    void aFailedDescribeIsNotRepeatedWithinTheTtl() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED"))).fail(400, "ThrottlingException");
        cache.read();
        clock.advance(TTL);
        cache.read();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.read().stale()).isTrue();
        assertThat(kms.requests()).hasSize(2);
    }

    @Test
    void withoutAnEarlierSnapshotAFailureReachesThePage() {
        kms.fail(400, "ThrottlingException");
        assertThatThrownBy(cache::read).isInstanceOf(KmsCallException.class);
    }

    @Test
    void refusedCredentialsAreNeverHiddenBehindAnOldSnapshot() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED")))
            .fail(400, "UnrecognizedClientException");
        cache.read();
        clock.advance(TTL);
        assertThatThrownBy(cache::read).isInstanceOf(KmsCallException.class);
    }

    @Test
    void anInvalidationDropsTheSnapshotAtOnce() {
        kms.answer(CannedKms.page(null, CannedKms.entry("cks-1", "one", "CONNECTED")))
            .answer(CannedKms.page(null, CannedKms.entry("cks-1", "changed", "CONNECTED")));
        cache.read();
        cache.invalidate();
        assertThat(cache.read().snapshot().stores()).extracting(CustomKeyStore::name).containsExactly("changed");
    }

    @Test
    void behindASharedSnapshotTheCacheLooksAgainAfterTheRecheckNotBefore() {
        var shared = new RecordingSource(Duration.ofSeconds(1));
        var cache = new KeyStoreSnapshotCache(new KmsGateway(client), TestTargets.SANDBOX, clock, TTL, shared);

        cache.read();
        clock.advance(Duration.ofSeconds(1).minusMillis(1));
        cache.read();
        assertThat(shared.fetches).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        cache.read();
        assertThat(shared.fetches).hasValue(2);
        assertThat(kms.requests()).as("the shared source answered; this instance did not Describe").isEmpty();
    }

    @Test
    void anInvalidationReachesTheSharedSnapshot() {
        var shared = new RecordingSource(Duration.ofSeconds(1));
        var cache = new KeyStoreSnapshotCache(new KmsGateway(client), TestTargets.SANDBOX, clock, TTL, shared);
        cache.read();

        cache.invalidate();

        assertThat(shared.invalidated).containsExactly(TestTargets.SANDBOX);
        cache.read();
        assertThat(shared.fetches).hasValue(2);
    }

    /** A shared snapshot that answers every fetch with a snapshot taken now. */
    private final class RecordingSource implements SnapshotSource {

        final AtomicInteger fetches = new AtomicInteger();

        final List<KmsTarget> invalidated = new CopyOnWriteArrayList<>();

        private final Duration recheck;

        RecordingSource(Duration recheck) {
            this.recheck = recheck;
        }

        @Override
        public Fetched fetch(KmsTarget target, Describe describe) {
            fetches.incrementAndGet();
            return Fetched.current(new KeyStoreSnapshot(target, List.of(), clock.instant()));
        }

        @Override
        public Duration recheck(Duration ttl) {
            return recheck;
        }

        @Override
        public void invalidate(KmsTarget target) {
            invalidated.add(target);
        }

    }

    private static long waiting(List<Thread> threads) {
        synchronized (threads) {
            return threads.stream().filter(t -> t.getState() == Thread.State.WAITING).count();
        }
    }

}
