package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KmsFailure;

/** Decisions and sentences more than one step shares. */
final class StepSupport {

    private static final Logger log = LoggerFactory.getLogger(StepSupport.class);

    private StepSupport() {
    }

    /**
     * A fresh Describe's store, or the outcome of not having one: stopped (gone, or KMS
     * refuses) or later.
     */
    sealed interface Fresh {

    }

    record Store(CustomKeyStore store) implements Fresh {
    }

    record NoStore(StepOutcome outcome, @Nullable KmsFailure transientFailure) implements Fresh {
    }

    /**
     * Describes the run's store: a store that is gone, or a KMS that refuses to describe
     * it, stops the run; a transient failure (throttling, a timeout) leaves the outcome
     * to the step ({@link NoStore#transientFailure}).
     */
    static Fresh describe(KeyStoreCalls calls, GuidedRun run, GuidedStep step) {
        var described = calls.describe(run.store());
        if (described instanceof KeyStoreCalls.Seen seen) {
            return new Store(seen.store());
        }
        if (described instanceof KeyStoreCalls.Unanswered unanswered) {
            var failure = unanswered.failure();
            log.info("Guided change {}: Describe of {} failed ({}); trying again", run.id(), run.storeId(),
                    failure.errorCode());
            if (failure.kind().isTransient()) {
                return new NoStore(StepOutcome.Later.POLL, failure);
            }
            return new NoStore(
                    new StepOutcome.Stopped(step, Sentence.of("guided.describe.failed.detail", failure.errorCode()),
                            Sentence.of("guided.describe.failed.outcome", failure.errorCode()), NextAction.WAIT),
                    null);
        }
        return new NoStore(gone(step), null);
    }

    static StepOutcome gone(GuidedStep step) {
        return new StepOutcome.Stopped(step, Sentence.of("guided.gone.detail"), Sentence.of("guided.gone.outcome"),
                NextAction.NONE);
    }

    /**
     * The outcome of a connect or disconnect that found the store gone or held by another
     * change.
     */
    static StepOutcome goneOrBusy(KeyStoreCalls.CallResult result, GuidedStep step) {
        if (result instanceof KeyStoreCalls.Gone) {
            return gone(step);
        }
        if (result instanceof KeyStoreCalls.Busy) {
            return busy(step);
        }
        throw new IllegalStateException("Not a result of a connect or disconnect: " + result);
    }

    static StepOutcome busy(GuidedStep step) {
        return new StepOutcome.Stopped(step, Sentence.of("guided.busy.detail"), Sentence.of("guided.busy.outcome"),
                NextAction.WAIT);
    }

    /**
     * Whether a failed call is tried again: KMS throttled, timed out or failed inside,
     * and attempts are left.
     */
    static boolean retryable(KmsFailure failure, GuidedStep step, GuidedChangeProperties properties) {
        return failure.kind().isTransient() && step.attempts() < properties.callAttempts();
    }

    static StepOutcome retrying(GuidedStep step, KmsFailure failure) {
        return new StepOutcome.Later(step,
                Sentence.of("guided.step.retrying", String.valueOf(step.attempts()), failure.errorCode()));
    }

    /** "KMS accepted …", with the request ID when KMS gave one. */
    static Sentence accepted(String operation, @Nullable String requestId) {
        return requestId == null ? Sentence.of("guided.step.accepted", operation)
                : Sentence.of("guided.step.acceptedWithRequestId", operation, requestId);
    }

    /** What the operator should do next, from the store's state. */
    static NextAction nextFor(@Nullable CustomKeyStore store) {
        if (store == null) {
            return NextAction.WAIT;
        }
        return switch (store.connectionState()) {
            case CONNECTED -> NextAction.NONE;
            case DISCONNECTED -> NextAction.CONNECT;
            case FAILED -> NextAction.DISCONNECT;
            default -> NextAction.WAIT;
        };
    }

    /** Where the store stands, as a sentence for an outcome. */
    static Sentence state(@Nullable CustomKeyStore store) {
        if (store == null) {
            return Sentence.of("guided.state.unknown");
        }
        return switch (store.connectionState()) {
            case CONNECTED -> Sentence.of("guided.state.connected");
            case DISCONNECTED -> Sentence.of("guided.state.disconnected");
            case FAILED -> Sentence.of("guided.state.failed");
            default -> Sentence.of("guided.state.moving", String.valueOf(store.connectionState()));
        };
    }

    /**
     * Whether a wait that began at the step's start has lasted longer than {@code limit}.
     */
    static boolean timedOut(GuidedStep step, Duration limit, Clock clock) {
        return step.startedAt() != null && Duration.between(step.startedAt(), clock.instant()).compareTo(limit) > 0;
    }

    /**
     * A wait gave up: the run stops and says where the store stands (KMS goes on by
     * itself).
     */
    static StepOutcome stopWaiting(GuidedRun run, GuidedStep step, String target, Duration limit,
            @Nullable CustomKeyStore store) {
        var stateNow = store == null ? Sentence.of("guided.wait.stateUnknown")
                : Sentence.of("guided.wait.stillIn", String.valueOf(store.connectionState()));
        var minutes = minutes(limit);
        String setting = target.equals("CONNECTED") ? "connected" : "disconnected";
        return new StepOutcome.Stopped(step, Sentence.of("guided.wait.timedOut.detail", target, minutes),
                Sentence.of(run.stepDone(StepName.UPDATE) ? "guided.wait.timedOut.outcome.updated"
                        : "guided.wait.timedOut.outcome.notUpdated", target, minutes, setting, stateNow),
                NextAction.WAIT);
    }

    /** How long a step has taken, for "DISCONNECTED after 4.2 s". */
    static Sentence took(GuidedStep step, Clock clock) {
        var took = step.duration(clock.instant());
        if (took == null) {
            return Sentence.of("guided.duration.moment");
        }
        long millis = took.toMillis();
        return millis < 60_000
                ? Sentence.of("guided.duration.seconds", String.format(Locale.ROOT, "%.1f", millis / 1000.0))
                : Sentence.of("guided.duration.minutesSeconds", String.valueOf(millis / 60_000),
                        String.valueOf(millis / 1000 % 60));
    }

    private static Sentence minutes(Duration limit) {
        return limit.toMinutes() >= 1 ? Sentence.of("guided.duration.minutes", String.valueOf(limit.toMinutes()))
                : Sentence.of("guided.duration.millis", String.valueOf(limit.toMillis()));
    }

}
