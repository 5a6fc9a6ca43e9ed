package com.cksconsole.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How Prometheus reaches {@code /actuator/prometheus} without a session.
 *
 * @param scrapeToken a bearer token (at least 32 characters, e.g.
 * {@code openssl rand -base64 32}) that opens {@code GET /actuator/prometheus} and
 * nothing else, without a session; from the environment
 * ({@code CONSOLE_METRICS_SCRAPE_TOKEN}) or a secret store, never logged. Empty: only a
 * signed-in ADMIN reads the metrics
 */
@ConfigurationProperties("console.metrics")
record MetricsScrapeProperties(@Nullable String scrapeToken) {

    static final int MIN_TOKEN_LENGTH = 32;

    MetricsScrapeProperties {
        if (scrapeToken != null && !scrapeToken.isBlank() && scrapeToken.strip().length() < MIN_TOKEN_LENGTH) {
            throw new IllegalArgumentException("console.metrics.scrape-token must have at least " + MIN_TOKEN_LENGTH
                    + " characters (e.g. 'openssl rand -base64 32')");
        }
    }

    boolean enabled() {
        return scrapeToken != null && !scrapeToken.isBlank();
    }

    @Override
    public String toString() {
        return "MetricsScrapeProperties[scrapeToken=" + (enabled() ? "<redacted>" : "<unset>") + "]";
    }

}
