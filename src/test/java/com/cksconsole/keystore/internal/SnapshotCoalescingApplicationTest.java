package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeCustomKeyStoresRequest;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * KMS allows about 5 DescribeCustomKeyStores per second: 50 concurrent page views must
 * cause at most one Describe per snapshot period. The calls are real (the sandbox over
 * HTTP through the SDK) and counted as they leave the SDK, by an
 * {@link ExecutionInterceptor} on the test's KmsClient.
 */
@ConsoleApplicationTest
class SnapshotCoalescingApplicationTest {

    private static final int VIEWERS = 50;

    private static final Duration TTL = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    private final AtomicInteger describeCalls = new AtomicInteger();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private KmsClient kms;

    private KeyStoreSnapshotCache cache;

    @BeforeEach
    void countingClient() {
        kms = KmsClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    if (context.request() instanceof DescribeCustomKeyStoresRequest) {
                        describeCalls.incrementAndGet();
                    }
                }
            }))
            .build();
        cache = new KeyStoreSnapshotCache(new KmsGateway(kms), TestTargets.SANDBOX, clock, TTL);
    }

    @AfterEach
    void closeClient() {
        kms.close();
    }

    @Test
    void fiftyConcurrentViewersCauseOneDescribePerSnapshotPeriod() throws Exception {
        assertThat(viewAllAtOnce()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(describeCalls).hasValue(1);

        clock.advance(TTL.minusMillis(1));
        viewAllAtOnce();
        assertThat(describeCalls).as("still within the first period").hasValue(1);

        clock.advance(Duration.ofMillis(1));
        viewAllAtOnce();
        assertThat(describeCalls).as("one more for the second period").hasValue(2);
    }

    @Test
    void theConsolesOwnChangeStartsANewPeriodAtOnce() throws Exception {
        viewAllAtOnce();
        cache.invalidate();
        viewAllAtOnce();
        assertThat(describeCalls).hasValue(2);
    }

    /**
     * 50 viewers released together; returns the (single, shared) list of stores they all
     * saw.
     */
    private java.util.List<CustomKeyStore> viewAllAtOnce() throws Exception {
        var start = new CountDownLatch(1);
        var pool = Executors.newFixedThreadPool(VIEWERS);
        try {
            var views = new ArrayList<CompletableFuture<SnapshotRead>>();
            for (int i = 0; i < VIEWERS; i++) {
                views.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    }
                    catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return cache.read();
                }, pool));
            }
            start.countDown();
            var snapshots = views.stream().map(CompletableFuture::join).map(SnapshotRead::snapshot).distinct().toList();
            assertThat(snapshots).as("every viewer saw the same snapshot").hasSize(1);
            return snapshots.get(0).stores();
        }
        finally {
            pool.shutdownNow();
        }
    }

}
