package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.web.util.HtmlUtils;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.HealthWindow;
import com.cksconsole.health.StoreHealth;
import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialChange;
import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.support.TestTargets;

/**
 * The store health page: its window, its graphs drawn on the server, each finding with
 * the link to its fix, the CSV downloads, and the 404 of an unknown store.
 */
class StoreHealthPagesTest extends HealthWebSliceTest {

    private static final String XKS = TestKeyStores.XKS_PUBLIC_ID;

    private static final String HSM = TestKeyStores.HSM_ID;

    private static final String UNKNOWN = "cks-1234567890abcdef9";

    private static final String STORE_URL = "/t/default/key-stores/" + XKS;

    @Test
    void thePageShowsTheLevelInWordsAndEveryFindingWithTheLinkToItsFix() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        given(fleet.of(TestTargets.ref(XKS))).willReturn(Optional
            .of(health(HealthLevel.FAILING, new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms over the last hour"),
                    new HealthFinding(HealthReason.CONNECTION_FAILED, "FAILED: NETWORK_ERRORS"),
                    new HealthFinding(HealthReason.CREDENTIAL_TOO_OLD, "credential 120 days old"),
                    new HealthFinding(HealthReason.EXTERNAL_KEY_DISABLED, "1 external key disabled"),
                    new HealthFinding(HealthReason.CERTIFICATE_EXPIRING, "expires in 12 days"))));
        var body = assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .hasViewName(StorePage.VIEW)
            .bodyText();
        body.contains("data-health-level=\"FAILING\">Failing</span>")
            .contains("p99 240 ms over the last hour")
            .contains(HtmlUtils.htmlEscape(HealthReason.SLOW_PROXY.advice()))
            .contains("href=\"" + STORE_URL + "\" data-fix=\"STORE_PAGE\"")
            .contains("href=\"" + STORE_URL + "/health#graph-latency\" data-fix=\"HEALTH_PAGE\"")
            .contains("href=\"" + STORE_URL + "/health#tls-check\" data-fix=\"HEALTH_PAGE\"")
            .contains("href=\"" + STORE_URL + "/rotations/new\" data-fix=\"ROTATE_CREDENTIAL\"")
            .contains("href=\"" + STORE_URL + "/keys\" data-fix=\"KEYS_TAB\"");
    }

    @Test
    void theFourGraphsAreInlineSvgWithTitleLegendTableAndCsvLink() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        given(credentials.stored(TestTargets.ref(XKS))).willReturn(Optional.empty());
        given(histories.history(TestTargets.ref(XKS), HealthWindow.DAY))
            .willReturn(HealthHistories.steady(TestTargets.ref(XKS), HealthWindow.DAY));
        var body = assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk().bodyText();
        for (HealthGraph graph : HealthGraph.values()) {
            body.contains("id=\"graph-" + graph.key() + "\"")
                .contains(STORE_URL + "/health.csv?window=24h&amp;graph=" + graph.key());
        }
        body.contains("role=\"img\"")
            .contains("viewBox=\"0 0 480 200\"")
            .contains("<title>Latency of GetHealthStatus over the last 24 hours</title>")
            .contains("KMS budget 250 ms")
            .contains("stroke-dasharray=\"6 4\"")
            .contains("<details class=\"chart__table\">")
            .contains("Times in UTC")
            .doesNotContain("style=")
            .doesNotContain("<script>");
    }

    @Test
    void anExternalStoreWithoutProbesSaysToSetAMonitoringCredential() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .bodyText()
            .contains(StorePage.NO_CREDENTIAL)
            .contains(StorePage.NO_STATES)
            .doesNotContain("role=\"img\"");
    }

    @Test
    void theProxyCredentialsAgeIsShownNextToTheCredentialWithRotateNowForOperators() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        var ref = TestTargets.ref(XKS);
        given(credentialAges.age(ref)).willReturn(
                new ProxyCredentialAge(ref,
                        new ProxyCredentialChange(ref, "SANDBOXTENANTAKEYID234",
                                HealthHistories.NOW.minus(Duration.ofDays(120)), Source.CONSOLE),
                        90, HealthHistories.NOW));

        assertThat(mvc.get().uri(healthPath(XKS)).with(operator())).hasStatusOk()
            .bodyText()
            .contains("data-credential-overdue=\"true\"")
            .contains("data-credential-age>120 days (policy 90 days)</dd>")
            .contains("class=\"button\" data-rotate-now")
            .contains("href=\"/t/default/key-stores/" + XKS + "/rotations/new\">Rotate now</a>");
        assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-credential-age>120 days (policy 90 days)</dd>")
            .doesNotContain("Rotate now");
    }

    @Test
    void anUnknownCredentialAgeSaysWhy() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));

        assertThat(mvc.get().uri(healthPath(XKS)).with(operator())).hasStatusOk()
            .bodyText()
            .contains("data-credential-overdue=\"false\"")
            .contains("data-credential-age>unknown: the console has not seen this store yet</dd>")
            .contains("class=\"button button--secondary\" data-rotate-now");
    }

    @Test
    void aCloudHsmStoreHasNoProxyGraphsAndNoCredentialForm() {
        known(TestKeyStores.cloudHsm(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(HSM)).with(operator())).hasStatusOk()
            .bodyText()
            .contains(StorePage.NOT_EXTERNAL)
            .doesNotContain("data-credential-form")
            .doesNotContain("id=\"monitoring-credential\"")
            .doesNotContain("id=\"proxy-credential\"");
        then(credentials).should(never()).stored(any());
    }

    @ParameterizedTest
    @CsvSource({ "1h,HOUR,1 hour", "24h,DAY,24 hours", "7d,WEEK,7 days", "30d,MONTH,30 days" })
    void eachWindowIsShownAndMarkedCurrent(String label, HealthWindow window, String text) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS) + "?window=" + label).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("<strong aria-current=\"page\">" + text + "</strong>")
            .doesNotContain("data-window-message");
        then(histories).should().history(TestTargets.ref(XKS), window);
    }

    @Test
    void withoutAWindowThePageShows24Hours() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("<strong aria-current=\"page\">24 hours</strong>");
        then(histories).should().history(TestTargets.ref(XKS), HealthWindow.DAY);
    }

    @ParameterizedTest
    @CsvSource({ "2h", "1H", "24", "''", "'30d '" })
    void anUnknownWindowShows24HoursAndSaysSo(String label) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS)).queryParam("window", label).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-window-message")
            .contains(StoreHealthController.WINDOW_UNKNOWN);
        then(histories).should().history(TestTargets.ref(XKS), HealthWindow.DAY);
    }

    @Test
    void anUnknownStoreIsTheConsoles404Page() {
        given(reads.find(TestTargets.ref(UNKNOWN))).willThrow(new KeyStoreNotFoundException(UNKNOWN));
        assertThat(mvc.get().uri(healthPath(UNKNOWN)).with(viewer())).hasStatus(404)
            .hasViewName("keystores/not-found")
            .bodyText()
            .contains(UNKNOWN);
        assertThat(mvc.get().uri(healthPath(UNKNOWN) + ".csv?graph=latency").with(viewer())).hasStatus(404);
        then(histories).should(never()).history(any(), any());
    }

    @Test
    void anUnknownTargetIsThe404Page() {
        assertThat(mvc.get().uri("/t/nowhere/key-stores/" + XKS + "/health").with(viewer())).hasStatus(404)
            .hasViewName("keystores/not-found");
    }

    @Test
    void theCsvIsAnAttachmentWithAHeaderRowAndIsoUtcTimes() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        given(histories.history(TestTargets.ref(XKS), HealthWindow.HOUR))
            .willReturn(HealthHistories.steady(TestTargets.ref(XKS), HealthWindow.HOUR));
        var result = assertThat(
                mvc.get().uri(healthPath(XKS) + ".csv").param("window", "1h").param("graph", "latency").with(viewer()))
            .hasStatusOk()
            .hasContentTypeCompatibleWith("text/csv")
            .hasHeader("Content-Disposition", "attachment; filename=\"health-" + XKS + "-latency-1h.csv\"");
        result.bodyText()
            .startsWith("bucket_start,bucket_end,samples,p50_ms,p99_ms,max_ms\r\n2026-03-01T11:00:00Z,"
                    + "2026-03-01T11:01:00Z,4,40,120,120\r\n");
        then(credentials).should(never()).find(any());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|',
            value = { "availability|bucket_start,bucket_end,samples,healthy,availability_percent",
                    "ekm|bucket_start,bucket_end,samples,ekm_active,ekm_degraded,ekm_unavailable",
                    "state|since,until,state,connection_error_code" })
    void eachGraphHasItsCsv(String graph, String header) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS) + ".csv").param("graph", graph).with(viewer())).hasStatusOk()
            .bodyText()
            .startsWith(header + "\r\n");
    }

    @ParameterizedTest
    @CsvSource({ "graph=latency&window=2h", "graph=p99", "window=24h", "graph=" })
    void anUnknownGraphOrWindowOfTheCsvIs400(String query) {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        assertThat(mvc.get().uri(healthPath(XKS) + ".csv?" + query).with(viewer())).hasStatus(400);
        then(histories).should(never()).history(any(), any());
    }

    @Test
    void theLastProbeAndTheExternalKeyManagersAreListed() {
        known(TestKeyStores.xksPublic(ConnectionState.CONNECTED));
        var steady = HealthHistories.steady(TestTargets.ref(XKS), HealthWindow.DAY);
        var probe = new com.cksconsole.health.ProbeSample(HealthHistories.NOW.minusSeconds(30), "HEALTHY", 42, 200,
                null, "Sandbox", "XKS 1", 2,
                List.of(new com.cksconsole.health.ProbeSample.ExternalKeyManager("ekm-a", "HSM 9", "ACTIVE"),
                        new com.cksconsole.health.ProbeSample.ExternalKeyManager("ekm-b", "HSM 9", "DEGRADED")));
        willReturn(new com.cksconsole.health.HealthHistory.StoreHistory(steady.store(), steady.window(), steady.from(),
                steady.to(), steady.buckets(), steady.states(), probe, null, List.of()))
            .given(histories)
            .history(TestTargets.ref(XKS), HealthWindow.DAY);
        assertThat(mvc.get().uri(healthPath(XKS)).with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-probe-outcome>HEALTHY</strong>")
            .contains("42 ms")
            .contains("Sandbox")
            .contains("data-ekm=\"ekm-b\"")
            .contains(">DEGRADED</span>");
    }

    static StoreHealth health(HealthLevel level, HealthFinding... findings) {
        Instant since = HealthHistories.NOW.minusSeconds(3600);
        return new StoreHealth(TestTargets.ref(XKS), "ekm-public-tenant-a", true, level, List.of(findings), since,
                ConnectionState.CONNECTED, since, true, null, 12);
    }

}
