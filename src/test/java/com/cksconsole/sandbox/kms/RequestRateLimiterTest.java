package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The quota as a token bucket: a burst of N, then N per second, exactly. */
class RequestRateLimiterTest {

    private static final AccountRegion WORLD = new AccountRegion("111122223333", "us-east-1");

    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-03-01T10:15:00.123456789Z"));

    private final RequestRateLimiter limiter = new RequestRateLimiter(true, 5, clock);

    @Test
    void fiveAtOnceAreAcceptedAndTheSixthIsThrottled() {
        for (int i = 0; i < 5; i++) {
            assertThat(acquire()).as("request %d", i + 1).isTrue();
        }
        assertThat(acquire()).isFalse();
    }

    @Test
    void exactlyFivePerSecondIsNeverThrottledEvenAfterTheInitialBurst() {
        for (int i = 0; i < 5; i++) {
            acquire();
        }
        for (int i = 0; i < 50; i++) {
            clock.advance(Duration.ofMillis(200));
            assertThat(acquire()).as("request after %d steps of 200 ms", i + 1).isTrue();
        }
    }

    @Test
    void fiveEvenlySpacedPerSecondFromAFullBucketAreAcceptedForTenSeconds() {
        // The clock starts at an instant with nanoseconds: no refill may be rounded away.
        for (int second = 0; second < 10; second++) {
            for (int i = 0; i < 5; i++) {
                assertThat(acquire()).isTrue();
                clock.advance(Duration.ofNanos(200_000_000));
            }
        }
    }

    @Test
    void oneNanosecondShortOfATokenIsThrottled() {
        for (int i = 0; i < 5; i++) {
            acquire();
        }
        clock.advance(Duration.ofNanos(199_999_999));
        assertThat(acquire()).isFalse();

        clock.advance(Duration.ofNanos(1));
        assertThat(acquire()).isTrue();
    }

    @Test
    void theBucketHoldsAtMostFive() {
        clock.advance(Duration.ofHours(1));
        for (int i = 0; i < 5; i++) {
            assertThat(acquire()).isTrue();
        }
        assertThat(acquire()).isFalse();
    }

    @Test
    void refusedRequestsTakeNoToken() {
        for (int i = 0; i < 5; i++) {
            acquire();
        }
        for (int i = 0; i < 10; i++) {
            assertThat(acquire()).isFalse();
        }
        clock.advance(Duration.ofMillis(200));
        assertThat(acquire()).isTrue();
    }

    @Test
    void eachOperationAndWorldHasItsOwnBucket() {
        for (int i = 0; i < 5; i++) {
            acquire();
        }
        assertThat(limiter.tryAcquire("CreateCustomKeyStore", WORLD)).isTrue();
        assertThat(limiter.tryAcquire("DescribeCustomKeyStores", new AccountRegion("111122223333", "eu-west-1")))
            .isTrue();
    }

    @Test
    void switchedOffAcceptsEverything() {
        var off = new RequestRateLimiter(false, 5, clock);
        for (int i = 0; i < 100; i++) {
            assertThat(off.tryAcquire("DescribeCustomKeyStores", WORLD)).isTrue();
        }
    }

    private boolean acquire() {
        return limiter.tryAcquire("DescribeCustomKeyStores", WORLD);
    }

    /** A clock that moves only when told. */
    private static final class SteppingClock extends Clock {

        private Instant now;

        SteppingClock(Instant start) {
            this.now = start;
        }

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

    }

}
