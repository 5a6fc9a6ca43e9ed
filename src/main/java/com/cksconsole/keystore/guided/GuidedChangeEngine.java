package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import org.springframework.context.ApplicationEventPublisher;
import com.cksconsole.keystore.KeyStoreActivityAction;
import com.cksconsole.keystore.KeyStoreActivityRecord;

/**
 * Moves a guided change on by one step per call, from what the database and a fresh
 * Describe say (so that any instance can pick a run up after a restart): disconnect, wait
 * for DISCONNECTED, update, connect, wait for CONNECTED or FAILED, each a {@link Step}.
 * The engine only sequences and records: it takes the run's first open step, records the
 * step's {@link StepOutcome} (rendering its sentences from the message bundle), reports
 * it as a {@link KeyStoreActivityRecord} event, and says when to call again. Every step
 * is recorded with its time and result before and after its KMS call
 * ({@link StepRecorder}).
 *
 * <p>
 * Before each KMS call a step describes the store again: the run sends nothing once
 * someone else has changed a setting or the state is not the one the step expects. A step
 * whose call may already have reached KMS (it was recorded as started, then the console
 * stopped) is judged by the state KMS shows, so it is never sent twice without need. KMS
 * throttling, timeouts and internal errors are retried up to
 * {@code console.guided.call-attempts} times; everything else stops the run and says
 * where the store stands.
 */
@Component
class GuidedChangeEngine {

    private static final Logger log = LoggerFactory.getLogger(GuidedChangeEngine.class);

    private final GuidedRunRepository runs;

    private final Map<StepName, Step> steps = new EnumMap<>(StepName.class);

    private final KeyStoreCalls calls;

    private final RunSecrets secrets;

    private final ApplicationEventPublisher activity;

    private final Sentences sentences;

    private final GuidedChangeProperties properties;

    private final Clock clock;

    private final StepRecorder recorder = new Recorder();

    GuidedChangeEngine(GuidedRunRepository runs, List<Step> steps, KeyStoreCalls calls, RunSecrets secrets,
            ApplicationEventPublisher activity, Sentences sentences, GuidedChangeProperties properties, Clock clock) {
        this.runs = runs;
        for (var step : steps) {
            if (this.steps.put(step.name(), step) != null) {
                throw new IllegalArgumentException("Two steps named " + step.name());
            }
        }
        for (var name : StepName.values()) {
            if (!this.steps.containsKey(name)) {
                throw new IllegalArgumentException("No step named " + name);
            }
        }
        this.calls = calls;
        this.secrets = secrets;
        this.activity = activity;
        this.sentences = sentences;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Does the next piece of work of a run.
     * @return when to call again; empty when the run has ended or paused (nothing to
     * drive)
     */
    Optional<Duration> advance(String runId) {
        var found = runs.find(runId);
        if (found.isEmpty() || found.get().status() != RunStatus.RUNNING) {
            return Optional.empty();
        }
        var run = found.get();
        return OnBehalfOf.operator(run.startedBy(), () -> advance(run));
    }

    private Optional<Duration> advance(GuidedRun run) {
        var current = run.currentStep();
        if (current.isEmpty()) {
            finish(run,
                    new StepOutcome.RunEnd(RunStatus.COMPLETED, Sentence.of("guided.run.allDone"), NextAction.NONE));
            return Optional.empty();
        }
        var step = current.get();
        // Every name has its step (checked when the engine is made).
        var taken = Objects.requireNonNull(steps.get(step.name())).take(run, step, recorder);
        return record(run, taken);
    }

    /**
     * Records what a step came to; returns when to call again (empty: the run ended or
     * paused).
     */
    private Optional<Duration> record(GuidedRun run, StepOutcome outcome) {
        if (outcome instanceof StepOutcome.Done done) {
            complete(run, done.step(), done.detail());
            return then(run, done.then());
        }
        if (outcome instanceof StepOutcome.Skipped skipped) {
            skip(run, skipped.step(), skipped.detail());
            return then(run, skipped.then());
        }
        if (outcome instanceof StepOutcome.Later later) {
            var step = later.step();
            var note = later.note();
            if (step != null && note != null) {
                note(run, step, note);
            }
            return Optional.of(properties.pollInterval());
        }
        if (outcome instanceof StepOutcome.Again) {
            return Optional.of(Duration.ZERO);
        }
        if (outcome instanceof StepOutcome.Stopped stopped) {
            stop(run, stopped);
            return Optional.empty();
        }
        if (outcome instanceof StepOutcome.Ended ended) {
            finish(run, ended.end());
            return Optional.empty();
        }
        var paused = (StepOutcome.NeedsSecret) outcome;
        runs.pauseForSecret(run.id(), sentences.render(paused.outcome()), clock.instant());
        activity.publishEvent(record(run, KeyStoreActivityAction.GUIDED_RUN_NEEDS_SECRET).noted());
        return Optional.empty();
    }

    private Optional<Duration> then(GuidedRun run, StepOutcome.@Nullable RunEnd end) {
        if (end == null) {
            return Optional.of(Duration.ZERO);
        }
        finish(run, end);
        return Optional.empty();
    }

    private void note(GuidedRun run, GuidedStep step, Sentence detail) {
        runs.saveStep(run.id(),
                step.with(step.status(), step.startedAt(), null, step.attempts(), sentences.render(detail)),
                clock.instant());
    }

    private void complete(GuidedRun run, GuidedStep step, Sentence detail) {
        var now = clock.instant();
        var done = step.with(StepStatus.DONE, step.startedAt() == null ? now : step.startedAt(), now,
                Math.max(1, step.attempts()), sentences.render(detail));
        runs.saveStep(run.id(), done, now);
        activity.publishEvent(stepRecord(run, done).succeeded(null));
    }

    private void skip(GuidedRun run, GuidedStep step, Sentence detail) {
        var now = clock.instant();
        var skipped = step.with(StepStatus.SKIPPED, step.startedAt(), now, step.attempts(), sentences.render(detail));
        runs.saveStep(run.id(), skipped, now);
        activity.publishEvent(stepRecord(run, skipped).noted());
    }

    /** Stops the run at a failed step. */
    private void stop(GuidedRun run, StepOutcome.Stopped stopped) {
        var step = stopped.step();
        var now = clock.instant();
        var failed = step.with(StepStatus.FAILED, step.startedAt() == null ? now : step.startedAt(), now,
                step.attempts(), sentences.render(stopped.detail()));
        runs.saveStep(run.id(), failed, now);
        activity.publishEvent(stepRecord(run, failed).failed(step.name().name() + "Failed", null));
        finish(run, new StepOutcome.RunEnd(RunStatus.FAILED, stopped.outcome(), stopped.next()));
    }

    private void finish(GuidedRun run, StepOutcome.RunEnd end) {
        var status = end.status();
        String outcome = sentences.render(end.outcome());
        // The same update erases the run's sealed secret.
        runs.finish(run, status, outcome, end.next(), clock.instant());
        secrets.dropFromMemory(run.id());
        calls.forgetSnapshot(run.store());
        var record = record(run, KeyStoreActivityAction.GUIDED_RUN_ENDED).with("status", status)
            .with("outcome", outcome)
            .with("nextAction", end.next());
        activity.publishEvent(status == RunStatus.COMPLETED ? record.succeeded(null)
                : status == RunStatus.CANCELLED ? record.noted() : record.failed("GuidedChangeStopped", null));
        log.info("Guided change {} of {} ended {}", run.id(), run.storeId(), status);
    }

    private static KeyStoreActivityRecord record(GuidedRun run, KeyStoreActivityAction action) {
        return KeyStoreActivityRecord.intent(action, run.store(), run.startedBy(), run.id());
    }

    private static KeyStoreActivityRecord stepRecord(GuidedRun run, GuidedStep step) {
        return record(run, KeyStoreActivityAction.GUIDED_STEP).with("step", step.name())
            .with("status", step.status())
            .with("startedAt", step.startedAt())
            .with("finishedAt", step.finishedAt())
            .with("attempts", step.attempts())
            .with("detail", step.detail());
    }

    /** Records, over the database, what a step must have recorded before its KMS call. */
    private final class Recorder implements StepRecorder {

        @Override
        public GuidedStep begin(GuidedRun run, GuidedStep step) {
            var now = clock.instant();
            var started = step.with(StepStatus.RUNNING, step.startedAt() == null ? now : step.startedAt(), null,
                    step.attempts() + 1, step.detail());
            runs.saveStep(run.id(), started, now);
            return started;
        }

        @Override
        public boolean markUpdateStarted(GuidedRun run) {
            return runs.markUpdateStarted(run.id(), clock.instant());
        }

        @Override
        public boolean markConnectStarted(GuidedRun run) {
            return runs.markConnectStarted(run.id(), clock.instant());
        }

    }

}
