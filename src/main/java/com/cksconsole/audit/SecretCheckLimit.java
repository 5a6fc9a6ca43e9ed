package com.cksconsole.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code console.audit.secret-check-per-minute} secret checks per user in any 60
 * seconds (a sliding window), so that the check cannot be used to guess a secret quickly.
 * Kept in memory: the limit applies per console instance.
 */
final class SecretCheckLimit {

    static final Duration WINDOW = Duration.ofMinutes(1);

    private final int perMinute;

    private final Clock clock;

    private final Map<String, Deque<Instant>> recent = new HashMap<>();

    SecretCheckLimit(int perMinute, Clock clock) {
        if (perMinute < 1) {
            throw new IllegalStateException("console.audit.secret-check-per-minute must be at least 1");
        }
        this.perMinute = perMinute;
        this.clock = clock;
    }

    int perMinute() {
        return perMinute;
    }

    /**
     * Takes one check for {@code user}: empty when it is allowed (and counted), else how
     * long until the next one will be.
     */
    synchronized Optional<Duration> take(String user) {
        Instant now = clock.instant();
        Instant windowStart = now.minus(WINDOW);
        recent.values().forEach(times -> {
            while (!times.isEmpty() && !times.peekFirst().isAfter(windowStart)) {
                times.pollFirst();
            }
        });
        recent.values().removeIf(Deque::isEmpty);
        var times = recent.computeIfAbsent(user, u -> new ArrayDeque<>());
        if (times.size() >= perMinute) {
            return Optional.of(Duration.between(windowStart, times.peekFirst()));
        }
        times.addLast(now);
        return Optional.empty();
    }

}
