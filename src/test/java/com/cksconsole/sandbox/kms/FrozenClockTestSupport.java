package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.support.MutableClock;
import com.cksconsole.xks.XksProxyClient;

/**
 * The second shared context of the sandbox tests: the application's clock is a
 * {@link MutableClock}, so transient connection states last exactly until the test
 * advances time, and CloudHSM rename while CONNECTED is switched on
 * ({@code console.kms.cloudhsm-rename-while-connected=true}), the other way of the
 * project's setting.
 *
 * <p>
 * The XKS proxy client is wrapped to record the GetHealthStatus calls the sandbox makes
 * (they still reach the built-in proxy).
 *
 * <p>
 * Each test first sets the clock to the real time: the SDK client signs with the real
 * time, and KMS refuses signatures more than 5 minutes away from its clock.
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

    /** The five connection states, for state-by-state tests. */
    enum State {

        DISCONNECTED, CONNECTING, CONNECTED, FAILED, DISCONNECTING

    }

    /**
     * A store in the given state. External key stores: public /tenant-b (healthy), or,
     * for FAILED, a VPC store whose proxy path reports every key manager unavailable.
     */
    String storeIn(State state, boolean externalKeyStore) {
        String id;
        if (!externalKeyStore) {
            id = createCloudHsm("m-store", SPARE_CLUSTER,
                    state == State.FAILED ? "NotTheRightOne7" : SPARE_CLUSTER_PASSWORD);
        }
        else if (state == State.FAILED) {
            id = createVpcXks("m-store", PRIVATE_ENDPOINT, "/unavailable/kms/xks/v1", LAB, VPC_SERVICE_ID);
        }
        else {
            id = createPublicXks("m-store");
        }
        if (state == State.DISCONNECTED) {
            return id;
        }
        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));
        if (state == State.CONNECTING) {
            return id;
        }
        clock.advance(CONNECT_DELAY);
        assertThat(state(id)).isIn(ConnectionStateType.CONNECTED, ConnectionStateType.FAILED);
        if (state == State.DISCONNECTING) {
            kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));
        }
        assertThat(state(id)).isEqualTo(ConnectionStateType.valueOf(state.name()));
        return id;
    }

    ConnectionStateType state(String id) {
        return describe(id).connectionState();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(Instant.now());
        }

        /**
         * Records what the sandbox asks the (real) XKS proxy client, which still does the
         * work.
         */
        @Bean
        @Primary
        RecordingXksProxyClient recordingXksProxyClient(XksProxyClient xksProxyClient) {
            return new RecordingXksProxyClient(xksProxyClient);
        }

    }

}
