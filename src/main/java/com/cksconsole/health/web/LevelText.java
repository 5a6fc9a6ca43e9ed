package com.cksconsole.health.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.health.HealthLevel;

/**
 * How the health pages write a level (in words, never by colour alone) and its badge
 * class, and times in UTC. The templates read it as the bean {@code healthText}.
 */
@Component("healthText")
class LevelText {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
        .withZone(ZoneOffset.UTC);

    static String of(HealthLevel level) {
        return switch (level) {
            case UNKNOWN -> "Unknown";
            case HEALTHY -> "Healthy";
            case AT_RISK -> "At risk";
            case FAILING -> "Failing";
        };
    }

    static String badgeClass(HealthLevel level) {
        return switch (level) {
            case UNKNOWN -> "badge--disconnected";
            case HEALTHY -> "badge--connected";
            case AT_RISK -> "badge--transient";
            case FAILING -> "badge--failed";
        };
    }

    public String level(HealthLevel level) {
        return of(level);
    }

    public String badge(HealthLevel level) {
        return badgeClass(level);
    }

    public String utc(@Nullable Instant at) {
        return at == null ? "" : UTC.format(at);
    }

}
