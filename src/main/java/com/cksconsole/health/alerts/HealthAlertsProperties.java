package com.cksconsole.health.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where health alerts go and how hard the console tries (docs/health.md "Alerts").
 *
 * @param webhooks the receivers; none: alerts are still recorded and audited, nothing is
 * sent
 * @param consoleUrl the console's public base URL (e.g.
 * {@code https://console.example.com}); when set, each alert links to the store's health
 * page
 * @param attempts how often one alert is sent to one webhook before it is FAILED (at
 * least 1)
 * @param backoff the wait after the first failed attempt; it doubles after each further
 * one (10 s, 20 s, 40 s, 80 s)
 * @param timeout time budget of one POST (connection and answer)
 * @param pollInterval how often each instance looks for alerts to send
 * @param lease how long an instance's claim on one delivery lasts; longer than
 * {@code timeout}, so that a slow send is never claimed twice
 */
@ConfigurationProperties("console.health.alerts")
record HealthAlertsProperties(@DefaultValue List<Webhook> webhooks, @Nullable URI consoleUrl,
        @DefaultValue("5") int attempts, @DefaultValue("10s") Duration backoff, @DefaultValue("10s") Duration timeout,
        @DefaultValue("5s") Duration pollInterval, @DefaultValue("2m") Duration lease) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    HealthAlertsProperties {
        webhooks = List.copyOf(webhooks);
        var names = new HashSet<String>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook webhook = webhooks.get(i);
            String where = "console.health.alerts.webhooks[" + i + "]";
            if (!NAME.matcher(webhook.name()).matches()) {
                throw new IllegalArgumentException(where + ": name must be 1-64 characters A-Z a-z 0-9 . _ -");
            }
            if (!names.add(webhook.name())) {
                throw new IllegalArgumentException(where + ": the name '" + webhook.name() + "' is used twice");
            }
            String scheme = webhook.url().getScheme();
            if (scheme == null || !List.of("http", "https").contains(scheme.toLowerCase(Locale.ROOT))
                    || webhook.url().getHost() == null) {
                throw new IllegalArgumentException(
                        where + " ('" + webhook.name() + "'): url must be an absolute http or https URL");
            }
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("console.health.alerts.attempts must be at least 1");
        }
        if (backoff.isNegative() || timeout.isNegative() || timeout.isZero() || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new IllegalArgumentException(
                    "console.health.alerts: backoff must not be negative; timeout and poll-interval must be positive");
        }
        if (lease.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("console.health.alerts.lease must be longer than timeout");
        }
    }

    /** The webhook of this name, if still configured. */
    @Nullable Webhook webhook(String name) {
        return webhooks.stream().filter(webhook -> webhook.name().equals(name)).findFirst().orElse(null);
    }

    /**
     * One receiver.
     *
     * @param name how alerts, the audit log and the logs name it (1-64 characters
     * {@code A-Z a-z 0-9 . _ -}); never its URL, which may hold a secret token (Slack
     * incoming webhooks do)
     * @param url where to POST
     * @param format {@code json} (the console's own body) or {@code slack} (a
     * Slack-compatible {@code {"text": ...}})
     */
    record Webhook(String name, URI url, @DefaultValue("json") Format format) {

        @Override
        public String toString() {
            return "Webhook[name=" + name + ", url=<redacted>, format=" + format + "]";
        }

    }

    /** The body a webhook receives. */
    enum Format {

        /** The console's JSON document (docs/health.md "Alerts"). */
        JSON,
        /**
         * {@code {"text": "..."}}, as Slack incoming webhooks and compatible tools take
         * it.
         */
        SLACK

    }

}
