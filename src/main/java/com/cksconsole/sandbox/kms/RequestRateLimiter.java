package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * The KMS request quota: N requests per second for each operation in each account and
 * Region (KMS Developer Guide, "Request quotas"), as a token bucket: N tokens at most,
 * one per request, refilled continuously at N per second. Refused requests take no token.
 *
 * <p>
 * The arithmetic is exact: a token is {@value #UNITS_PER_TOKEN} units and the bucket
 * gains N units per elapsed nanosecond, all in {@code long}s, so a client that keeps to
 * exactly N requests per second always finds its next token, with no rounding that
 * throttles the N-th request of a second. Time comes from the injected {@link Clock}, so
 * tests control it.
 */
final class RequestRateLimiter {

    /** One token, in units; one second of refill at N per second is N tokens. */
    static final long UNITS_PER_TOKEN = Duration.ofSeconds(1).toNanos();

    private record Key(String operation, AccountRegion region) {
    }

    /** Units in the bucket as of {@code at}. */
    private static final class Bucket {

        private long units;

        private Instant at;

        Bucket(long units, Instant at) {
            this.units = units;
            this.at = at;
        }

    }

    private final boolean enabled;

    private final int requestsPerSecond;

    private final long capacity;

    private final Clock clock;

    private final Map<Key, Bucket> buckets = new HashMap<>();

    RequestRateLimiter(boolean enabled, int requestsPerSecond, Clock clock) {
        this.enabled = enabled;
        this.requestsPerSecond = requestsPerSecond;
        this.capacity = requestsPerSecond * UNITS_PER_TOKEN;
        this.clock = clock;
    }

    /** Takes a token if there is one; false means ThrottlingException. */
    synchronized boolean tryAcquire(String operation, AccountRegion region) {
        if (!enabled) {
            return true;
        }
        Instant now = clock.instant();
        Bucket bucket = buckets.computeIfAbsent(new Key(operation, region), key -> new Bucket(capacity, now));
        if (now.isAfter(bucket.at)) {
            long elapsedNanos = Duration.between(bucket.at, now).toNanos();
            // Capped first: elapsedNanos * N cannot overflow once a full bucket's worth
            // of
            // time has passed.
            long refill = elapsedNanos >= UNITS_PER_TOKEN ? capacity : elapsedNanos * requestsPerSecond;
            bucket.units = Math.min(capacity, bucket.units + refill);
            bucket.at = now;
        }
        if (bucket.units < UNITS_PER_TOKEN) {
            return false;
        }
        bucket.units -= UNITS_PER_TOKEN;
        return true;
    }

}
