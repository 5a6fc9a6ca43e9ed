package com.cksconsole.support;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The test tiers that need something outside the JVM (PostgreSQL, a browser) skip with a
 * printed reason where it is missing, and fail instead when
 * {@code CONSOLE_TEST_REQUIRE_ALL=true} (as CI sets it), so that CI can never pass by
 * skipping them.
 */
public final class TestEnvironment {

    private TestEnvironment() {
    }

    public static boolean requireAll() {
        return "true".equalsIgnoreCase(System.getenv("CONSOLE_TEST_REQUIRE_ALL"));
    }

    /**
     * Skips (or fails, under CONSOLE_TEST_REQUIRE_ALL) the calling test with a visible
     * reason.
     */
    public static void unavailable(String tier, String reason) {
        String message = "[" + tier + " tier] " + reason;
        if (requireAll()) {
            Assertions.fail(message + " (CONSOLE_TEST_REQUIRE_ALL=true makes this a failure)");
        }
        // Printed to the real stdout as well: Surefire's skip reasons are easy to miss in
        // a long build.
        System.out.println("SKIPPED " + message);
        Assumptions.abort(message);
    }

}
