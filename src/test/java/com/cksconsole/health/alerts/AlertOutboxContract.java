package com.cksconsole.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.BreakGlassUsed;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.StoreHealthChanged;
import com.cksconsole.health.alerts.AlertRepository.Due;
import com.cksconsole.health.alerts.HealthAlertsProperties.Format;
import com.cksconsole.health.alerts.HealthAlertsProperties.Webhook;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;
import com.sun.net.httpserver.HttpServer;

/**
 * The alert outbox on one database shared by two console "instances" (two sets of the
 * alert classes), on a hand-moved clock: one alert per event, one sender per delivery,
 * the backoff doubling, break-glass alerts. The same tests on H2 and PostgreSQL.
 */
abstract class AlertOutboxContract {

    private static final Instant NOW = Instant.parse("2026-12-06T04:00:00.123Z");

    private static final KeyStoreRef STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-1234567890abcdef0");

    private final MutableClock clock = new MutableClock(NOW);

    private final List<AuditIntent> audited = new CopyOnWriteArrayList<>();

    private final List<String> failures = new CopyOnWriteArrayList<>();

    private final List<String> received = new CopyOnWriteArrayList<>();

    private final AtomicInteger status = new AtomicInteger(204);

    private @Nullable HttpServer receiver;

    private DataSource dataSource;

    private AlertRepository repository;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void setUp() throws IOException {
        dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        repository = new AlertRepository(JdbcClient.create(dataSource));
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopReceiver() {
        // Null when the database was not available and the test was skipped.
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void twoInstancesSeeingTheSameEventRecordOneAlert() {
        var event = event(HealthLevel.HEALTHY, HealthLevel.AT_RISK);

        assertThat(alerts(properties(5, "10s")).raise(event)).isTrue();
        assertThat(alerts(properties(5, "10s")).raise(event)).isFalse();

        assertThat(count("health_alert")).isEqualTo(1);
        assertThat(count("health_alert_delivery")).isEqualTo(1);
        assertThat(audited).hasSize(1);
        assertThat(audited.get(0).action()).isEqualTo(HealthAlertAuditAction.HEALTH_ALERT_RAISED);
    }

    @Test
    void aBreakGlassUseIsOneAlertSentToTheWebhooksWithWhoWhereWhatAndWhy() {
        var properties = properties(5, "10s");
        var event = new BreakGlassUsed("rita", "prod", STORE.keyStoreId(), "payments-hsm",
                Set.of(ApprovalOperation.DISCONNECT), "outage INC-42", NOW.minusSeconds(1));
        var instanceA = breakGlassAlerts(properties);

        assertThat(instanceA.raise(event)).isTrue();
        assertThat(breakGlassAlerts(properties).raise(event)).isFalse();
        assertThat(delivery(properties).deliverDue()).isEqualTo(1);

        assertThat(count("health_alert")).isEqualTo(1);
        assertThat(deliveryStatus()).isEqualTo(AlertRepository.SENT);
        assertThat(received).singleElement()
            .asString()
            .contains("\"type\":\"break-glass-used\"", "\"actor\":\"rita\"", "\"target\":\"prod\"",
                    "\"account\":\"111122223333\"", "\"id\":\"" + STORE.keyStoreId() + "\"",
                    "\"operations\":[\"DISCONNECT\"]", "\"reason\":\"outage INC-42\"");
        assertThat(audited).as("the audit log has BREAK_GLASS_USED already").isEmpty();
    }

    @Test
    void theDedupKeyIsUniqueInTheDatabase() {
        var event = event(HealthLevel.HEALTHY, HealthLevel.FAILING);
        var alert = new AlertRepository.StoredAlert(0, "111122223333", "eu-west-1", STORE.keyStoreId(), "s", "HEALTHY",
                "FAILING", "[]", event.at());
        repository.insert(HealthAlerts.dedupKey(event), alert, NOW);

        assertThatExceptionOfType(DuplicateKeyException.class)
            .isThrownBy(() -> repository.insert(HealthAlerts.dedupKey(event), alert, NOW));
    }

    @Test
    void anotherInstantOrAnotherLevelChangeIsAnotherAlert() {
        var first = event(HealthLevel.HEALTHY, HealthLevel.AT_RISK);
        var back = new StoreHealthChanged(STORE, "s", HealthLevel.AT_RISK, HealthLevel.HEALTHY, List.of(),
                first.at().plusSeconds(60));
        var again = new StoreHealthChanged(STORE, "s", HealthLevel.HEALTHY, HealthLevel.AT_RISK, List.of(),
                first.at().plusSeconds(120));

        var alerts = alerts(properties(5, "10s"));
        assertThat(List.of(alerts.raise(first), alerts.raise(back), alerts.raise(again))).containsOnly(true);
        assertThat(count("health_alert")).isEqualTo(3);
    }

    @Test
    void oneDeliveryIsSentByOneInstanceOnly() {
        var properties = properties(5, "10s");
        alerts(properties).raise(event(HealthLevel.HEALTHY, HealthLevel.AT_RISK));
        var first = delivery(properties);
        var second = delivery(properties);
        Due due = repository.due(NOW, 10).get(0);

        assertThat(repository.claim(due, "instance-1", NOW, NOW.plusSeconds(120))).isTrue();
        assertThat(repository.claim(due, "instance-2", NOW, NOW.plusSeconds(120))).isFalse();
        assertThat(repository.due(NOW, 10)).isEmpty();
        // A lease that ran out (its instance died) may be claimed again.
        assertThat(repository.claim(due, "instance-2", NOW.plusSeconds(121), NOW.plusSeconds(240))).isTrue();
        assertThat(repository.finish(due, "instance-1", AlertRepository.SENT, NOW, null, NOW)).isFalse();
        assertThat(repository.finish(due, "instance-2", AlertRepository.PENDING, NOW, "HTTP 500", null)).isTrue();

        assertThat(first.deliverDue() + second.deliverDue()).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(deliveryStatus()).isEqualTo(AlertRepository.SENT);
    }

    @Test
    void aDeliveryClaimedByAnInstanceThatStoppedIsSentByAnotherOnceItsLeaseRunsOut() {
        var properties = properties(5, "10s");
        alerts(properties).raise(event(HealthLevel.HEALTHY, HealthLevel.AT_RISK));
        Due due = repository.due(NOW, 10).get(0);
        // The instance that claimed the delivery stops before it sends it.
        assertThat(repository.claim(due, "stopped-instance", NOW, NOW.plus(properties.lease()))).isTrue();
        var survivor = delivery(properties);

        clock.advance(properties.lease());
        assertThat(survivor.deliverDue()).isZero();
        assertThat(received).isEmpty();

        clock.advance(Duration.ofMillis(1));
        assertThat(survivor.deliverDue()).isEqualTo(1);
        assertThat(received).hasSize(1);
        assertThat(deliveryStatus()).isEqualTo(AlertRepository.SENT);
    }

    @Test
    void aFailedAttemptWaitsTheBackoffWhichDoublesUntilTheLastAttemptFails() {
        status.set(503);
        var properties = properties(3, "10s");
        alerts(properties).raise(event(HealthLevel.HEALTHY, HealthLevel.FAILING));
        var delivery = delivery(properties);

        assertThat(delivery.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        assertThat(delivery.deliverDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(delivery.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(20).minusMillis(1));
        assertThat(delivery.deliverDue()).isZero();
        assertThat(failures).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(delivery.deliverDue()).isEqualTo(1);

        assertThat(received).hasSize(3);
        assertThat(deliveryStatus()).isEqualTo(AlertRepository.FAILED);
        assertThat(failures).containsExactly("HTTP 503");
        clock.advance(Duration.ofDays(1));
        assertThat(delivery.deliverDue()).isZero();
    }

    @Test
    void theBackoffDoublesFromItsSetting() {
        var delivery = delivery(properties(5, "10s"));

        assertThat(List.of(delivery.backoff(1), delivery.backoff(2), delivery.backoff(3), delivery.backoff(4)))
            .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                    Duration.ofSeconds(80));
    }

    private HealthAlertsProperties properties(int attempts, String backoff) {
        var webhook = new Webhook("ops", URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                Format.JSON);
        return new HealthAlertsProperties(List.of(webhook), null, attempts,
                Duration.parse("PT" + backoff.toUpperCase(java.util.Locale.ROOT)), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    private HealthAlerts alerts(HealthAlertsProperties properties) {
        return new HealthAlerts(repository, properties, audited::add, new DataSourceTransactionManager(dataSource),
                clock);
    }

    private BreakGlassAlerts breakGlassAlerts(HealthAlertsProperties properties) {
        return new BreakGlassAlerts(repository, properties,
                target -> target.equals("prod") ? Optional.of(STORE.target()) : Optional.empty(),
                new DataSourceTransactionManager(dataSource), clock);
    }

    private AlertDelivery delivery(HealthAlertsProperties properties) {
        return new AlertDelivery(repository, properties, AlertBodies.OLD_URLS, (intent, error) -> failures.add(error),
                clock);
    }

    private StoreHealthChanged event(HealthLevel from, HealthLevel to) {
        var findings = new ArrayList<HealthFinding>();
        findings.add(new HealthFinding(HealthReason.CONNECTION_FAILED, "FAILED"));
        return new StoreHealthChanged(STORE, "store", from, to, findings, NOW.minusSeconds(5));
    }

    private int count(String table) {
        return JdbcClient.create(dataSource).sql("select count(*) from " + table).query(Integer.class).single();
    }

    private String deliveryStatus() {
        return JdbcClient.create(dataSource)
            .sql("select status from health_alert_delivery")
            .query(String.class)
            .single();
    }

}
