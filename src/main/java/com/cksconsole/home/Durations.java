package com.cksconsole.home;

import java.time.Duration;

/**
 * "45 seconds", "25 minutes", "3 hours", "2 days": how long something has lasted, for the
 * overview.
 */
final class Durations {

    private Durations() {
    }

    static String text(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds < 120) {
            return seconds == 1 ? "1 second" : seconds + " seconds";
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " minutes";
        }
        long hours = minutes / 60;
        if (hours < 48) {
            return hours + " hours";
        }
        return (hours / 24) + " days";
    }

}
