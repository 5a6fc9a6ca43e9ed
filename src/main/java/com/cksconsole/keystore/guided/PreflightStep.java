package com.cksconsole.keystore.guided;

import org.springframework.stereotype.Component;

/**
 * The XKS pre-flight check: recorded when the run is created
 * ({@link GuidedChangeService#plan}), so never open. Treated as done should it ever be.
 */
@Component
final class PreflightStep implements Step {

    @Override
    public StepName name() {
        return StepName.PREFLIGHT;
    }

    @Override
    public StepOutcome take(GuidedRun run, GuidedStep step, StepRecorder recorder) {
        return new StepOutcome.Done(step, Sentence.of("guided.preflight.recorded"));
    }

}
