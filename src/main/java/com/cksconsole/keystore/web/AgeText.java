package com.cksconsole.keystore.web;

import java.time.Duration;

/** "12 seconds", "3 minutes": how old a snapshot is, for the stale-data notice. */
final class AgeText {

    private AgeText() {
    }

    static String of(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 120) {
            return seconds + (seconds == 1 ? " second" : " seconds");
        }
        long minutes = seconds / 60;
        if (minutes < 120) {
            return minutes + " minutes";
        }
        return (minutes / 60) + " hours";
    }

}
