package com.cksconsole.health.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthHistory.ExternalKeyCheck;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.ProbeSample.ExternalKeyManager;
import com.cksconsole.health.tls.TlsCheckResult;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.kms.ConnectionState;

/** One test per rule of {@link HealthRules}, at its boundaries (default thresholds). */
class HealthRulesTest {

    static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

    final HealthRules rules = new HealthRules(HealthProperties.defaults());

    record In(@Nullable ConnectionState state, @Nullable String code, @Nullable Instant since, List<String> outcomes,
            List<Long> latencies, @Nullable ProbeSample probe, @Nullable TlsCheckResult tls,
            @Nullable Duration credentialAge, Duration policy, List<ExternalKeyCheck> keys) {

        static In connected() {
            return new In(ConnectionState.CONNECTED, null, NOW.minus(Duration.ofDays(3)), List.of(), List.of(), null,
                    null, null, Duration.ofDays(90), List.of());
        }

        In state(ConnectionState state, @Nullable String code, Instant since) {
            return new In(state, code, since, outcomes, latencies, probe, tls, credentialAge, policy, keys);
        }

        In outcomes(String... values) {
            return new In(state, code, since, List.of(values), latencies, probe, tls, credentialAge, policy, keys);
        }

        In latencies(List<Long> values) {
            return new In(state, code, since, outcomes, values, probe, tls, credentialAge, policy, keys);
        }

        In probe(ProbeSample value) {
            return new In(state, code, since, outcomes, latencies, value, tls, credentialAge, policy, keys);
        }

        In tls(TlsCheckResult value) {
            return new In(state, code, since, outcomes, latencies, probe, value, credentialAge, policy, keys);
        }

        In credentialAge(Duration value) {
            return new In(state, code, since, outcomes, latencies, probe, tls, value, policy, keys);
        }

        In policy(Duration value) {
            return new In(state, code, since, outcomes, latencies, probe, tls, credentialAge, value, keys);
        }

        In keys(ExternalKeyCheck... values) {
            return new In(state, code, since, outcomes, latencies, probe, tls, credentialAge, policy, List.of(values));
        }

    }

    HealthRules.Verdict judge(In in) {
        return rules.judge(new HealthRules.Inputs(NOW, in.state(), in.code(), in.since(), in.outcomes(), in.latencies(),
                in.probe(), in.tls(), in.credentialAge(), in.policy(), in.keys()));
    }

    List<HealthReason> reasons(In in) {
        return judge(in).findings().stream().map(HealthFinding::reason).toList();
    }

    static ProbeSample probeWith(Instant at, String... statuses) {
        var managers = new ArrayList<ExternalKeyManager>();
        for (int i = 0; i < statuses.length; i++) {
            managers.add(new ExternalKeyManager("ekm-" + i, "model", statuses[i]));
        }
        return new ProbeSample(at, ProbeSample.HEALTHY, 20, 200, null, "vendor", "model", 1, managers);
    }

    static TlsCheckResult tls(TlsOutcome outcome, boolean hostMatches, @Nullable Long days) {
        return new TlsCheckResult("xks.example.com", 443, NOW, outcome, null, "TLSv1.3", null, List.of(),
                outcome == TlsOutcome.REACHABLE, hostMatches, days);
    }

    @Test
    void nothingRecordedIsUnknown() {
        var verdict = judge(
                new In(null, null, null, List.of(), List.of(), null, null, null, Duration.ofDays(90), List.of()));

        assertThat(verdict.level()).isEqualTo(HealthLevel.UNKNOWN);
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void aConnectedStoreWithoutFindingsIsHealthy() {
        assertThat(judge(In.connected()).level()).isEqualTo(HealthLevel.HEALTHY);
    }

    @Test
    void disconnectedIsTheOperatorsChoiceAndNotAFinding() {
        var verdict = judge(In.connected().state(ConnectionState.DISCONNECTED, null, NOW.minus(Duration.ofDays(60))));

        assertThat(verdict.level()).isEqualTo(HealthLevel.HEALTHY);
    }

    @Test
    void failedIsFailingWithItsErrorCode() {
        var verdict = judge(In.connected().state(ConnectionState.FAILED, "XKS_PROXY_TIMED_OUT", NOW));

        assertThat(verdict.level()).isEqualTo(HealthLevel.FAILING);
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(HealthReason.CONNECTION_FAILED);
            assertThat(finding.detail()).contains("XKS_PROXY_TIMED_OUT");
        });
    }

    @Test
    void connectingIsAtRiskOnlyLongerThanThirtyMinutes() {
        assertThat(reasons(In.connected().state(ConnectionState.CONNECTING, null, NOW.minus(Duration.ofMinutes(30)))))
            .isEmpty();
        var verdict = judge(In.connected()
            .state(ConnectionState.CONNECTING, null, NOW.minus(Duration.ofMinutes(30)).minusMillis(1)));
        assertThat(verdict.level()).isEqualTo(HealthLevel.AT_RISK);
        assertThat(verdict.findings()).extracting(HealthFinding::reason)
            .containsExactly(HealthReason.CONNECTING_TOO_LONG);
    }

    @Test
    void threeFailedProbesInARowAreFailingTwoAreNot() {
        assertThat(reasons(In.connected().outcomes("TIMED_OUT", "TIMED_OUT"))).isEmpty();
        assertThat(reasons(In.connected().outcomes("TIMED_OUT", "TIMED_OUT", "HEALTHY", "TIMED_OUT"))).isEmpty();
        assertThat(reasons(In.connected().outcomes("TIMED_OUT"))).isEmpty();

        var verdict = judge(In.connected().outcomes("UNREACHABLE", "TIMED_OUT", "CREDENTIAL_UNREADABLE", "HEALTHY"));
        assertThat(verdict.level()).isEqualTo(HealthLevel.FAILING);
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(HealthReason.PROBE_FAILING);
            assertThat(finding.detail()).contains("UNREACHABLE");
        });
    }

    @Test
    void p99AboveTwoHundredMillisecondsIsSlow() {
        // 100 probes: the nearest-rank p99 is the 99th smallest.
        var atThreshold = new ArrayList<>(Collections.nCopies(98, 20L));
        atThreshold.add(200L);
        atThreshold.add(5000L);
        assertThat(reasons(In.connected().latencies(atThreshold))).isEmpty();

        var above = new ArrayList<>(Collections.nCopies(98, 20L));
        above.add(201L);
        above.add(201L);
        var verdict = judge(In.connected().latencies(above));
        assertThat(verdict.level()).isEqualTo(HealthLevel.AT_RISK);
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(HealthReason.SLOW_PROXY);
            assertThat(finding.detail()).contains("p99 201 ms");
        });
    }

    @Test
    void oneActiveExternalKeyManagerOfSeveralIsAtRisk() {
        assertThat(reasons(In.connected().probe(probeWith(NOW, "ACTIVE")))).isEmpty();
        assertThat(reasons(In.connected().probe(probeWith(NOW, "ACTIVE", "ACTIVE", "UNAVAILABLE")))).isEmpty();

        assertThat(reasons(In.connected().probe(probeWith(NOW, "ACTIVE", "UNAVAILABLE"))))
            .containsExactly(HealthReason.ONE_EXTERNAL_KEY_MANAGER_LEFT);
    }

    @Test
    void anyDegradedExternalKeyManagerIsAtRisk() {
        assertThat(reasons(In.connected().probe(probeWith(NOW, "ACTIVE", "ACTIVE", "DEGRADED"))))
            .containsExactly(HealthReason.EXTERNAL_KEY_MANAGER_DEGRADED);
    }

    @Test
    void externalKeyManagersOfAProbeOlderThanAnHourAreNotJudged() {
        assertThat(reasons(In.connected().probe(probeWith(NOW.minus(Duration.ofHours(1)), "DEGRADED")))).isNotEmpty();
        assertThat(reasons(In.connected().probe(probeWith(NOW.minus(Duration.ofHours(1)).minusMillis(1), "DEGRADED"))))
            .isEmpty();
    }

    @Test
    void aCertificateExpiringInFewerThanThirtyDaysIsAtRisk() {
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.REACHABLE, true, 30L)))).isEmpty();
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.REACHABLE, true, 29L))))
            .containsExactly(HealthReason.CERTIFICATE_EXPIRING);
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.REACHABLE, true, 0L))))
            .containsExactly(HealthReason.CERTIFICATE_EXPIRING);
    }

    @Test
    void anExpiredMisnamedOrUnreachableCertificateIsInvalid() {
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.REACHABLE, true, -1L))))
            .containsExactly(HealthReason.CERTIFICATE_INVALID);
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.REACHABLE, false, 300L))))
            .containsExactly(HealthReason.CERTIFICATE_INVALID);
        assertThat(reasons(In.connected().tls(tls(TlsOutcome.UNTRUSTED_CHAIN, true, 300L))))
            .containsExactly(HealthReason.CERTIFICATE_INVALID);
        assertThat(judge(In.connected().tls(tls(TlsOutcome.HANDSHAKE_FAILED, true, null))).level())
            .isEqualTo(HealthLevel.FAILING);
    }

    @Test
    void aProxyCredentialOlderThanTheTargetsPolicyIsAtRisk() {
        var connected = In.connected().policy(Duration.ofDays(30));
        assertThat(reasons(connected.credentialAge(Duration.ofDays(29)))).isEmpty();
        assertThat(reasons(connected.credentialAge(Duration.ofDays(30)))).isEmpty();
        assertThat(reasons(connected.credentialAge(Duration.ofDays(30).plusMillis(1))))
            .containsExactly(HealthReason.CREDENTIAL_TOO_OLD);
        var verdict = judge(connected.credentialAge(Duration.ofDays(31)));
        assertThat(verdict.level()).isEqualTo(HealthLevel.AT_RISK);
        assertThat(verdict.findings()).singleElement()
            .extracting(HealthFinding::detail)
            .isEqualTo("the proxy credential KMS uses was set 31 days ago (policy 30 days)");
    }

    @Test
    void theDefaultPolicyIsNinetyDays() {
        assertThat(reasons(In.connected().credentialAge(Duration.ofDays(89)))).isEmpty();
        assertThat(reasons(In.connected().credentialAge(Duration.ofDays(90)))).isEmpty();
        assertThat(reasons(In.connected().credentialAge(Duration.ofDays(91))))
            .containsExactly(HealthReason.CREDENTIAL_TOO_OLD);
    }

    @Test
    void anUnknownCredentialAgeIsNoFinding() {
        assertThat(reasons(In.connected().policy(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void anExternalKeyDisabledInTheKeyManagerIsAtRisk() {
        var enabled = new ExternalKeyCheck("key-1", "ext-1", "ENABLED", null, NOW);
        var failed = new ExternalKeyCheck("key-2", "ext-2", null, "TIMED_OUT", NOW);
        assertThat(reasons(In.connected().keys(enabled, failed))).isEmpty();

        var disabled = new ExternalKeyCheck("key-3", "ext-3", "DISABLED", null, NOW);
        var verdict = judge(In.connected().keys(enabled, disabled));
        assertThat(verdict.findings()).singleElement().satisfies(finding -> {
            assertThat(finding.reason()).isEqualTo(HealthReason.EXTERNAL_KEY_DISABLED);
            assertThat(finding.detail()).contains("ext-3").contains("key-3");
        });
    }

    @Test
    void theWorstFindingDecidesAndComesFirst() {
        var verdict = judge(In.connected()
            .state(ConnectionState.FAILED, null, NOW)
            .credentialAge(Duration.ofDays(200))
            .outcomes("TIMED_OUT", "TIMED_OUT", "TIMED_OUT"));

        assertThat(verdict.level()).isEqualTo(HealthLevel.FAILING);
        assertThat(verdict.findings()).extracting(HealthFinding::level)
            .containsExactly(HealthLevel.FAILING, HealthLevel.FAILING, HealthLevel.AT_RISK);
    }

}
