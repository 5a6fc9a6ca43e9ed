package com.cksconsole.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.StoreHealthChanged;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Health alerts end to end: an event published in the application, the outbox, the
 * delivery loop and a local webhook receiver ({@code HttpServer} on a free port) with
 * four webhooks: JSON, Slack, one that fails twice before it accepts, one that always
 * fails (its URL carries a token that must never show up anywhere). A break-glass use
 * goes to the same webhooks.
 */
@ConsoleApplicationTest
class HealthAlertsApplicationTest {

    private static final String TOKEN = "T0KEN-in-the-webhook-url-8f3e";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final Receiver RECEIVER = new Receiver();

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry registry) {
        String base = "http://127.0.0.1:" + RECEIVER.port();
        registry.add("console.health.alerts.webhooks[0].name", () -> "ops-json");
        registry.add("console.health.alerts.webhooks[0].url", () -> base + "/json");
        registry.add("console.health.alerts.webhooks[1].name", () -> "ops-slack");
        registry.add("console.health.alerts.webhooks[1].url", () -> base + "/slack");
        registry.add("console.health.alerts.webhooks[1].format", () -> "slack");
        registry.add("console.health.alerts.webhooks[2].name", () -> "flaky");
        registry.add("console.health.alerts.webhooks[2].url", () -> base + "/flaky");
        registry.add("console.health.alerts.webhooks[3].name", () -> "down");
        registry.add("console.health.alerts.webhooks[3].url", () -> base + "/down/" + TOKEN);
        registry.add("console.health.alerts.console-url", () -> "https://console.example.com/");
        registry.add("console.health.alerts.attempts", () -> "3");
        registry.add("console.health.alerts.backoff", () -> "50ms");
        registry.add("console.health.alerts.poll-interval", () -> "50ms");
        registry.add("console.health.alerts.timeout", () -> "2s");
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.server.stop(0);
    }

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    DataSource dataSource;

    @Autowired
    Approvals approvals;

    @Autowired
    ApprovalPolicies approvalPolicies;

    @Test
    void theJsonWebhookReceivesTheStoreTheLevelsTheFindingsWithAdviceAndTheLink() {
        var event = event("cks-a1e47000000000001", HealthLevel.HEALTHY, HealthLevel.AT_RISK,
                new HealthFinding(HealthReason.ONE_EXTERNAL_KEY_MANAGER_LEFT, "1 of 2 external key managers ACTIVE"));

        events.publishEvent(event);

        JsonNode body = JSON
            .readTree(await().atMost(DEADLINE).until(() -> RECEIVER.bodies("/json", event), b -> b.size() == 1).get(0));
        assertThat(body.get("store").get("account").stringValue()).isEqualTo("111122223333");
        assertThat(body.get("store").get("region").stringValue()).isEqualTo("eu-west-1");
        assertThat(body.get("store").get("id").stringValue()).isEqualTo("cks-a1e47000000000001");
        assertThat(body.get("store").get("name").stringValue()).isEqualTo("alert-test-store");
        assertThat(body.get("from").stringValue()).isEqualTo("HEALTHY");
        assertThat(body.get("to").stringValue()).isEqualTo("AT_RISK");
        assertThat(body.get("at").stringValue()).isEqualTo(event.at().toString());
        JsonNode finding = body.get("findings").get(0);
        assertThat(finding.get("reason").stringValue()).isEqualTo("ONE_EXTERNAL_KEY_MANAGER_LEFT");
        assertThat(finding.get("level").stringValue()).isEqualTo("AT_RISK");
        assertThat(finding.get("detail").stringValue()).isEqualTo("1 of 2 external key managers ACTIVE");
        assertThat(finding.get("advice").stringValue()).isEqualTo(HealthReason.ONE_EXTERNAL_KEY_MANAGER_LEFT.advice());
        assertThat(body.get("link").stringValue())
            .isEqualTo("https://console.example.com/key-stores/cks-a1e47000000000001");
    }

    @Test
    void theSlackWebhookReceivesOneReadableLineAndTheFindings() {
        var event = event("cks-a1e47000000000002", HealthLevel.AT_RISK, HealthLevel.FAILING,
                new HealthFinding(HealthReason.PROBE_FAILING, "GetHealthStatus TIMED_OUT 3 times"));

        events.publishEvent(event);

        JsonNode body = JSON.readTree(
                await().atMost(DEADLINE).until(() -> RECEIVER.bodies("/slack", event), b -> b.size() == 1).get(0));
        assertThat(body.properties()).hasSize(1);
        assertThat(body.get("text").stringValue()).startsWith(
                "Key store alert-test-store (cks-a1e47000000000002, 111122223333 eu-west-1) is now failing, was at risk ("
                        + event.at() + ")\n- probe failing: GetHealthStatus TIMED_OUT 3 times. "
                        + HealthReason.PROBE_FAILING.advice())
            .endsWith("\nhttps://console.example.com/key-stores/cks-a1e47000000000002");
    }

    @Test
    void theSameEventTwiceIsOneAlertAndOnePost() {
        var event = event("cks-a1e47000000000003", HealthLevel.HEALTHY, HealthLevel.FAILING,
                new HealthFinding(HealthReason.CONNECTION_FAILED, "FAILED: XKS_PROXY_TIMED_OUT"));

        events.publishEvent(event);
        events.publishEvent(event);

        // The last delivery to finish is the one that always fails: by then every POST
        // of this alert has been made.
        await().atMost(DEADLINE).until(() -> status(event, "down"), "FAILED"::equals);
        assertThat(RECEIVER.bodies("/json", event)).hasSize(1);
        assertThat(RECEIVER.bodies("/slack", event)).hasSize(1);
        assertThat(jdbc().sql("select count(*) from health_alert where key_store_id = :id")
            .param("id", event.store().keyStoreId())
            .query(Integer.class)
            .single()).isEqualTo(1);
        assertThat(auditEvents("HEALTH_ALERT_RAISED", event)).hasSize(1);
    }

    @Test
    void aWebhookThatFailsTwiceGetsTheAlertOnTheThirdAttempt() {
        var event = event("cks-a1e47000000000004", HealthLevel.FAILING, HealthLevel.HEALTHY);

        events.publishEvent(event);

        await().atMost(DEADLINE).until(() -> status(event, "flaky"), "SENT"::equals);
        assertThat(RECEIVER.bodies("/flaky", event)).hasSize(3);
        assertThat(attempts(event, "flaky")).isEqualTo(3);
        assertThat(auditEvents("HEALTH_ALERT_DELIVERY_FAILED", event))
            .noneMatch(row -> String.valueOf(row.get("parameters")).contains("flaky"));
    }

    @Test
    void aWebhookThatAlwaysFailsIsFailedAfterTheLastAttemptAndAudited() {
        var event = event("cks-a1e47000000000005", HealthLevel.HEALTHY, HealthLevel.AT_RISK,
                new HealthFinding(HealthReason.CERTIFICATE_EXPIRING, "certificate expires in 12 days"));

        events.publishEvent(event);

        await().atMost(DEADLINE).until(() -> status(event, "down"), "FAILED"::equals);
        assertThat(RECEIVER.bodies("/down/" + TOKEN, event)).hasSize(3);
        assertThat(attempts(event, "down")).isEqualTo(3);
        var failed = await().atMost(DEADLINE)
            .until(() -> auditEvents("HEALTH_ALERT_DELIVERY_FAILED", event), rows -> rows.size() == 1)
            .get(0);
        assertThat(failed.get("outcome")).isEqualTo("FAILED");
        assertThat(String.valueOf(failed.get("parameters"))).contains("down", "HEALTHY", "AT_RISK")
            .doesNotContain(TOKEN);
        assertThat(String.valueOf(failed.get("error_message"))).isEqualTo("HTTP 500");
        // The token of the webhook URL is nowhere in the database.
        assertThat(jdbc().sql("select count(*) from audit_event where parameters like :t or error_message like :t")
            .param("t", "%" + TOKEN + "%")
            .query(Integer.class)
            .single()).isZero();
        assertThat(jdbc().sql("select count(*) from health_alert_delivery where last_error like :t")
            .param("t", "%" + TOKEN + "%")
            .query(Integer.class)
            .single()).isZero();
    }

    @Test
    void eachAlertIsAnAuditEventWithTheStoreTheLevelsAndTheReasons() {
        var event = event("cks-a1e47000000000006", HealthLevel.HEALTHY, HealthLevel.AT_RISK,
                new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms"),
                new HealthFinding(HealthReason.EXTERNAL_KEY_MANAGER_DEGRADED, "sandbox-ekm-1 DEGRADED"));

        events.publishEvent(event);

        var raised = auditEvents("HEALTH_ALERT_RAISED", event);
        assertThat(raised).hasSize(1);
        assertThat(raised.get(0).get("target_account")).isEqualTo("111122223333");
        assertThat(raised.get(0).get("target_region")).isEqualTo("eu-west-1");
        assertThat(raised.get(0).get("target_store_name")).isEqualTo("alert-test-store");
        assertThat(raised.get(0).get("outcome")).isEqualTo("SUCCEEDED");
        assertThat(String.valueOf(raised.get(0).get("parameters"))).contains("HEALTHY", "AT_RISK", "SLOW_PROXY",
                "EXTERNAL_KEY_MANAGER_DEGRADED", "ops-json");
    }

    @Test
    void breakingTheGlassPostsAnAlertToTheWebhooks() {
        String store = "cks-b9ea5000000000001";
        approvalPolicies.grantBreakGlass("glass-breaker", "admin");
        var change = new ProposedChange("default", store, "glass-store (" + store + ")",
                Set.of(ApprovalOperation.DISCONNECT),
                List.of(new ChangeLine("Connection", "CONNECTED", "DISCONNECTED")), Map.of("keyStoreId", store),
                Map.of(), "store-fingerprint", "/t/default/key-stores/" + store + "/approved/");

        approvals.breakGlass(change, "glass-breaker", "outage INC-42");

        JsonNode body = JSON
            .readTree(await().atMost(DEADLINE).until(() -> RECEIVER.bodies("/json", store), b -> b.size() == 1).get(0));
        assertThat(body.get("type").stringValue()).isEqualTo("break-glass-used");
        assertThat(body.get("actor").stringValue()).isEqualTo("glass-breaker");
        assertThat(body.get("target").stringValue()).isEqualTo("default");
        assertThat(body.get("store").get("id").stringValue()).isEqualTo(store);
        assertThat(body.get("operations").get(0).stringValue()).isEqualTo("DISCONNECT");
        assertThat(body.get("reason").stringValue()).isEqualTo("outage INC-42");
        assertThat(body.get("link").stringValue()).startsWith("https://console.example.com/").endsWith(store);
        String slack = JSON
            .readTree(await().atMost(DEADLINE).until(() -> RECEIVER.bodies("/slack", store), b -> b.size() == 1).get(0))
            .get("text")
            .stringValue();
        assertThat(slack).startsWith("Break glass: glass-breaker executed Disconnect on glass-store")
            .contains("INC-42");
    }

    @Test
    void aChangeThatIsNotAlertWorthyIsIgnored() {
        var fromUnknown = event("cks-a1e47000000000007", HealthLevel.UNKNOWN, HealthLevel.FAILING);
        var same = event("cks-a1e47000000000007", HealthLevel.AT_RISK, HealthLevel.AT_RISK);

        events.publishEvent(fromUnknown);
        events.publishEvent(same);

        assertThat(jdbc().sql("select count(*) from health_alert where key_store_id = :id")
            .param("id", "cks-a1e47000000000007")
            .query(Integer.class)
            .single()).isZero();
        assertThat(auditEvents("HEALTH_ALERT_RAISED", fromUnknown)).isEmpty();
    }

    private static StoreHealthChanged event(String storeId, HealthLevel from, HealthLevel to,
            HealthFinding... findings) {
        return new StoreHealthChanged(new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"), storeId),
                "alert-test-store", from, to, List.of(findings), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    private String status(StoreHealthChanged event, String webhook) {
        return jdbc().sql("""
                select d.status from health_alert_delivery d join health_alert a on a.id = d.alert_id
                where a.key_store_id = :id and d.webhook = :webhook
                """).param("id", event.store().keyStoreId()).param("webhook", webhook).query(String.class).single();
    }

    private int attempts(StoreHealthChanged event, String webhook) {
        return jdbc().sql("""
                select d.attempts from health_alert_delivery d join health_alert a on a.id = d.alert_id
                where a.key_store_id = :id and d.webhook = :webhook
                """).param("id", event.store().keyStoreId()).param("webhook", webhook).query(Integer.class).single();
    }

    private List<Map<String, Object>> auditEvents(String action, StoreHealthChanged event) {
        return jdbc().sql("""
                select * from audit_event where action = :action and target_store_id = :id order by seq
                """).param("action", action).param("id", event.store().keyStoreId()).query().listOfRows();
    }

    private JdbcClient jdbc() {
        return JdbcClient.create(dataSource);
    }

    /**
     * The local webhook receiver: records each body by path; {@code /flaky} answers 500
     * to the first two POSTs of each store, {@code /down/...} always 500, the others 204.
     */
    static final class Receiver {

        final HttpServer server;

        final Map<String, List<String>> bodiesByPath = new ConcurrentHashMap<>();

        final Map<String, AtomicInteger> flakyCalls = new ConcurrentHashMap<>();

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", this::handle);
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodiesByPath.computeIfAbsent(path, key -> new CopyOnWriteArrayList<>()).add(body);
            int status = 204;
            if (path.startsWith("/down/")) {
                status = 500;
            }
            else if (path.equals("/flaky")) {
                String store = JSON.readTree(body).get("store").get("id").stringValue();
                status = flakyCalls.computeIfAbsent(store, key -> new AtomicInteger()).incrementAndGet() <= 2 ? 500
                        : 204;
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        }

        /** The bodies received at {@code path} that concern the event's store. */
        List<String> bodies(String path, StoreHealthChanged event) {
            return bodies(path, event.store().keyStoreId());
        }

        List<String> bodies(String path, String keyStoreId) {
            return bodiesByPath.getOrDefault(path, List.of())
                .stream()
                .filter(body -> body.contains(keyStoreId))
                .toList();
        }

    }

}
