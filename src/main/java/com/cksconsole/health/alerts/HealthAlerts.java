package com.cksconsole.health.alerts;

import java.time.Clock;
import java.time.Instant;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.StoreHealthChanged;
import com.cksconsole.health.alerts.AlertRepository.StoredAlert;

/**
 * Turns each alert-worthy {@link StoreHealthChanged} into one alert: the outbox row, one
 * delivery per configured webhook and the {@code HEALTH_ALERT_RAISED} audit event, in one
 * transaction. The same event again (a replay, or another instance that saw it) finds its
 * key taken and adds nothing.
 */
class HealthAlerts {

    private static final Logger log = LoggerFactory.getLogger(HealthAlerts.class);

    /** Records an audit event within the caller's transaction. */
    @FunctionalInterface
    interface AlertAudit {

        void record(AuditIntent intent);

    }

    private final AlertRepository repository;

    private final HealthAlertsProperties properties;

    private final AlertAudit audit;

    private final TransactionTemplate transactions;

    private final Clock clock;

    HealthAlerts(AlertRepository repository, HealthAlertsProperties properties, AlertAudit audit,
            PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.audit = audit;
        this.transactions = new TransactionTemplate(transactions);
        // Its own transaction, even if an event arrives inside the publisher's: a
        // duplicate key then rolls back only the alert.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @EventListener
    void on(StoreHealthChanged event) {
        try {
            raise(event);
        }
        catch (RuntimeException e) {
            // The publisher (the probe engine) must go on; the next level change alerts
            // again.
            log.error("Health alert for {} ({} -> {}) could not be recorded: {}", event.store(), event.from(),
                    event.to(), e.getClass().getSimpleName());
        }
    }

    /**
     * Records the alert of this event, unless it is not alert-worthy or already recorded.
     * @return whether an alert was recorded
     */
    boolean raise(StoreHealthChanged event) {
        if (!event.alertWorthy()) {
            return false;
        }
        String key = dedupKey(event);
        if (repository.exists(key)) {
            log.debug("Health alert {} already recorded", key);
            return false;
        }
        String account = event.store().target().accountId();
        var alert = new StoredAlert(0, account == null ? "" : account, event.store().target().region(),
                event.store().keyStoreId(), event.name(), event.from().name(), event.to().name(),
                AlertBodies.findingsJson(event.findings()), event.at());
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(status -> {
                long id = repository.insert(key, alert, now);
                properties.webhooks().forEach(webhook -> repository.insertDelivery(id, webhook.name(), now));
                audit.record(
                        AuditIntent
                            .of(HealthAlertAuditAction.HEALTH_ALERT_RAISED,
                                    AuditTarget.keyStore(alert.region(), account, alert.keyStoreId(),
                                            alert.storeName()))
                            .changed("HealthLevel", event.from().name(), event.to().name())
                            .value("Reasons",
                                    event.findings()
                                        .stream()
                                        .map(HealthFinding::reason)
                                        .map(Enum::name)
                                        .distinct()
                                        .collect(Collectors.joining(", ")))
                            .value("At", event.at().toString())
                            .value("Webhooks",
                                    properties.webhooks().isEmpty() ? "(none configured)"
                                            : properties.webhooks()
                                                .stream()
                                                .map(HealthAlertsProperties.Webhook::name)
                                                .collect(Collectors.joining(", ")))
                            .build());
            });
        }
        catch (DuplicateKeyException raced) {
            log.debug("Health alert {} recorded by another instance meanwhile", key);
            return false;
        }
        log.info("Health alert: {} ({}) {} -> {}", event.store(), event.name(), event.from(), event.to());
        return true;
    }

    /**
     * One alert per store and level change: account, Region, store ID, both levels and
     * the event's instant.
     */
    static String dedupKey(StoreHealthChanged event) {
        String account = event.store().target().accountId();
        return String.join("|", account == null ? "" : account, event.store().target().region(),
                event.store().keyStoreId(), event.from().name(), event.to().name(), event.at().toString());
    }

}
