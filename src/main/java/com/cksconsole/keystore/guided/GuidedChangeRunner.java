package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Drives guided changes in the background, one {@link GuidedChangeEngine#advance} at a
 * time, on this console instance's own small thread pool.
 *
 * <p>
 * Exactly one instance drives a run: before every step the runner claims (or renews) the
 * run's lease in the database with one conditional update
 * ({@link GuidedRunRepository#claim}); a run whose lease another instance holds is left
 * alone, and a run whose lease has expired (its instance stopped or died) is taken over.
 * At start-up, and every {@code console.guided.resume-interval}, the runner looks for
 * such unclaimed runs, so a run survives a restart of the console: it resumes where its
 * steps say it stopped (after at most one lease, {@code console.guided.lease}, since the
 * stopped instance's claim must expire first).
 */
@Component
class GuidedChangeRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GuidedChangeRunner.class);

    private final GuidedRunRepository runs;

    private final GuidedChangeEngine engine;

    private final GuidedChangeProperties properties;

    private final Clock clock;

    /**
     * This instance in the lease column: unique per start, so a restarted console never
     * mistakes an old claim.
     */
    private final String instanceId = "console-" + UUID.randomUUID();

    /**
     * Runs this instance is driving now (each has exactly one scheduled or running tick).
     */
    private final Set<String> driving = ConcurrentHashMap.newKeySet();

    private volatile @Nullable ScheduledExecutorService executor;

    GuidedChangeRunner(GuidedRunRepository runs, GuidedChangeEngine engine, GuidedChangeProperties properties,
            Clock clock) {
        this.runs = runs;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
    }

    String instanceId() {
        return instanceId;
    }

    /** Until when a claim made now lasts. */
    Instant leaseFromNow() {
        return clock.instant().plus(properties.lease());
    }

    @Override
    public void start() {
        var threads = new AtomicInteger();
        var pool = Executors.newScheduledThreadPool(2, task -> {
            var thread = new Thread(task, "guided-change-runner-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        pool.scheduleWithFixedDelay(this::resumeUnclaimed, 0, properties.resumeInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Guided change runner {} started", instanceId);
    }

    @Override
    public void stop() {
        var pool = executor;
        executor = null;
        if (pool != null) {
            pool.shutdownNow();
            try {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        driving.clear();
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /**
     * Drives this run now (after it was created, resumed with its secret, or asked to
     * cancel).
     */
    void kick(String runId) {
        drive(runId, Duration.ZERO);
    }

    /** Picks up every RUNNING run nobody drives (at start-up and on a schedule). */
    void resumeUnclaimed() {
        try {
            for (String runId : runs.unclaimed(clock.instant())) {
                // After a restart, or when the instance that drove it stopped: say who
                // goes on, for whoever reads the logs of several instances.
                log.info("Guided change {} taken over by runner {}", runId, instanceId);
                drive(runId, Duration.ZERO);
            }
        }
        catch (RuntimeException e) {
            log.warn("Looking for guided changes to resume failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * One step of a run, if this instance may drive it now.
     * @return when to run the next step; null when the run has ended, paused, or belongs
     * to another instance
     */
    @Nullable Duration tick(String runId) {
        var now = clock.instant();
        if (!runs.claim(runId, instanceId, now.plus(properties.lease()), now)) {
            return null;
        }
        var next = engine.advance(runId);
        if (next.isEmpty()) {
            runs.releaseLease(runId, instanceId);
            return null;
        }
        return next.get();
    }

    private void drive(String runId, Duration delay) {
        var pool = executor;
        if (pool == null || !driving.add(runId)) {
            return;
        }
        schedule(pool, runId, delay);
    }

    private void schedule(ScheduledExecutorService pool, String runId, Duration delay) {
        try {
            pool.schedule(() -> step(runId), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (RuntimeException shutDown) {
            driving.remove(runId);
        }
    }

    private void step(String runId) {
        Duration next;
        try {
            next = tick(runId);
        }
        catch (RuntimeException e) {
            // The database or KMS failed in a way the engine did not expect: try again
            // later, the steps are
            // written so that repeating one is safe.
            log.warn("Guided change {} step failed: {}; trying again", runId, e.getClass().getSimpleName(), e);
            next = properties.pollInterval();
        }
        var pool = executor;
        if (next == null || pool == null) {
            driving.remove(runId);
            return;
        }
        schedule(pool, runId, next);
    }

}
