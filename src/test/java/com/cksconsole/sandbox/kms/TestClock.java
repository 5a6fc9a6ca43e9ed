package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand. Each test freezes it at the real time first (so SigV4 dates of the SDK client,
 * which signs with the real time, stay within KMS's 5-minute window) and then advances it explicitly.
 */
final class TestClock extends Clock {

    private volatile Instant now = Instant.now();

    void freezeAtRealTime() {
        now = Instant.now();
    }

    void freezeAt(Instant instant) {
        now = instant;
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("UTC only");
    }
}
