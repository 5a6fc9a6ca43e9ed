package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * How long a connect or disconnect the console asked for has taken: shown only while the
 * store is in the matching transient state, for at most an hour, and never at the price
 * of the connect itself.
 */
class ConnectionTransitionsTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);

    private final ConnectionTransitions transitions = new ConnectionTransitions(clock,
            new InMemoryConnectionTransitionRecords());

    private final KeyStoreRef ref = TestTargets.ref(TestKeyStores.cloudHsm(ConnectionState.CONNECTING).id());

    @Test
    void aConnectShowsItsElapsedTimeWhileTheStoreIsConnecting() {
        transitions.started(ref, ConnectionOperation.CONNECT);
        clock.advance(Duration.ofSeconds(95));

        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING)))
            .contains(Duration.ofSeconds(95));
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTED))).isEmpty();
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING))).isEmpty();
    }

    @Test
    void aDisconnectShowsItsElapsedTimeOnlyWhileTheStoreIsDisconnecting() {
        transitions.started(ref, ConnectionOperation.DISCONNECT);
        clock.advance(Duration.ofSeconds(3));

        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.DISCONNECTING)))
            .contains(Duration.ofSeconds(3));
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING))).isEmpty();
    }

    @Test
    void aTransitionIsShownForAnHourAndNotAMillisecondLonger() {
        transitions.started(ref, ConnectionOperation.CONNECT);

        clock.advance(ConnectionTransitions.KEEP);
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING)))
            .contains(ConnectionTransitions.KEEP);
        clock.advance(Duration.ofMillis(1));
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING))).isEmpty();
    }

    @Test
    void aStoreTheConsoleDidNotStartShowsNoElapsedTime() {
        assertThat(transitions.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING))).isEmpty();
    }

    @Test
    void recordsThatCannotBeWrittenOrReadCostTheElapsedTimeOnly() {
        var broken = new ConnectionTransitions(clock, new ConnectionTransitionRecords() {

            @Override
            public void record(KeyStoreRef store, Started started) {
                throw new IllegalStateException("database down");
            }

            @Override
            public Optional<Started> find(KeyStoreRef store) {
                throw new IllegalStateException("database down");
            }

            @Override
            public void forgetBefore(Instant instant) {
                throw new IllegalStateException("database down");
            }
        });

        assertThatNoException().isThrownBy(() -> broken.started(ref, ConnectionOperation.CONNECT));
        assertThat(broken.elapsed(ref, TestKeyStores.cloudHsm(ConnectionState.CONNECTING))).isEmpty();
    }

}
