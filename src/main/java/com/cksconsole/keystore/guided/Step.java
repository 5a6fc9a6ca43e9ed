package com.cksconsole.keystore.guided;

/**
 * One step of a guided change (see {@link StepName}): it looks at the run and a fresh
 * Describe, makes at most one KMS call, and says what happened as a {@link StepOutcome}.
 * It never writes the run: {@link GuidedChangeEngine} records the outcome, reports it,
 * and decides when to call again. A step must be safe to take again after a restart: a
 * step found {@link StepStatus#RUNNING} may already have sent its call.
 */
interface Step {

    StepName name();

    /**
     * Takes the step once.
     * @param step the run's open step of this name (PENDING, or RUNNING when taken again)
     * @param recorder records, before a KMS call, that the call is about to be sent
     */
    StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder);

}
