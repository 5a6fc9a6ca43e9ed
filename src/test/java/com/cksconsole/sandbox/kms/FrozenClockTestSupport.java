package com.cksconsole.sandbox.kms;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.support.MutableClock;
import com.cksconsole.xks.XksProxyClient;

/**
 * The second shared context of the sandbox tests: the application's clock is a {@link MutableClock}, so transient
 * connection states last exactly until the test advances time, and CloudHSM rename while CONNECTED is switched
 * on ({@code console.kms.cloudhsm-rename-while-connected=true}), the other way of the project's setting.
 *
 * <p>The XKS proxy client is wrapped to record the GetHealthStatus calls the sandbox makes (they still reach the
 * built-in proxy).
 *
 * <p>Each test first sets the clock to the real time: the SDK client signs with the real time, and KMS refuses
 * signatures more than 5 minutes away from its clock.
 */
@Import(FrozenClockTestSupport.ClockConfiguration.class)
@TestPropertySource(properties = "console.kms.cloudhsm-rename-while-connected=true")
abstract class FrozenClockTestSupport extends SandboxKmsTestSupport {

    /** As in the test profile. */
    static final Duration CONNECT_DELAY = Duration.ofMillis(150);
    static final Duration DISCONNECT_DELAY = Duration.ofMillis(100);

    @Autowired
    MutableClock clock;

    @BeforeEach
    void freezeClockAtRealTime() {
        setClock(Instant.now());
    }

    void setClock(Instant instant) {
        clock.advance(Duration.between(clock.instant(), instant));
    }

    @Autowired
    RecordingXksProxyClient xksCalls;

    @BeforeEach
    void forgetXksCalls() {
        xksCalls.clear();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }

        /** Records what the sandbox asks the (real) XKS proxy client, which still does the work. */
        @Bean
        @Primary
        RecordingXksProxyClient recordingXksProxyClient(XksProxyClient xksProxyClient) {
            return new RecordingXksProxyClient(xksProxyClient);
        }
    }
}
