package com.cksconsole.keystore.guided;

/**
 * What a step must have recorded before it sends its KMS call, so that a console that
 * stops in between knows the call may have been sent. Implemented by
 * {@link GuidedChangeEngine} over the database.
 */
interface StepRecorder {

    /**
     * Marks the step RUNNING (started now, unless it started before) with one more
     * attempt.
     */
    GuidedStep begin(GuidedRun run, GuidedStep step);

    /** Records that the update is being sent; false when a cancel came first. */
    boolean markUpdateStarted(GuidedRun run);

    /**
     * Records that the connect is being sent; false when "leave disconnected" came first.
     */
    boolean markConnectStarted(GuidedRun run);

}
