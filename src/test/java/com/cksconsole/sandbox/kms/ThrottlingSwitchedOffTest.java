package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The test profile switches the request quota off
 * ({@code console.sandbox.throttling.enabled=false}).
 */
class ThrottlingSwitchedOffTest extends SandboxKmsTestSupport {

    @Test
    void withoutAQuotaEveryRequestIsServed() {
        for (int i = 0; i < 25; i++) {
            assertThat(kms.describeCustomKeyStores().truncated()).isFalse();
        }
    }

}
