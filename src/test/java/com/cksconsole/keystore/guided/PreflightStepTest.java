package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreflightStepTest {

    private final StepKit kit = new StepKit();

    @Test
    void anOpenPreflightStepIsTreatedAsDoneWithoutAskingKms() {
        var run = StepKit.run(GuidedMode.RECONNECT);
        var open = StepKit.pending(run, StepName.PREFLIGHT).with(StepStatus.PENDING, null, null, 0, null);

        var outcome = new PreflightStep().take(run, open, kit.recorder);

        assertThat(outcome).isInstanceOfSatisfying(StepOutcome.Done.class, done -> {
            assertThat(kit.text(done.detail())).isEqualTo("Recorded when the change was started.");
            assertThat(done.then()).isNull();
        });
        assertThat(kit.calls.sent).isEmpty();
        assertThat(kit.recorder.begun).isZero();
    }

}
