package com.cksconsole.health;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The periods the health page shows, each cut into buckets small enough to see a change
 * and few enough to draw (60 to 168 points).
 */
public enum HealthWindow {

    HOUR("1h", Duration.ofHours(1), Duration.ofMinutes(1)), DAY("24h", Duration.ofHours(24), Duration.ofMinutes(15)),
    WEEK("7d", Duration.ofDays(7), Duration.ofHours(1)), MONTH("30d", Duration.ofDays(30), Duration.ofHours(6));

    private final String label;

    private final Duration length;

    private final Duration bucket;

    HealthWindow(String label, Duration length, Duration bucket) {
        this.label = label;
        this.length = length;
        this.bucket = bucket;
    }

    /**
     * As written in URLs and on the page: {@code 1h}, {@code 24h}, {@code 7d},
     * {@code 30d}.
     */
    public String label() {
        return label;
    }

    public Duration length() {
        return length;
    }

    public Duration bucket() {
        return bucket;
    }

    public int buckets() {
        return (int) (length.toSeconds() / bucket.toSeconds());
    }

    public static Optional<HealthWindow> ofLabel(String label) {
        return Arrays.stream(values()).filter(window -> window.label.equals(label)).findFirst();
    }

}
