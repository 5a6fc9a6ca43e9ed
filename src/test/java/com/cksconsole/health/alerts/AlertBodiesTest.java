package com.cksconsole.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.BreakGlassUsed;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.alerts.AlertRepository.StoredAlert;

import tools.jackson.databind.json.JsonMapper;

/** What the bodies hold when the store's account is unknown or its name holds markup. */
class AlertBodiesTest {

    private static final Instant AT = Instant.parse("2026-12-06T04:00:00Z");

    private final AlertBodies bodies = new AlertBodies(null, AlertBodies.OLD_URLS);

    @Test
    void withoutAccountOrConsoleUrlTheJsonBodyHasANullAccountAndNoLink() {
        var json = JsonMapper.builder().build().readTree(bodies.json(alert("plain", "")));

        assertThat(json.get("store").get("account").isNull()).isTrue();
        assertThat(json.has("link")).isFalse();
        assertThat(json.get("findings").get(0).get("reason").stringValue()).isEqualTo("CERTIFICATE_EXPIRING");
    }

    @Test
    void slackMarkupInAStoreNameIsEscaped() {
        String text = new String(bodies.slack(alert("a <!channel> & b", "111122223333")), StandardCharsets.UTF_8);

        assertThat(text).contains("a &lt;!channel&gt; &amp; b").doesNotContain("<!channel>");
    }

    @Test
    void aLinkIsTheStoresHealthPageUnderTheConsoleUrl() {
        var linked = new AlertBodies(URI.create("https://console.example.com/"),
                (account, region, id) -> "/t/prod-eu/key-stores/" + id);

        assertThat(linked.link(alert("s", "111122223333")))
            .isEqualTo("https://console.example.com/t/prod-eu/key-stores/cks-1234567890abcdef0/health");
    }

    @Test
    void withoutAKnownTargetTheLinkIsTheOldStoreUrlThatFindsIt() {
        var linked = new AlertBodies(URI.create("https://console.example.com"), AlertBodies.OLD_URLS);

        assertThat(linked.link(alert("s", "")))
            .isEqualTo("https://console.example.com/key-stores/cks-1234567890abcdef0");
    }

    @Test
    void aBreakGlassJsonBodyNamesTheActorTargetStoreOperationsAndReasonAndLinksTheStore() {
        var linked = new AlertBodies(URI.create("https://console.example.com/"),
                (account, region, id) -> "/t/prod/key-stores/" + id);

        var json = JsonMapper.builder()
            .build()
            .readTree(linked.breakGlassJsonBody(breakGlass("cks-1234567890abcdef0")));

        assertThat(json.get("type").stringValue()).isEqualTo("break-glass-used");
        assertThat(json.get("actor").stringValue()).isEqualTo("rita");
        assertThat(json.get("target").stringValue()).isEqualTo("prod");
        assertThat(json.get("store").get("account").stringValue()).isEqualTo("111122223333");
        assertThat(json.get("store").get("id").stringValue()).isEqualTo("cks-1234567890abcdef0");
        assertThat(json.get("store").get("name").stringValue()).isEqualTo("payments-hsm");
        assertThat(json.get("operations").get(0).stringValue()).isEqualTo("DISCONNECT");
        assertThat(json.get("operations").get(1).stringValue()).isEqualTo("UPDATE_PASSWORD");
        assertThat(json.get("reason").stringValue()).isEqualTo("outage <INC-42>");
        assertThat(json.get("at").stringValue()).isEqualTo(AT.toString());
        assertThat(json.get("link").stringValue())
            .isEqualTo("https://console.example.com/t/prod/key-stores/cks-1234567890abcdef0");
    }

    @Test
    void aBreakGlassSlackBodyIsOneReadableLineAndTheReasonEscaped() {
        String text = JsonMapper.builder()
            .build()
            .readTree(bodies.body(breakGlass("cks-1234567890abcdef0"), HealthAlertsProperties.Format.SLACK))
            .get("text")
            .stringValue();

        assertThat(text).isEqualTo("Break glass: rita executed Disconnect, Update: key store password on payments-hsm, "
                + "target prod, without approval (" + AT + ")\nReason: outage &lt;INC-42&gt;");
    }

    @Test
    void aBreakGlassAlertForAStoreNotYetCreatedHasNoStoreIdAndNoLink() {
        var linked = new AlertBodies(URI.create("https://console.example.com/"), AlertBodies.OLD_URLS);

        var json = JsonMapper.builder().build().readTree(linked.breakGlassJsonBody(breakGlass("")));

        assertThat(json.get("store").get("id").isNull()).isTrue();
        assertThat(json.has("link")).isFalse();
    }

    private static StoredAlert breakGlass(String storeId) {
        var event = new BreakGlassUsed("rita", "prod", storeId.isEmpty() ? null : storeId, "payments-hsm",
                Set.of(ApprovalOperation.UPDATE_PASSWORD, ApprovalOperation.DISCONNECT), "outage <INC-42>", AT);
        return new StoredAlert(1, "111122223333", "eu-west-1", storeId, "payments-hsm", "", "",
                AlertBodies.breakGlassJson(event), AT, AlertRepository.BREAK_GLASS);
    }

    private static StoredAlert alert(String name, String account) {
        return new StoredAlert(1, account, "eu-west-1", "cks-1234567890abcdef0", name, "HEALTHY", "AT_RISK", AlertBodies
            .findingsJson(List.of(new HealthFinding(HealthReason.CERTIFICATE_EXPIRING, "expires in 12 days"))), AT);
    }

}
