package com.cksconsole.health.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.BDDMockito.given;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.cksconsole.health.FleetHealth.TargetHealth;
import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.StoreHealth;
import com.cksconsole.keystore.ProxyCredentialAge;
import com.cksconsole.keystore.ProxyCredentialChange;
import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.TestTargets;

/**
 * The fleet dashboard: every store of the visible targets with its level in words, the
 * worst finding and the links to the fixes, counts per level, and the filter.
 */
class HealthDashboardPagesTest extends HealthWebSliceTest {

    private static final Instant SINCE = Instant.parse("2026-03-01T09:15:00Z");

    private static final String FAILING = "cks-1111111111111111a";

    private static final String AT_RISK = "cks-2222222222222222b";

    private static final String HEALTHY = "cks-3333333333333333c";

    private static final String UNKNOWN = "cks-4444444444444444d";

    @BeforeEach
    void fleet() {
        var probe = new ProbeSample(SINCE, "HEALTHY", 37, 200, null, "Sandbox", "XKS", 2, List.of());
        given(fleet.of(anyCollection())).willReturn(List.of(new TargetHealth(TestTargets.SANDBOX,
                List.of(store(FAILING, "hsm-failing", HealthLevel.FAILING, null, null,
                        new HealthFinding(HealthReason.CONNECTION_FAILED, "FAILED since 09:15: NETWORK_ERRORS"),
                        new HealthFinding(HealthReason.CERTIFICATE_EXPIRING, "certificate expires in 12 days")),
                        store(AT_RISK, "ekm-slow", HealthLevel.AT_RISK, probe, 12,
                                new HealthFinding(HealthReason.SLOW_PROXY, "p99 240 ms over the last hour")),
                        store(HEALTHY, "ekm-fine", HealthLevel.HEALTHY, probe, 80),
                        store(UNKNOWN, "ekm-new", HealthLevel.UNKNOWN, null, null)))));
    }

    @Test
    void everyStoreShowsItsLevelInWordsItsWorstFindingAndTheLinksToItsFixes() {
        var body = assertThat(mvc.get().uri("/health").with(viewer())).hasStatusOk()
            .hasViewName(HealthDashboardController.VIEW)
            .bodyText();
        body.contains("data-store=\"" + FAILING + "\" data-level=\"FAILING\"")
            .contains("data-health-level=\"FAILING\">Failing</span>")
            .contains("data-health-level=\"AT_RISK\">At risk</span>")
            .contains("data-health-level=\"HEALTHY\">Healthy</span>")
            .contains("data-health-level=\"UNKNOWN\">Unknown</span>")
            .contains("data-worst-detail>FAILED since 09:15: NETWORK_ERRORS</span>")
            .contains(HealthReason.CONNECTION_FAILED.advice())
            .containsPattern(
                    "href=\"/t/default/key-stores/" + FAILING + "\"\\s+data-fix=\"STORE_PAGE\">Open the key store")
            .containsPattern(
                    "href=\"/t/default/key-stores/" + FAILING + "/health#tls-check\"\\s+data-fix=\"HEALTH_PAGE\"")
            .contains("href=\"/t/default/key-stores/" + AT_RISK + "/health\"")
            .contains("HEALTHY</span>,")
            .contains("37 ms")
            .contains("12 days left")
            .contains("since 2026-03-01 09:15 UTC")
            .doesNotContain("style=");
    }

    @Test
    void theCountsGoByLevel() {
        var body = assertThat(mvc.get().uri("/health").with(viewer())).hasStatusOk().bodyText();
        for (String level : List.of("FAILING", "AT_RISK", "HEALTHY", "UNKNOWN")) {
            body.containsPattern("data-count=\"" + level + "\">\\s*<span class=\"count-list__number\">1</span>");
        }
        body.containsPattern("<span class=\"count-list__number\">4</span> in all");
    }

    @Test
    void theFilterShowsOnlyStoresAtRiskOrFailingAndKeepsTheCounts() {
        assertThat(mvc.get().uri("/health?show=attention").with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-store=\"" + FAILING + "\"")
            .contains("data-store=\"" + AT_RISK + "\"")
            .doesNotContain("data-store=\"" + HEALTHY + "\"")
            .doesNotContain("data-store=\"" + UNKNOWN + "\"")
            .containsPattern("<span class=\"count-list__number\">4</span> in all")
            .contains("data-filter-all");
    }

    @Test
    void anUnknownFilterShowsEveryStore() {
        assertThat(mvc.get().uri("/health?show=everything").with(viewer())).hasStatusOk()
            .bodyText()
            .contains("data-store=\"" + HEALTHY + "\"")
            .contains("data-filter-attention");
    }

    @Test
    void eachExternalKeyStoreShowsItsCredentialAgeAgainstThePolicyWithRotateNowForOperators() {
        var overdue = TestTargets.ref(AT_RISK);
        var fine = TestTargets.ref(HEALTHY);
        var firstSeen = TestTargets.ref(UNKNOWN);
        given(credentialAges.ages(anyCollection())).willReturn(Map.of(overdue,
                age(overdue, Duration.ofDays(91), Source.CONSOLE), fine, age(fine, Duration.ofDays(41), Source.CONSOLE),
                firstSeen, new ProxyCredentialAge(firstSeen,
                        new ProxyCredentialChange(firstSeen, "AKID", null, Source.OBSERVED), 90, HealthHistories.NOW)));

        var body = assertThat(mvc.get().uri("/health").with(operator())).hasStatusOk().bodyText();

        body.contains("<strong>91 days (policy 90 days)</strong>")
            .containsPattern("class=\"health-table__rotate button\" data-rotate-now\\s+href=\"/t/default/key-stores/"
                    + AT_RISK + "/rotations/new\">Rotate now</a>")
            .contains("<span>41 days (policy 90 days)</span>")
            .containsPattern("class=\"health-table__rotate\" data-rotate-now\\s+href=\"/t/default/key-stores/" + HEALTHY
                    + "/rotations/new\">Rotate now</a>")
            .contains("unknown: not changed through the console since it was first seen (policy 90 days)")
            .doesNotContain("style=");
    }

    @Test
    void aViewerSeesCredentialAgesWithoutRotateNow() {
        var overdue = TestTargets.ref(AT_RISK);
        given(credentialAges.ages(anyCollection()))
            .willReturn(Map.of(overdue, age(overdue, Duration.ofDays(91), Source.OBSERVED)));

        assertThat(mvc.get().uri("/health").with(viewer())).hasStatusOk()
            .bodyText()
            .contains("changed outside the console, first seen 91 days ago (policy 90 days)")
            .doesNotContain("Rotate now");
    }

    private static ProxyCredentialAge age(KeyStoreRef ref, Duration age, Source source) {
        return new ProxyCredentialAge(ref,
                new ProxyCredentialChange(ref, "AKID", HealthHistories.NOW.minus(age), source), 90,
                HealthHistories.NOW);
    }

    @Test
    void theHeaderOffersHealthToWhoeverSeesKeyStores() {
        assertThat(mvc.get().uri("/health").with(viewer())).hasStatusOk()
            .bodyText()
            .contains("<a href=\"/health\" aria-current=\"page\">Health</a>");
    }

    private static StoreHealth store(String id, String name, HealthLevel level, ProbeSample probe,
            Integer certificateDays, HealthFinding... findings) {
        return new StoreHealth(TestTargets.ref(id), name, true, level, List.of(findings), SINCE,
                ConnectionState.CONNECTED, SINCE, probe != null, probe, certificateDays);
    }

}
