package com.cksconsole.sandbox.kms;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * The second shared context of the sandbox tests: the application's clock is a {@link TestClock}, so transient
 * connection states last exactly until the test advances time, and CloudHSM rename while CONNECTED is switched
 * on ({@code console.kms.cloudhsm-rename-while-connected=true}), the other way of the project's setting.
 */
@Import(FrozenClockTestSupport.ClockConfiguration.class)
@TestPropertySource(properties = "console.kms.cloudhsm-rename-while-connected=true")
abstract class FrozenClockTestSupport extends SandboxKmsTestSupport {

    /** As in the test profile. */
    static final Duration CONNECT_DELAY = Duration.ofMillis(150);
    static final Duration DISCONNECT_DELAY = Duration.ofMillis(100);

    @Autowired
    TestClock clock;

    @BeforeEach
    void freezeClock() {
        clock.freezeAtRealTime();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }
}
