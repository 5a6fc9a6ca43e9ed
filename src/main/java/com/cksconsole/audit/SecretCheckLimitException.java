package com.cksconsole.audit;

import java.time.Duration;

/**
 * A secret check refused because the user made too many in the last minute; the refusal
 * was recorded.
 */
public class SecretCheckLimitException extends RuntimeException {

    private final int perMinute;

    private final Duration retryAfter;

    SecretCheckLimitException(int perMinute, Duration retryAfter) {
        super("More than " + perMinute + " secret checks in a minute");
        this.perMinute = perMinute;
        this.retryAfter = retryAfter;
    }

    public int perMinute() {
        return perMinute;
    }

    /** How long until the next check is allowed. */
    public Duration retryAfter() {
        return retryAfter;
    }

}
