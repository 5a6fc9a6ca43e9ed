package com.cksconsole.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * Signs a checkpoint every {@code console.audit.checkpoint-interval} when events were
 * appended since the last one, on a thread of its own (the verification before each
 * checkpoint reads the whole chain).
 */
final class CheckpointSchedule implements SmartLifecycle {

    private final AuditCheckpoints checkpoints;

    private final Duration interval;

    private @Nullable ScheduledExecutorService executor;

    CheckpointSchedule(AuditCheckpoints checkpoints, Duration interval) {
        this.checkpoints = checkpoints;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || interval.isNegative() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(task -> {
            var thread = new Thread(task, "audit-checkpoint");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(checkpoints::signIfHeadMoved, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

}
