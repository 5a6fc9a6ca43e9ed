package com.cksconsole.keystore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.ConnectionTransitionRecords.Started;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * When the console asked KMS to connect or disconnect a key store, so that pages
 * following the transition can say how long it has taken ("CONNECTING for 2 minutes").
 * KMS itself reports no start time. Kept in the database
 * ({@link ConnectionTransitionRecords}), so that every console instance behind a load
 * balancer says the same: a page served by another instance than the one that sent the
 * connect shows the same elapsed time, not none. The elapsed time is a courtesy: when it
 * cannot be recorded or read, the page simply does not show it, and the connect or
 * disconnect itself is unaffected.
 */
@Component
public class ConnectionTransitions {

    /**
     * Forgotten after this long, whatever happened (CloudHSM connections take up to 20
     * minutes).
     */
    static final Duration KEEP = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(ConnectionTransitions.class);

    private final Clock clock;

    private final ConnectionTransitionRecords records;

    public ConnectionTransitions(Clock clock, ConnectionTransitionRecords records) {
        this.clock = clock;
        this.records = records;
    }

    /** Records that KMS accepted a connect or disconnect of the store just now. */
    public void started(KeyStoreRef store, ConnectionOperation operation) {
        Instant now = clock.instant();
        try {
            records.forgetBefore(now.minus(KEEP));
            records.record(store, new Started(operation, now));
        }
        catch (RuntimeException e) {
            // KMS has the request already: only the elapsed time is lost.
            log.warn("Could not record when the {} of key store {} started ({})", operation, store.keyStoreId(),
                    e.toString());
        }
    }

    /**
     * How long the store has been in a transient state that the console started:
     * CONNECTING after a connect, DISCONNECTING after a disconnect; empty otherwise.
     * Reads the database only for a store in one of those states.
     */
    public Optional<Duration> elapsed(KeyStoreRef ref, CustomKeyStore store) {
        var state = store.connectionState();
        if (state != ConnectionState.CONNECTING && state != ConnectionState.DISCONNECTING) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Started> started;
        try {
            started = records.find(ref);
        }
        catch (RuntimeException e) {
            log.warn("Could not read when the transition of key store {} started ({})", ref.keyStoreId(), e.toString());
            return Optional.empty();
        }
        return started.filter(entry -> !entry.at().plus(KEEP).isBefore(now))
            .filter(entry -> entry.operation() == ConnectionOperation.CONNECT ? state == ConnectionState.CONNECTING
                    : state == ConnectionState.DISCONNECTING)
            .map(entry -> Duration.between(entry.at(), now));
    }

}
