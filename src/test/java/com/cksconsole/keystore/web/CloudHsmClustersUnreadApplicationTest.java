package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import com.cksconsole.keystore.CreationRules;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The CloudHSM wizard on a target whose role may not call CloudHSM DescribeClusters (the
 * sandbox's {@code KeyStoreAuditor} role is denied {@code cloudhsm:DescribeClusters}):
 * the cluster step says what failed and what the role needs, offers no cluster, and
 * refuses a cluster sent anyway. Its own database and target list, so that no other test
 * sees the target.
 */
@ConsoleApplicationTest
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:cloudhsm-unread;DB_CLOSE_DELAY=-1",
        "console.targets[0].name=auditor-eu", "console.targets[0].label=Auditor (eu-west-1)",
        "console.targets[0].account-id=444455556666", "console.targets[0].region=eu-west-1",
        "console.targets[0].access=assume-role",
        "console.targets[0].role-arn=arn:aws:iam::444455556666:role/KeyStoreAuditor" })
class CloudHsmClustersUnreadApplicationTest {

    private static final String BASE = "/t/auditor-eu/key-stores/new/cloudhsm";

    private static final Pattern DRAFT = Pattern.compile(BASE + "/([A-Za-z0-9_-]+)/name");

    @LocalServerPort
    int port;

    private ConsoleHttpClient console;

    @BeforeEach
    void signIn() {
        console = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
    }

    private String wizardPastTheName() {
        var matcher = DRAFT.matcher(location(console.get(BASE)));
        assertThat(matcher.find()).isTrue();
        String wizard = BASE + "/" + matcher.group(1);
        assertThat(console.get(wizard + "/name").statusCode()).isEqualTo(200);
        var named = console.postForm(wizard + "/name", Map.of(CreationRules.NAME, "hsm-auditor-test"));
        assertThat(location(named)).endsWith("/cluster");
        return wizard;
    }

    @Test
    void theClusterStepSaysWhyTheClustersAreUnreadAndOffersNone() {
        String wizard = wizardPastTheName();

        var page = console.get(wizard + "/cluster");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"clusters-unread\"")
            .contains("CloudHsmAccessDeniedException")
            .contains("cloudhsm:DescribeClusters")
            .doesNotContain("name=\"cloudHsmClusterId\"");
    }

    @Test
    void aClusterSentAnywayIsNotTakenAndTheWizardStaysOnTheClusterStep() {
        String wizard = wizardPastTheName();
        console.get(wizard + "/cluster");

        var chosen = console.postForm(wizard + "/cluster", Map.of(CreationRules.CLUSTER_ID, "cluster-prodeuspare7"));

        assertThat(location(chosen)).endsWith("/cluster");
        assertThat(console.get(location(chosen)).body()).contains("id=\"clusters-unread\"");
        assertThat(location(console.get(wizard + "/trust-anchor"))).endsWith("/cluster");
    }

}
