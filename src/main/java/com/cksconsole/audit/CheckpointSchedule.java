package com.cksconsole.audit;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Signs a checkpoint every {@code console.audit.checkpoint-interval} when events were
 * appended since the last one, on a thread of its own (the verification before each
 * checkpoint reads the whole chain). Every instance on the database runs the schedule;
 * only the one that claims the period ({@link CheckpointTurns}) signs.
 */
final class CheckpointSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CheckpointSchedule.class);

    private final AuditCheckpoints checkpoints;

    private final CheckpointTurns turns;

    private final Duration interval;

    private @Nullable ScheduledExecutorService executor;

    CheckpointSchedule(AuditCheckpoints checkpoints, CheckpointTurns turns, Duration interval) {
        this.checkpoints = checkpoints;
        this.turns = turns;
        this.interval = interval;
    }

    /**
     * One run of the schedule: signs when this instance claims the period. Never throws,
     * so that a failed run (the database unavailable) does not end the schedule.
     */
    void tick() {
        boolean claimed;
        try {
            claimed = turns.claim(interval);
        }
        catch (RuntimeException e) {
            log.error("The periodic audit checkpoint failed: its period could not be claimed ({})", e.toString());
            return;
        }
        if (claimed) {
            checkpoints.signIfHeadMoved();
        }
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
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
