package com.cksconsole.health.alerts;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.health.alerts.AlertRepository.Due;
import com.cksconsole.health.alerts.AlertRepository.StoredAlert;
import com.cksconsole.health.alerts.HealthAlertsProperties.Webhook;

/**
 * Sends the outbox: every {@code poll-interval}, claims the due deliveries (a conditional
 * UPDATE, so one instance sends each), POSTs each alert to its webhook, marks it SENT on
 * a 2xx answer, else tries again after the backoff (doubling) until {@code attempts},
 * then marks it FAILED and records {@code HEALTH_ALERT_DELIVERY_FAILED}. Logs name the
 * webhook, never its URL.
 */
class AlertDelivery implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

    private static final int BATCH = 20;

    private static final int MAX_DOUBLINGS = 20;

    /** Records an audit event with its outcome, in its own transaction. */
    @FunctionalInterface
    interface FailureAudit {

        void record(AuditIntent intent, String error);

    }

    private final AlertRepository repository;

    private final HealthAlertsProperties properties;

    private final AlertBodies bodies;

    private final FailureAudit audit;

    private final Clock clock;

    private final HttpClient http;

    private final String owner = "alerts-" + UUID.randomUUID();

    private @Nullable ScheduledExecutorService executor;

    AlertDelivery(AlertRepository repository, HealthAlertsProperties properties, AlertBodies.StorePaths storePaths,
            FailureAudit audit, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.bodies = new AlertBodies(properties.consoleUrl(), storePaths);
        this.audit = audit;
        this.clock = clock;
        this.http = HttpClient.newBuilder()
            .connectTimeout(properties.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    /**
     * Sends what is due now, once.
     * @return how many deliveries this instance claimed
     */
    int deliverDue() {
        int claimed = 0;
        for (Due due : repository.due(clock.instant(), BATCH)) {
            Instant now = clock.instant();
            if (!repository.claim(due, owner, now, now.plus(properties.lease()))) {
                continue;
            }
            claimed++;
            deliver(due);
        }
        return claimed;
    }

    private void deliver(Due due) {
        Optional<StoredAlert> alert = repository.alert(due.alertId());
        Webhook webhook = properties.webhook(due.webhook());
        if (alert.isEmpty() || webhook == null) {
            Instant now = clock.instant();
            repository.finish(due, owner, AlertRepository.FAILED, now, "webhook no longer configured", now);
            log.warn("Health alert {} not sent: webhook '{}' is no longer configured", due.alertId(), due.webhook());
            return;
        }
        String error = send(webhook, bodies.body(alert.get(), webhook.format()));
        Instant now = clock.instant();
        int attempt = due.attempts() + 1;
        if (error == null) {
            repository.finish(due, owner, AlertRepository.SENT, now, null, now);
            log.info("Health alert {} sent to webhook '{}' (attempt {})", due.alertId(), webhook.name(), attempt);
        }
        else if (attempt >= properties.attempts()) {
            if (repository.finish(due, owner, AlertRepository.FAILED, now, error, now)) {
                log.warn("Health alert {} to webhook '{}' FAILED after {} attempts: {}", due.alertId(), webhook.name(),
                        attempt, error);
                recordFailure(alert.get(), webhook, attempt, error);
            }
        }
        else {
            Instant next = now.plus(backoff(attempt));
            repository.finish(due, owner, AlertRepository.PENDING, next, error, null);
            log.info("Health alert {} to webhook '{}' attempt {} failed ({}); next at {}", due.alertId(),
                    webhook.name(), attempt, error, next);
        }
    }

    /** The wait after failed attempt {@code attempt} (1-based): backoff, doubling. */
    Duration backoff(int attempt) {
        return properties.backoff().multipliedBy(1L << Math.min(attempt - 1, MAX_DOUBLINGS));
    }

    /** Null when the webhook answered 2xx; else why not, without URL or body. */
    private @Nullable String send(Webhook webhook, byte[] body) {
        var request = HttpRequest.newBuilder(webhook.url())
            .timeout(properties.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "custom-key-store-console-health-alerts")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
        try {
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return status >= 200 && status < 300 ? null : "HTTP " + status;
        }
        catch (IOException e) {
            return e.getClass().getSimpleName();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Interrupted";
        }
    }

    private void recordFailure(StoredAlert alert, Webhook webhook, int attempts, String error) {
        try {
            var intent = AuditIntent.of(HealthAlertAuditAction.HEALTH_ALERT_DELIVERY_FAILED,
                    AuditTarget.keyStore(alert.region(), alert.accountId().isEmpty() ? null : alert.accountId(),
                            alert.keyStoreId(), alert.storeName()));
            if (alert.breakGlass()) {
                intent.value("Alert", "break glass used");
            }
            else {
                intent.changed("HealthLevel", alert.fromLevel(), alert.toLevel());
            }
            audit.record(intent.value("At", alert.eventAt().toString())
                .value("Webhook", webhook.name())
                .value("Attempts", Integer.toString(attempts))
                .build(), error);
        }
        catch (RuntimeException e) {
            log.error("HEALTH_ALERT_DELIVERY_FAILED of alert {} could not be recorded: {}", alert.id(),
                    e.getClass().getSimpleName());
        }
    }

    private void deliverSafely() {
        try {
            deliverDue();
        }
        catch (RuntimeException e) {
            // The database may be away for a moment: the next round tries again.
            log.warn("Health alert delivery round failed: {}", e.toString());
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        var started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            var thread = new Thread(runnable, "health-alert-delivery");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        started.scheduleWithFixedDelay(this::deliverSafely, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

}
