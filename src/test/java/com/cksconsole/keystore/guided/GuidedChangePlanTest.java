package com.cksconsole.keystore.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/** The steps a new guided change plans, per key store type. */
class GuidedChangePlanTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void aCloudHsmChangeHasNoXksPreFlightStep() {
        var run = GuidedChangeService.plan(TestTargets.ref(TestKeyStores.cloudHsm(ConnectionState.CONNECTED).id()),
                TestKeyStores.cloudHsm(ConnectionState.CONNECTED),
                new CloudHsmChange("payments-hsm-renamed", null, null), GuidedMode.RECONNECT, null, "olivia", null,
                NOW);

        assertThat(run.steps()).extracting(GuidedStep::name)
            .containsExactly(StepName.DISCONNECT, StepName.WAIT_FOR_DISCONNECTED, StepName.UPDATE, StepName.CONNECT,
                    StepName.WAIT_FOR_CONNECTED);
        assertThat(run.steps()).extracting(GuidedStep::order).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void anExternalKeyStoreChangeStartsWithItsPreFlightStepEvenWhenNoCheckWasNeeded() {
        var run = GuidedChangeService.plan(TestTargets.ref(TestKeyStores.xksPublic(ConnectionState.CONNECTED).id()),
                TestKeyStores.xksPublic(ConnectionState.CONNECTED),
                new XksChange("ekm-renamed", null, null, null, null, null, null), GuidedMode.LEAVE_DISCONNECTED, null,
                "olivia", null, NOW);

        assertThat(run.steps()).extracting(GuidedStep::name)
            .containsExactly(StepName.PREFLIGHT, StepName.DISCONNECT, StepName.WAIT_FOR_DISCONNECTED, StepName.UPDATE);
        assertThat(run.steps().get(0).status()).isEqualTo(StepStatus.SKIPPED);
    }

}
