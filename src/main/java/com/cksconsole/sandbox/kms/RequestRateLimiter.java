package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * The KMS request quota: at most N requests per second for each operation in each account
 * and Region, counted over a sliding one-second window. Refused requests do not count.
 * Time comes from the injected {@link Clock}, so tests control it.
 */
final class RequestRateLimiter {

    private static final Duration WINDOW = Duration.ofSeconds(1);

    private record Key(String operation, AccountRegion region) {
    }

    private final boolean enabled;

    private final int requestsPerSecond;

    private final Clock clock;

    private final Map<Key, Deque<Instant>> accepted = new HashMap<>();

    RequestRateLimiter(boolean enabled, int requestsPerSecond, Clock clock) {
        this.enabled = enabled;
        this.requestsPerSecond = requestsPerSecond;
        this.clock = clock;
    }

    /** Counts the request if it is within the quota; false means ThrottlingException. */
    synchronized boolean tryAcquire(String operation, AccountRegion region) {
        if (!enabled) {
            return true;
        }
        Instant now = clock.instant();
        Deque<Instant> window = accepted.computeIfAbsent(new Key(operation, region), key -> new ArrayDeque<>());
        while (!window.isEmpty() && !window.peekFirst().isAfter(now.minus(WINDOW))) {
            window.removeFirst();
        }
        if (window.size() >= requestsPerSecond) {
            return false;
        }
        window.addLast(now);
        return true;
    }

}
