package com.cksconsole.keystore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * When this console instance asked KMS to connect or disconnect a key store, so that
 * pages following the transition can say how long it has taken ("CONNECTING for 2
 * minutes"). KMS itself reports no start time. Kept in memory: after a restart, or for a
 * transition started elsewhere, the elapsed time is simply unknown.
 */
@Component
public class ConnectionTransitions {

    /**
     * Forgotten after this long, whatever happened (CloudHSM connections take up to 20
     * minutes).
     */
    static final Duration KEEP = Duration.ofHours(1);

    private record Started(ConnectionOperation operation, Instant at) {
    }

    private final Clock clock;

    private final Map<KeyStoreRef, Started> started = new ConcurrentHashMap<>();

    public ConnectionTransitions(Clock clock) {
        this.clock = clock;
    }

    public void started(KeyStoreRef store, ConnectionOperation operation) {
        Instant now = clock.instant();
        started.values().removeIf(entry -> entry.at().plus(KEEP).isBefore(now));
        started.put(store, new Started(operation, now));
    }

    /**
     * How long the store has been in a transient state that this console started:
     * CONNECTING after a connect, DISCONNECTING after a disconnect; empty otherwise.
     */
    public Optional<Duration> elapsed(KeyStoreRef ref, CustomKeyStore store) {
        var entry = started.get(ref);
        if (entry == null) {
            return Optional.empty();
        }
        boolean matches = entry.operation() == ConnectionOperation.CONNECT
                ? store.connectionState() == ConnectionState.CONNECTING
                : store.connectionState() == ConnectionState.DISCONNECTING;
        return matches ? Optional.of(Duration.between(entry.at(), clock.instant())) : Optional.empty();
    }

}
