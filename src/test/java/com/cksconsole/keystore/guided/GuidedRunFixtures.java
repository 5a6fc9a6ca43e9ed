package com.cksconsole.keystore.guided;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.support.TestTargets;

/**
 * Guided changes in the application's own database, in states a test needs but cannot
 * reach through the pages at a moment of its choosing.
 */
public final class GuidedRunFixtures {

    private GuidedRunFixtures() {
    }

    /**
     * A guided change (renaming the store) of a console instance that died a moment ago:
     * it holds the store, and this instance's runner leaves it alone until its lease
     * expires, an hour from now.
     * @return the run ID
     */
    public static String heldByAStoppedInstance(ApplicationContext context, String storeId, String startedBy) {
        return heldByAStoppedInstance(context, TestTargets.ref(storeId), startedBy);
    }

    /**
     * {@link #heldByAStoppedInstance(ApplicationContext, String, String)} of a store of
     * any target.
     */
    public static String heldByAStoppedInstance(ApplicationContext context, KeyStoreRef ref, String startedBy) {
        var clock = context.getBean(Clock.class);
        var store = context.getBean(KeyStoreReads.class).describeNow(ref);
        var run = GuidedChangeService.plan(ref, store,
                new XksChange(store.name() + "-held", null, null, null, null, null, null), GuidedMode.RECONNECT,
                "held by a test", startedBy, null, clock.instant());
        context.getBean(GuidedRunRepository.class)
            .create(run, "console-stopped-instance", clock.instant().plus(Duration.ofHours(1)));
        return run.id();
    }

    /**
     * A guided change of {@code change} that a restart stopped before its disconnect, at
     * "needs the secret again" (nothing was sent to KMS; it holds the store).
     * {@code preflightOverridden}: it was started although its XKS pre-flight check
     * failed.
     * @return the run ID
     */
    public static String pausedForSecret(ApplicationContext context, String storeId, KeyStoreChange change,
            String startedBy, boolean preflightOverridden) {
        var clock = context.getBean(Clock.class);
        var store = context.getBean(KeyStoreReads.class).describeNow(TestTargets.ref(storeId));
        var planned = GuidedChangeService.plan(TestTargets.ref(store.id()), store, change, GuidedMode.RECONNECT,
                "CHG-restart", startedBy, null, clock.instant());
        var run = planned;
        if (preflightOverridden) {
            var steps = new java.util.ArrayList<>(planned.steps());
            steps.set(0,
                    steps.get(0)
                        .with(StepStatus.OVERRIDDEN, clock.instant(), clock.instant(), 1,
                                "The proxy could not be reached. Overridden by " + startedBy
                                        + ": behind a VPC endpoint service"));
            run = new GuidedRun(planned.id(), planned.store(), planned.storeName(), planned.storeType(), planned.mode(),
                    planned.status(), planned.change(), planned.settingsFingerprint(), planned.startedBy(),
                    planned.reason(), false, false, false, false, null, null, planned.createdAt(), planned.updatedAt(),
                    null, steps);
        }
        var runs = context.getBean(GuidedRunRepository.class);
        runs.create(run, "console-before-restart", clock.instant().plus(Duration.ofHours(1)));
        runs.pauseForSecret(run.id(), "The console restarted before this change disconnected the key store. Give "
                + "the " + run.secretLabel() + " again to go on, or cancel.", clock.instant());
        return run.id();
    }

    /**
     * The stopped instance's lease runs out now: the application's runner takes the run
     * over.
     */
    public static void expireLease(ApplicationContext context, String runId) {
        context.getBean(JdbcClient.class)
            .sql("update guided_change_run set lease_until = ? where id = ?")
            .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1), runId)
            .update();
    }

    /**
     * A run of an endpoint change of {@code store}, as the repository would read it back,
     * in the given status with its first {@code stepsDone} steps after the pre-flight
     * check done (for page tests).
     */
    public static GuidedRun sample(com.cksconsole.keystore.CustomKeyStore store, RunStatus status, int stepsDone,
            String outcome, NextAction next) {
        return sample(store, new XksChange(null, "https://xks-lab.sandbox.example.com", null, null, null, null, null),
                status, stepsDone, outcome, next);
    }

    /**
     * A run of {@code change} of {@code store} in the given status, with its first
     * {@code stepsDone} steps after the pre-flight check (if it has one) done (for page
     * tests).
     */
    public static GuidedRun sample(com.cksconsole.keystore.CustomKeyStore store,
            com.cksconsole.keystore.KeyStoreChange change, RunStatus status, int stepsDone, String outcome,
            NextAction next) {
        var now = java.time.Instant.parse("2026-03-01T10:00:00Z");
        var planned = GuidedChangeService.plan(TestTargets.ref(store.id()), store, change, GuidedMode.RECONNECT,
                "CHG-1", "olivia", null, now);
        int preflightSteps = planned.step(StepName.PREFLIGHT).isPresent() ? 1 : 0;
        var steps = new java.util.ArrayList<GuidedStep>();
        for (var step : planned.steps()) {
            boolean done = step.order() > preflightSteps && step.order() <= preflightSteps + stepsDone;
            steps.add(done ? step.with(StepStatus.DONE, now, now.plusSeconds(2), 1, step.name().label() + " done")
                    : step);
        }
        boolean ended = !status.isActive();
        return new GuidedRun(planned.id(), planned.store(), planned.storeName(), planned.storeType(), planned.mode(),
                status, planned.change(), planned.settingsFingerprint(), planned.startedBy(), planned.reason(), false,
                stepsDone >= 3, false, stepsDone >= 4, status == RunStatus.RUNNING ? null : outcome,
                status == RunStatus.RUNNING ? null : next, now, now, ended ? now.plusSeconds(9) : null, steps);
    }

    public static RunStatus status(ApplicationContext context, String runId) {
        return context.getBean(GuidedRunRepository.class).find(runId).orElseThrow().status();
    }

    public static GuidedRun run(ApplicationContext context, String runId) {
        return context.getBean(GuidedRunRepository.class).find(runId).orElseThrow();
    }

}
