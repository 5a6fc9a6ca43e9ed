package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.cksconsole.ConsoleApplication;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Three console instances on one database, each with many signed-in viewers of the key
 * store list at once: the KMS sandbox (each instance's own, on the shared database)
 * receives at most one DescribeCustomKeyStores per target per
 * {@code console.kms.snapshot-ttl} across all three, and a console change on one instance
 * makes the others Describe once more after at most {@code console.kms.snapshot-recheck}.
 *
 * <p>
 * All three instances share one stopped clock, so a burst of views happens within one
 * period however long it takes; the test moves the clock across the period's bounds. The
 * sandboxes count the Describes they receive per account and Region (one target each).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SharedSnapshotInstancesContract {

    static final Duration TTL = Duration.ofSeconds(3);

    static final Duration RECHECK = Duration.ofSeconds(1);

    static final int INSTANCES = 3;

    static final int VIEWERS_PER_INSTANCE = 8;

    static final int VIEWS_PER_VIEWER = 3;

    /**
     * The sandbox checks signatures against its clock (five minutes at most apart), so
     * the stopped clock starts at the real time.
     */
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    private final List<List<ConsoleHttpClient>> viewers = new ArrayList<>();

    private final ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * VIEWERS_PER_INSTANCE);

    /** A JDBC URL of an empty database all three instances use. */
    abstract String sharedDatabase();

    @BeforeAll
    void startThreeInstancesWithTheirViewers() {
        String url = sharedDatabase();
        String auditKeys;
        try {
            // One installation's instances share its audit keys.
            auditKeys = Files.createTempDirectory("cks-shared-snapshot-keys").toString();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // One after the other: the first migrates and seeds the database.
        for (int i = 0; i < INSTANCES; i++) {
            var instance = start(url, auditKeys);
            instances.add(instance);
            var signedIn = new ArrayList<ConsoleHttpClient>();
            for (int v = 0; v < VIEWERS_PER_INSTANCE; v++) {
                signedIn
                    .add(ConsoleHttpClient.signedIn(port(instance), "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
            }
            viewers.add(signedIn);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        instances.forEach(ConfigurableApplicationContext::close);
    }

    @BeforeEach
    void everySnapshotIsOutOfDate() {
        clock.advance(TTL);
    }

    private ConfigurableApplicationContext start(String url, String auditKeys) {
        return new SpringApplicationBuilder(ConsoleApplication.class).profiles("test").initializers(context -> {
            context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
                @Override
                public Object postProcessAfterInitialization(Object bean, String name) {
                    return bean instanceof Clock ? clock : bean;
                }
            });
        })
            .run("--server.port=0", "--spring.datasource.url=" + url, "--console.audit.key-directory=" + auditKeys,
                    "--console.kms.snapshot-ttl=" + TTL.toMillis() + "ms",
                    "--console.kms.snapshot-recheck=" + RECHECK.toMillis() + "ms");
    }

    private static int port(ConfigurableApplicationContext instance) {
        return instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    @Test
    void manyViewersOnThreeInstancesMakeOneDescribePerTargetPerPeriod() throws Exception {
        var before = counts();

        viewTheListAtOnce(List.of(0, 1, 2));

        var firstPeriod = since(before);
        assertThat(firstPeriod).isNotEmpty();
        assertThat(firstPeriod.values()).as("Describes per target in the first period: %s", firstPeriod)
            .containsOnly(1);

        // Later in the same period: every instance has looked at the database again
        // (recheck), and found the snapshot current.
        clock.advance(TTL.minusMillis(1));
        viewTheListAtOnce(List.of(0, 1, 2));
        assertThat(since(before)).isEqualTo(firstPeriod);

        clock.advance(Duration.ofMillis(1));
        viewTheListAtOnce(List.of(0, 1, 2));
        var twoPeriods = since(before);
        assertThat(twoPeriods.values()).as("Describes per target after two periods: %s", twoPeriods).containsOnly(2);
    }

    @Test
    void aChangeOnOneInstanceMakesTheOthersDescribeOnceWithinTheRecheck() throws Exception {
        viewTheListAtOnce(List.of(0, 1, 2));
        var before = counts();

        // What the console does after each of its own changes.
        instances.get(0).getBean(KeyStoreReads.class).forgetSnapshot();

        clock.advance(RECHECK.minusMillis(1));
        viewTheListAtOnce(List.of(1, 2));
        assertThat(since(before)).as("still served from each instance's memory").isEmpty();

        clock.advance(Duration.ofMillis(1));
        viewTheListAtOnce(List.of(1, 2));
        var afterTheChange = since(before);
        assertThat(afterTheChange).isNotEmpty();
        assertThat(afterTheChange.values()).as("Describes per target after the change").containsOnly(1);
    }

    /**
     * Every viewer of the given instances views the key store list
     * {@link #VIEWS_PER_VIEWER} times, all starting together.
     */
    private void viewTheListAtOnce(List<Integer> onInstances) throws Exception {
        var start = new CountDownLatch(1);
        var views = new ArrayList<Future<List<Integer>>>();
        for (int instance : onInstances) {
            for (ConsoleHttpClient viewer : viewers.get(instance)) {
                views.add(pool.submit(() -> {
                    start.await();
                    var statuses = new ArrayList<Integer>();
                    for (int i = 0; i < VIEWS_PER_VIEWER; i++) {
                        statuses.add(viewer.get("/key-stores").statusCode());
                    }
                    return statuses;
                }));
            }
        }
        start.countDown();
        for (var view : views) {
            assertThat(view.get(60, TimeUnit.SECONDS)).containsOnly(200);
        }
    }

    /**
     * The DescribeCustomKeyStores calls all three sandboxes received, per account and
     * Region (the sandbox's request counter).
     */
    private Map<String, Integer> counts() {
        var counts = new TreeMap<String, Integer>();
        for (var instance : instances) {
            for (Counter counter : instance.getBean(MeterRegistry.class)
                .find("console.sandbox.kms.requests")
                .tag("operation", "DescribeCustomKeyStores")
                .counters()) {
                String target = counter.getId().getTag("account") + "/" + counter.getId().getTag("region");
                counts.merge(target, (int) counter.count(), Integer::sum);
            }
        }
        return counts;
    }

    /** The Describes per target since {@code before}, targets without any left out. */
    private Map<String, Integer> since(Map<String, Integer> before) {
        var now = counts();
        var since = new TreeMap<String, Integer>();
        now.forEach((target, count) -> {
            int added = count - before.getOrDefault(target, 0);
            if (added > 0) {
                since.put(target, added);
            }
        });
        return since;
    }

}
