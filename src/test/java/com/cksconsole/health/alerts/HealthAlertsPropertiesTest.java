package com.cksconsole.health.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.cksconsole.health.alerts.HealthAlertsProperties.Format;
import com.cksconsole.health.alerts.HealthAlertsProperties.Webhook;

/** The checks of {@code console.health.alerts} at start-up. */
class HealthAlertsPropertiesTest {

    private static final URI URL = URI.create("https://hooks.example.com/services/T000/B000/secret-token");

    @Test
    void aWebhookPrintsItsNameButNeverItsUrl() {
        var webhook = new Webhook("ops", URL, Format.SLACK);

        assertThat(webhook.toString()).contains("ops", "SLACK").doesNotContain("secret-token", "hooks.example.com");
        assertThat(properties(List.of(webhook), 5).toString()).doesNotContain("secret-token");
    }

    @Test
    void twoWebhooksWithOneNameAreRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> properties(
                    List.of(new Webhook("ops", URL, Format.JSON), new Webhook("ops", URL, Format.SLACK)), 5))
            .withMessage("console.health.alerts.webhooks[1]: the name 'ops' is used twice");
    }

    @Test
    void aNameOutsideTheAllowedCharactersIsRefused() {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> properties(List.of(new Webhook("ops team", URL, Format.JSON)), 5))
            .withMessageContaining("webhooks[0]: name must be 1-64 characters");
    }

    @Test
    void aUrlThatIsNotAbsoluteHttpIsRefusedWithoutShowingIt() {
        assertThatIllegalArgumentException().isThrownBy(
                () -> properties(List.of(new Webhook("ops", URI.create("ftp://x.example.com/t0k"), Format.JSON)), 5))
            .withMessage("console.health.alerts.webhooks[0] ('ops'): url must be an absolute http or https URL");
    }

    @Test
    void atLeastOneAttempt() {
        assertThatIllegalArgumentException().isThrownBy(() -> properties(List.of(), 0))
            .withMessage("console.health.alerts.attempts must be at least 1");
        assertThat(properties(List.of(), 1).attempts()).isEqualTo(1);
    }

    private static HealthAlertsProperties properties(List<Webhook> webhooks, int attempts) {
        return new HealthAlertsProperties(webhooks, null, attempts, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(5), Duration.ofMinutes(2));
    }

}
