package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.probe.ProbeRuns;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;

/**
 * The health pages over HTTP with the real probes against the sandbox: the store's page
 * and its CSV show what the probe jobs recorded, the monitoring credential is set and
 * removed through the form (refused with KMS's own access key ID), and the dashboard
 * lists the seeded stores with their computed level.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
@Import(HealthPagesApplicationTest.Config.class)
class HealthPagesApplicationTest {

    private static final String STORE = SeededKeyStores.PRIVATE_XKS;

    private static final String PAGE = "/t/default/key-stores/" + STORE + "/health";

    /** Well-formed; the sandbox proxy has no registration for it, so probes fail. */
    private static final String MONITORING_KEY = "MONITORINGPAGESTESTID23";

    private static final String MONITORING_SECRET = "cGFnZXMtdGVzdC1tb25pdG9yaW5nLWNyZWRlbnRpYWwtMTIz";

    @TestConfiguration(proxyBeanMethods = false)
    static class Config {

        /**
         * Real time (the sandbox refuses SigV4 signatures more than five minutes off),
         * moved by a minute between probe runs so their jobs are due again.
         */
        @Bean
        @Primary
        MutableClock healthPagesClock() {
            return new MutableClock(Instant.now());
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    MonitoringCredentials credentials;

    private ConsoleHttpClient http;

    @BeforeEach
    void signInAndProbe() {
        clock.setToRealTime();
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        ProbeRuns.runDueJobs(context);
    }

    @AfterEach
    void removeTheCredential() {
        credentials.remove(ref(), "test");
    }

    @Test
    void theStorePageDrawsTheRecordedConnectionState() {
        var page = http.get(PAGE);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Health of")
            .contains("id=\"graph-state\"")
            .containsPattern("<rect class=\"chart__band chart-state--[a-z]+\"")
            .contains(StorePage.NO_CREDENTIAL)
            .doesNotContain("style=");
        var csv = http.get(PAGE + ".csv?graph=state&window=1h");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment").contains("health-" + STORE + "-state-1h.csv"));
        assertThat(csv.body()).startsWith("since,until,state,connection_error_code\r\n")
            .containsPattern(",(CONNECTED|DISCONNECTED|FAILED),");
    }

    @Test
    void aMonitoringCredentialIsSetProbedAndRemovedThroughTheForm(CapturedOutput output) {
        http.get(PAGE);
        var set = http.postForm(PAGE + "/credential",
                Map.of("accessKeyId", MONITORING_KEY, "secretAccessKey", MONITORING_SECRET));
        assertThat(set.statusCode()).as(set.body()).isEqualTo(302);
        var page = http.get(PAGE);
        assertThat(page.body()).contains(StoreHealthController.CREDENTIAL_SET)
            .contains("data-credential-id>" + MONITORING_KEY + "</dd>")
            .doesNotContain(MONITORING_SECRET);

        // console.health.failures-to-fail (3) failed probes in a row make the store
        // FAILING.
        for (int probe = 0; probe < 3; probe++) {
            clock.advance(Duration.ofSeconds(61));
            ProbeRuns.runDueJobs(context);
        }
        page = http.get(PAGE);
        // The sandbox proxy does not know this credential: probes recorded, and failing.
        assertThat(page.body()).contains("data-probe-outcome>")
            .doesNotContain("data-probe-outcome>HEALTHY<")
            .contains("data-reason=\"PROBE_FAILING\"")
            .contains("data-health-level=\"FAILING\">Failing</span>")
            .doesNotContain(MONITORING_SECRET);
        var csv = http.get(PAGE + ".csv?graph=availability&window=1h");
        assertThat(csv.body()).containsPattern(",1,0,0\\.0\r\n").doesNotContain(MONITORING_SECRET);

        var remove = http.postForm(PAGE + "/credential/remove", Map.of());
        assertThat(remove.statusCode()).isEqualTo(302);
        assertThat(http.get(PAGE).body()).contains(StoreHealthController.CREDENTIAL_REMOVED)
            .contains("data-no-credential");
        // Set, probed three times, removed: the secret was in no log line.
        assertThat(output.getAll()).contains(MONITORING_KEY).doesNotContain(MONITORING_SECRET);
    }

    @Test
    void theAccessKeyIdKmsUsesIsRefusedNextToItsField() {
        http.get(PAGE);
        var refused = http.postForm(PAGE + "/credential",
                Map.of("accessKeyId", SeededKeyStores.PRIVATE_KEY, "secretAccessKey", MONITORING_SECRET));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"accessKeyId-error\"")
            .contains(StoreHealthController.KMS_CREDENTIAL)
            .doesNotContain(MONITORING_SECRET);
        assertThat(credentials.stored(ref())).isEmpty();
    }

    @Test
    void theDashboardListsTheSeededStoresWithTheirLevel() {
        var page = http.get("/health");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-store=\"" + SeededKeyStores.PUBLIC_XKS + "\"")
            .contains("data-store=\"" + SeededKeyStores.FINANCE_HSM + "\"")
            .contains("href=\"/t/default/key-stores/" + STORE + "/health\"")
            .contains("<a href=\"/health\" aria-current=\"page\">Health</a>")
            .doesNotContain("style=");
        assertThat(http.get("/t/default/key-stores/" + STORE).body())
            .contains("href=\"/t/default/key-stores/" + STORE + "/health\"");
    }

    private static KeyStoreRef ref() {
        return TestTargets.ref(STORE);
    }

}
