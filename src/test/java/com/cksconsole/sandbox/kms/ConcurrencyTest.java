package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Operations on one store are atomic; cross-store rules hold under concurrent callers.
 */
class ConcurrencyTest extends SandboxKmsTestSupport {

    /** One active two-HSM cluster of each backup family the test profile knows. */
    private static final List<String> FAMILY_CLUSTERS = List.of(FINANCE_CLUSTER, PAYMENTS_CLUSTER, SPARE_CLUSTER,
            "cluster-testnokmsuser", "cluster-testlockedout");

    private ExecutorService pool;

    @BeforeEach
    void pool() {
        pool = Executors.newFixedThreadPool(12);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void readersNeverSeeAHalfAppliedUpdate() throws Exception {
        String id = createCloudHsm("c-pair-1", FINANCE_CLUSTER, FINANCE_PASSWORD);
        // Each update changes name and cluster together; a reader must see one whole pair
        // or the other.
        Set<String> pairs = Set.of("c-pair-1|" + FINANCE_CLUSTER, "c-pair-2|" + FINANCE_CLONE_CLUSTER);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            readers.add(pool.submit(() -> {
                int reads = 0;
                while (writing.get() || reads == 0) {
                    var store = describe(id);
                    seen.add(store.customKeyStoreName() + "|" + store.cloudHsmClusterId());
                    reads++;
                }
                return reads;
            }));
        }
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                for (int i = 0; i < 30; i++) {
                    boolean second = (i + writer) % 2 == 0;
                    kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
                        .newCustomKeyStoreName(second ? "c-pair-2" : "c-pair-1")
                        .cloudHsmClusterId(second ? FINANCE_CLONE_CLUSTER : FINANCE_CLUSTER));
                }
                return null;
            }));
        }
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writing.set(false);
        int reads = 0;
        for (Future<Integer> reader : readers) {
            reads += reader.get(60, TimeUnit.SECONDS);
        }

        assertThat(reads).isPositive();
        assertThat(pairs).containsAll(seen);
        var last = describe(id);
        assertThat(pairs).contains(last.customKeyStoreName() + "|" + last.cloudHsmClusterId());
    }

    @Test
    void ofConcurrentCreatesWithOneNameExactlyOneWins() throws Exception {
        // CloudHSM creates on clusters of five different families: no proxy call, only
        // the name collides.
        List<String> outcomes = race(FAMILY_CLUSTERS.size(),
                i -> () -> createCloudHsm("c-same-name", FAMILY_CLUSTERS.get(i), "Whatever77"));

        assertThat(outcomes.stream().filter(outcome -> outcome.startsWith("cks-"))).hasSize(1);
        assertThat(outcomes.stream().filter(outcome -> !outcome.startsWith("cks-")))
            .containsOnly("CustomKeyStoreNameInUseException");
        assertThat(kms.describeCustomKeyStores().customKeyStores()).hasSize(1);
    }

    @Test
    void identicalConcurrentCloudHsmCreatesYieldOneStore() throws Exception {
        List<String> outcomes = race(6, i -> () -> createCloudHsm("c-retried"));

        assertThat(outcomes).allMatch(outcome -> outcome.startsWith("cks-"));
        assertThat(Set.copyOf(outcomes)).hasSize(1);
        assertThat(kms.describeCustomKeyStores().customKeyStores()).hasSize(1);
    }

    @Test
    void concurrentCreatesStopExactlyAtTheQuota() throws Exception {
        List<String> paths = List.of("/tenant-a/kms/xks/v1", "/kms/xks/v1", "/tenant-b/kms/xks/v1",
                "/degraded/kms/xks/v1");
        var credentials = List.of(TENANT_A, PRIVATE, TENANT_B, LAB);
        for (int i = 0; i < 8; i++) {
            createPublicXks("c-quota-" + i, i < 4 ? PUBLIC_ENDPOINT : LAB_ENDPOINT, paths.get(i % 4),
                    credentials.get(i % 4));
        }

        List<String> outcomes = race(FAMILY_CLUSTERS.size(),
                i -> () -> createCloudHsm("c-quota-hsm-" + i, FAMILY_CLUSTERS.get(i), "Whatever77"));

        assertThat(outcomes.stream().filter(outcome -> outcome.startsWith("cks-"))).hasSize(2);
        assertThat(outcomes.stream().filter(outcome -> !outcome.startsWith("cks-")))
            .containsExactly("LimitExceededException", "LimitExceededException", "LimitExceededException");
        assertThat(kms.describeCustomKeyStores().customKeyStores()).hasSize(10);
    }

    @Test
    void ofConcurrentDisconnectsExactlyOneWins() throws Exception {
        String id = createCloudHsm("c-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        List<String> outcomes = race(6, i -> () -> {
            kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));
            return "OK";
        });

        assertThat(outcomes.stream().filter("OK"::equals)).hasSize(1);
        assertThat(outcomes.stream().filter("CustomKeyStoreInvalidStateException"::equals)).hasSize(5);
        awaitState(id, ConnectionStateType.DISCONNECTED);
    }

    interface Attempt {

        Callable<String> of(int index);

    }

    /**
     * Starts {@code count} calls at once; each outcome is the result or the KMS error
     * code.
     */
    private List<String> race(int count, Attempt attempt) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Callable<String> call = attempt.of(i);
            futures.add(pool.submit(() -> {
                start.await();
                try {
                    return call.call();
                }
                catch (KmsException e) {
                    return e.awsErrorDetails().errorCode();
                }
            }));
        }
        start.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> future : futures) {
            outcomes.add(future.get(60, TimeUnit.SECONDS));
        }
        return outcomes;
    }

}
