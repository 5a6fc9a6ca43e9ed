package com.cksconsole.rotation;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Drives rotation runs in the background, one {@link RotationEngine#advance} at a time,
 * on this instance's own small thread pool. Exactly one instance drives a run: before
 * every check it claims (or renews) the run's lease with one conditional update; a run
 * whose instance died is taken over once its lease has expired (found at start-up and
 * every {@code console.rotation.resume-interval}).
 */
class RotationRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RotationRunner.class);

    private final RotationRepository runs;

    private final RotationEngine engine;

    private final RotationProperties properties;

    private final Clock clock;

    /** This instance in the lease column: unique per start. */
    private final String instanceId = "console-" + UUID.randomUUID();

    private final Set<String> driving = ConcurrentHashMap.newKeySet();

    private volatile @Nullable ScheduledExecutorService executor;

    RotationRunner(RotationRepository runs, RotationEngine engine, RotationProperties properties, Clock clock) {
        this.runs = runs;
        this.engine = engine;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public void start() {
        var threads = new AtomicInteger();
        var pool = Executors.newScheduledThreadPool(2, task -> {
            var thread = new Thread(task, "credential-rotation-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor = pool;
        pool.scheduleWithFixedDelay(this::resumeUnclaimed, 0, properties.resumeInterval().toMillis(),
                TimeUnit.MILLISECONDS);
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

    /** Drives this run now (started proving, watching again, secret given again). */
    void kick(String runId) {
        drive(runId, Duration.ZERO);
    }

    void resumeUnclaimed() {
        try {
            for (String runId : runs.unclaimed(clock.instant())) {
                drive(runId, Duration.ZERO);
            }
        }
        catch (RuntimeException e) {
            log.warn("Looking for credential rotations to resume failed: {}", e.getClass().getSimpleName());
        }
    }

    /**
     * One check of a run, if this instance may drive it now.
     * @return when to check again; null when the run waits, ended, or is another
     * instance's
     */
    @Nullable Duration tick(String runId) {
        var now = clock.instant();
        if (!runs.claim(runId, instanceId, now.plus(properties.lease()), now)) {
            return null;
        }
        var next = engine.advance(runId);
        if (next.isEmpty()) {
            runs.release(runId, instanceId);
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
        catch (RejectedExecutionException stopping) {
            driving.remove(runId);
        }
    }

    private void step(String runId) {
        Duration next;
        try {
            next = tick(runId);
        }
        catch (RuntimeException e) {
            // The database or KMS failed under the run: the lease expires and the run is
            // picked up again (here or elsewhere).
            log.warn("Credential rotation {}: a check failed ({}); it is retried", runId, e.getClass().getSimpleName());
            next = null;
        }
        var pool = executor;
        if (next == null || pool == null) {
            driving.remove(runId);
            return;
        }
        schedule(pool, runId, next);
    }

}
