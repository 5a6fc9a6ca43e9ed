package com.cksconsole.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

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

    private static StoredAlert alert(String name, String account) {
        return new StoredAlert(1, account, "eu-west-1", "cks-1234567890abcdef0", name, "HEALTHY", "AT_RISK", AlertBodies
            .findingsJson(List.of(new HealthFinding(HealthReason.CERTIFICATE_EXPIRING, "expires in 12 days"))), AT);
    }

}
