package com.cksconsole.health.alerts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.approval.BreakGlassUsed;
import com.cksconsole.health.alerts.AlertRepository.StoredAlert;
import com.cksconsole.kms.KmsTarget;

/**
 * Turns each {@link BreakGlassUsed} (a change that needed approval, executed without one)
 * into an alert in the same outbox as the health alerts, with one delivery per configured
 * webhook, so whoever watches the webhooks learns of it at once. The audit log already
 * holds the BREAK_GLASS_USED event (written before this event was published); this adds
 * no audit event of its own. The same event again finds its key taken and adds nothing.
 */
class BreakGlassAlerts {

    private static final Logger log = LoggerFactory.getLogger(BreakGlassAlerts.class);

    /** The account and Region of a target, by its name, when the console knows it. */
    @FunctionalInterface
    interface TargetPlaces {

        Optional<KmsTarget> of(String target);

    }

    private final AlertRepository repository;

    private final HealthAlertsProperties properties;

    private final TargetPlaces places;

    private final TransactionTemplate transactions;

    private final Clock clock;

    BreakGlassAlerts(AlertRepository repository, HealthAlertsProperties properties, TargetPlaces places,
            PlatformTransactionManager transactions, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.places = places;
        this.transactions = new TransactionTemplate(transactions);
        // Its own transaction, as the health alerts: a duplicate key rolls back only the
        // alert.
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @EventListener
    void on(BreakGlassUsed event) {
        try {
            raise(event);
        }
        catch (RuntimeException e) {
            // The change goes on (the audit log flags it for review); only the webhook
            // alert is lost, and the log says so.
            log.error("Break-glass alert for {} on target {} could not be recorded: {}", event.actor(), event.target(),
                    e.getClass().getSimpleName());
        }
    }

    /**
     * Records the alert of this event, unless it is already recorded.
     * @return whether an alert was recorded
     */
    boolean raise(BreakGlassUsed event) {
        String key = dedupKey(event);
        if (repository.exists(key)) {
            return false;
        }
        var place = places.of(event.target());
        String account = place.map(KmsTarget::accountId).orElse(null);
        var alert = new StoredAlert(0, account == null ? "" : account, place.map(KmsTarget::region).orElse(""),
                event.storeId() == null ? "" : event.storeId(), event.subject(), "", "",
                AlertBodies.breakGlassJson(event), event.at(), AlertRepository.BREAK_GLASS);
        Instant now = clock.instant();
        try {
            transactions.executeWithoutResult(status -> {
                long id = repository.insert(key, alert, now);
                properties.webhooks().forEach(webhook -> repository.insertDelivery(id, webhook.name(), now));
            });
        }
        catch (DuplicateKeyException raced) {
            return false;
        }
        log.info("Break-glass alert: {} executed {} on target {} without approval", event.actor(), event.operations(),
                event.target());
        return true;
    }

    /**
     * One alert per use: a digest of who, where, what and when (the fields would not fit
     * the key's column as they are).
     */
    static String dedupKey(BreakGlassUsed event) {
        String fields = String.join("\n", event.actor(), event.target(), String.valueOf(event.storeId()),
                event.subject(), event.operations().stream().sorted().map(Enum::name).toList().toString(),
                event.at().toString());
        try {
            return "break-glass|" + HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(fields.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

}
