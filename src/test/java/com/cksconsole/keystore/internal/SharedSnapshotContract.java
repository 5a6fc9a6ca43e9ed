package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;

/**
 * The shared Describe snapshot ({@code kms_snapshot}, {@link SnapshotTable}) and the
 * protocol of the instances sharing it ({@link SharedSnapshotSource}): the same tests on
 * the embedded H2 and on PostgreSQL.
 */
abstract class SharedSnapshotContract {

    static final Instant START = Instant.parse("2026-12-06T10:00:00Z");

    static final Duration TTL = Duration.ofSeconds(3);

    static final Duration LEASE = Duration.ofSeconds(20);

    static final KmsTarget TARGET = new KmsTarget("111122223333", "eu-west-1");

    static final KmsTarget OTHER_TARGET = new KmsTarget("111122223333", "eu-west-2");

    /** A console without a configured account keeps it as the empty string. */
    static final KmsTarget NO_ACCOUNT = new KmsTarget(null, "eu-west-1");

    final MutableClock clock = new MutableClock(START);

    final ExecutorService pool = Executors.newFixedThreadPool(12);

    JdbcClient jdbc;

    SnapshotTable table;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        table = new SnapshotTable(jdbc);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static KeyStoreSnapshot snapshot(KmsTarget target, Instant at, CustomKeyStore... stores) {
        return new KeyStoreSnapshot(target, List.of(stores), at);
    }

    SharedSnapshotSource instance() {
        return new SharedSnapshotSource(table, clock, TTL, Duration.ofSeconds(1), LEASE, Duration.ofSeconds(10),
                Duration.ofMillis(5));
    }

    // ------------------------------------------------------------------ the table

    @Test
    void everyDescribedPropertyReadsBackAsDescribed() {
        var stored = snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED),
                TestKeyStores.xksPublic(ConnectionState.FAILED), TestKeyStores.xksVpc(ConnectionState.DISCONNECTED),
                new CustomKeyStore("cks-0aaaaaaaaaaaaaaa0", "unknown type", null, ConnectionState.UNKNOWN, null, null,
                        null, null, XksProxySettings.NONE));
        var row = table.readOrCreate(TARGET);
        assertThat(table.claim(TARGET, row.generation(), "a", START, START.plus(LEASE), TTL)).isTrue();

        assertThat(table.store(stored, row.generation(), "a")).isTrue();

        var read = table.read(TARGET).orElseThrow().snapshot();
        assertThat(read).isEqualTo(stored);
        assertThat(read.stores()).extracting(CustomKeyStore::fingerprint)
            .containsExactlyElementsOf(stored.stores().stream().map(CustomKeyStore::fingerprint).toList());
    }

    @Test
    void theStoredSnapshotHoldsOnlyWhatDescribeReturnedSoNoSecret() {
        var row = table.readOrCreate(TARGET);
        table.claim(TARGET, row.generation(), "a", START, START.plus(LEASE), TTL);
        table.store(snapshot(TARGET, START, TestKeyStores.xksPublic(ConnectionState.FAILED)), row.generation(), "a");

        var entry = JsonMapper.builder()
            .build()
            .readTree(jdbc.sql("select stores_json from kms_snapshot").query(String.class).single())
            .get(0);
        // The members of the KMS API Reference's CustomKeyStoresListEntry and
        // XksProxyConfigurationType: the access key ID is an identifier; KMS never
        // returns
        // the secret access key.
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("CustomKeyStoreId", "CustomKeyStoreName",
                "CustomKeyStoreType", "ConnectionState", "ConnectionErrorCode", "CreationDate",
                "XksProxyConfiguration");
        assertThat(entry.get("XksProxyConfiguration").propertyNames()).containsExactlyInAnyOrder("Connectivity",
                "UriEndpoint", "UriPath", "AccessKeyId");
    }

    @Test
    void eachTargetHasOneRowCreatedOnFirstUseEvenWhenInstancesRace() throws Exception {
        var start = new CountDownLatch(1);
        var reads = new ArrayList<CompletableFuture<SnapshotTable.Stored>>();
        for (int i = 0; i < 8; i++) {
            reads.add(CompletableFuture.supplyAsync(() -> {
                waitFor(start);
                return table.readOrCreate(TARGET);
            }, pool));
        }
        start.countDown();
        reads.forEach(CompletableFuture::join);
        table.readOrCreate(OTHER_TARGET);
        table.readOrCreate(NO_ACCOUNT);

        assertThat(jdbc.sql("select account_id || '/' || region from kms_snapshot order by region, account_id")
            .query(String.class)
            .list()).containsExactlyInAnyOrder("111122223333/eu-west-1", "111122223333/eu-west-2", "/eu-west-1");
        assertThat(table.read(TARGET).orElseThrow().generation()).isZero();
        assertThat(table.read(TARGET).orElseThrow().snapshot()).isNull();
    }

    @Test
    void ofInstancesRacingForAnOutOfDateSnapshotExactlyOneMayDescribe() {
        long generation = table.readOrCreate(TARGET).generation();
        var start = new CountDownLatch(1);
        var claims = new ArrayList<CompletableFuture<Boolean>>();
        for (int i = 0; i < 8; i++) {
            String owner = "instance-" + i;
            claims.add(CompletableFuture.supplyAsync(() -> {
                waitFor(start);
                return table.claim(TARGET, generation, owner, START, START.plus(LEASE), TTL);
            }, pool));
        }
        start.countDown();

        assertThat(claims.stream().map(CompletableFuture::join).filter(Boolean::booleanValue)).hasSize(1);
    }

    @Test
    void aStoredSnapshotIsCurrentForTheTtlAndNoOneDescribesMeanwhile() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);
        table.store(snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED)), generation, "a");
        Instant lastCurrent = START.plus(TTL).minusMillis(1);

        assertThat(table.read(TARGET).orElseThrow().settled(lastCurrent, TTL).snapshot()).isNotNull();
        assertThat(table.claim(TARGET, generation, "b", lastCurrent, lastCurrent.plus(LEASE), TTL)).isFalse();

        Instant expired = START.plus(TTL);
        assertThat(table.read(TARGET).orElseThrow().settled(expired, TTL)).isNull();
        assertThat(table.claim(TARGET, generation, "b", expired, expired.plus(LEASE), TTL)).isTrue();
    }

    @Test
    void aConsoleChangeMakesTheSnapshotOutOfDateForEveryInstance() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);
        table.store(snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED)), generation, "a");
        table.readOrCreate(OTHER_TARGET);

        table.bumpGeneration(TARGET);

        var row = table.read(TARGET).orElseThrow();
        assertThat(row.generation()).isEqualTo(generation + 1);
        assertThat(row.settled(START, TTL)).isNull();
        assertThat(row.snapshot()).as("kept as the last known one").isNotNull();
        assertThat(table.read(OTHER_TARGET).orElseThrow().generation()).isZero();
        assertThat(table.claim(TARGET, generation, "b", START, START.plus(LEASE), TTL))
            .as("a claim for the old generation")
            .isFalse();
        assertThat(table.claim(TARGET, row.generation(), "b", START, START.plus(LEASE), TTL)).isTrue();
    }

    @Test
    void aDescribeThatStartedBeforeAChangeIsNeverCurrent() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);
        table.bumpGeneration(TARGET);

        assertThat(table.store(snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED)), generation,
                "a"))
            .isTrue();

        assertThat(table.read(TARGET).orElseThrow().settled(START, TTL)).isNull();
    }

    @Test
    void bumpingEveryGenerationMakesEverySnapshotOutOfDate() {
        table.readOrCreate(TARGET);
        table.readOrCreate(OTHER_TARGET);

        table.bumpAllGenerations();

        assertThat(table.read(TARGET).orElseThrow().generation()).isEqualTo(1);
        assertThat(table.read(OTHER_TARGET).orElseThrow().generation()).isEqualTo(1);
    }

    @Test
    void aFailedDescribeIsSharedForTheTtlWithTheLastKnownSnapshot() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);
        var earlier = snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        table.store(earlier, generation, "a");
        Instant later = START.plus(TTL);
        table.claim(TARGET, generation, "a", later, later.plus(LEASE), TTL);
        var throttled = new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", "req-1");

        assertThat(table.storeFailure(TARGET, throttled, later, generation, "a")).isTrue();

        var settled = table.read(TARGET).orElseThrow().settled(later.plus(TTL).minusMillis(1), TTL);
        assertThat(settled.failure().failure()).isEqualTo(throttled);
        assertThat(settled.failedAt()).isEqualTo(later);
        assertThat(settled.lastKnown()).isEqualTo(earlier);
        assertThat(table.claim(TARGET, generation, "b", later.plus(TTL).minusMillis(1), later.plus(LEASE), TTL))
            .isFalse();
        assertThat(table.claim(TARGET, generation, "b", later.plus(TTL), later.plus(LEASE), TTL)).isTrue();
    }

    @Test
    void theLeaseOfAStoppedInstanceIsTakenOverOnceExpiredAndItsLateAnswerIsNotStored() {
        long generation = table.readOrCreate(TARGET).generation();
        assertThat(table.claim(TARGET, generation, "stopped", START, START.plus(LEASE), TTL)).isTrue();

        assertThat(table.claim(TARGET, generation, "survivor", START.plus(LEASE), START.plus(LEASE).plus(LEASE), TTL))
            .isFalse();
        Instant expired = START.plus(LEASE).plusMillis(1);
        assertThat(table.claim(TARGET, generation, "survivor", expired, expired.plus(LEASE), TTL)).isTrue();

        assertThat(table.store(snapshot(TARGET, START), generation, "stopped")).isFalse();
        assertThat(table.read(TARGET).orElseThrow().snapshot()).isNull();
        assertThat(table.read(TARGET).orElseThrow().leaseOwner()).isEqualTo("survivor");
    }

    @Test
    void aReleasedLeaseCanBeClaimedAtOnce() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);

        table.release(TARGET, "b");
        assertThat(table.claim(TARGET, generation, "b", START, START.plus(LEASE), TTL)).isFalse();
        table.release(TARGET, "a");
        assertThat(table.claim(TARGET, generation, "b", START, START.plus(LEASE), TTL)).isTrue();
    }

    // ------------------------------------------------------------------ the instances

    @Test
    void manyFetchesOnThreeInstancesMakeOneDescribe() {
        var instances = List.of(instance(), instance(), instance());
        var describes = new AtomicInteger();
        var release = new CountDownLatch(1);
        var describe = describing(() -> {
            describes.incrementAndGet();
            waitFor(release);
            return snapshot(TARGET, clock.instant(), TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        });
        var fetches = new ArrayList<CompletableFuture<SnapshotSource.Fetched>>();
        for (int i = 0; i < 9; i++) {
            var instance = instances.get(i % 3);
            fetches.add(CompletableFuture.supplyAsync(() -> instance.fetch(TARGET, describe), pool));
        }
        // Every fetch has found the Describe under way: one Describes, eight wait.
        await().atMost(Duration.ofSeconds(10)).until(() -> describes.get() == 1);
        release.countDown();

        var snapshots = fetches.stream().map(CompletableFuture::join).map(SnapshotSource.Fetched::snapshot).toList();
        assertThat(snapshots).doesNotContainNull().containsOnly(snapshots.get(0));
        assertThat(describes).hasValue(1);

        clock.advance(TTL.minusMillis(1));
        instances.forEach(instance -> instance.fetch(TARGET, describe));
        assertThat(describes).hasValue(1);
        clock.advance(Duration.ofMillis(1));
        instances.forEach(instance -> instance.fetch(TARGET, describe));
        assertThat(describes).hasValue(2);
    }

    @Test
    void afterAChangeOnOneInstanceTheNextFetchOnAnotherDescribes() {
        var a = instance();
        var b = instance();
        var describes = new AtomicInteger();
        var describe = describing(() -> snapshot(TARGET, clock.instant(), TestKeyStores
            .renamed(TestKeyStores.cloudHsm(ConnectionState.CONNECTED), "name-" + describes.incrementAndGet())));
        b.fetch(TARGET, describe);

        a.invalidate(TARGET);

        assertThat(b.fetch(TARGET, describe).snapshot().stores()).extracting(CustomKeyStore::name)
            .containsExactly("name-2");
        assertThat(a.fetch(TARGET, describe).snapshot().stores()).extracting(CustomKeyStore::name)
            .containsExactly("name-2");
        assertThat(describes).hasValue(2);
    }

    @Test
    void aFailureOnOneInstanceIsNotRepeatedByAnotherWithinTheTtl() {
        var a = instance();
        var b = instance();
        var describes = new AtomicInteger();
        var describe = describing(() -> {
            describes.incrementAndGet();
            throw new KmsCallException("DescribeCustomKeyStores",
                    new KmsFailure(KmsFailureKind.THROTTLED, "ThrottlingException", null));
        });

        assertThat(a.fetch(TARGET, describe).failure().failure().kind()).isEqualTo(KmsFailureKind.THROTTLED);
        assertThat(b.fetch(TARGET, describe).failure().failure().kind()).isEqualTo(KmsFailureKind.THROTTLED);
        assertThat(describes).hasValue(1);
        clock.advance(TTL);
        b.fetch(TARGET, describe);
        assertThat(describes).hasValue(2);
    }

    @Test
    void anInstanceWaitingLongerThanItsWaitGetsTheLastKnownSnapshotMarkedStale() {
        long generation = table.readOrCreate(TARGET).generation();
        table.claim(TARGET, generation, "a", START, START.plus(LEASE), TTL);
        var earlier = snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        table.store(earlier, generation, "a");
        clock.advance(TTL);
        Instant now = clock.instant();
        table.claim(TARGET, generation, "slow", now, now.plus(LEASE), TTL);
        var impatient = new SharedSnapshotSource(table, clock, TTL, Duration.ofSeconds(1), LEASE, Duration.ZERO,
                Duration.ofMillis(1));
        var describes = new AtomicInteger();

        var fetched = impatient.fetch(TARGET, describing(() -> {
            describes.incrementAndGet();
            return earlier;
        }));

        assertThat(describes).hasValue(0);
        assertThat(fetched.lastKnown()).isEqualTo(earlier);
        assertThat(fetched.failure().failure().kind()).isEqualTo(KmsFailureKind.TIMED_OUT);
        assertThat(fetched.failure().failure().kind().isTransient()).isTrue();
    }

    static SnapshotSource.Describe describing(java.util.function.Supplier<KeyStoreSnapshot> call) {
        return new SnapshotSource.Describe() {

            @Override
            public KeyStoreSnapshot describe() {
                return call.get();
            }

            @Override
            public Instant now() {
                return START;
            }

        };
    }

    static void waitFor(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
