package com.cksconsole.health.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.health.HealthFinding;
import com.cksconsole.health.HealthHistory.ExternalKeyCheck;
import com.cksconsole.health.HealthLevel;
import com.cksconsole.health.HealthReason;
import com.cksconsole.health.ProbeSample;
import com.cksconsole.health.tls.TlsCheckResult;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.kms.ConnectionState;

/**
 * The one place that judges a store: from what the probes recorded to findings and a
 * level (docs/health.md "Findings"). Pure: no clock, no database.
 */
final class HealthRules {

    /** Probe figures older than this are not judged (the probes stopped). */
    static final Duration RECENT = Duration.ofHours(1);

    private final HealthProperties properties;

    HealthRules(HealthProperties properties) {
        this.properties = properties;
    }

    /**
     * What is known of one store at {@code now}.
     *
     * @param state null until a Describe showed the store
     * @param recentOutcomes the outcomes of the probes of the last hour, newest first
     * @param lastHourLatencies the latencies (ms) of the probes of the last hour
     * @param credentialAge age of the proxy credential KMS uses; null when unknown
     * @param credentialPolicy the rotation policy of the store's target
     */
    record Inputs(Instant now, @Nullable ConnectionState state, @Nullable String connectionErrorCode,
            @Nullable Instant stateSince, List<String> recentOutcomes, List<Long> lastHourLatencies,
            @Nullable ProbeSample lastProbe, @Nullable TlsCheckResult tls, @Nullable Duration credentialAge,
            Duration credentialPolicy, List<ExternalKeyCheck> externalKeys) {

        Inputs {
            recentOutcomes = List.copyOf(recentOutcomes);
            lastHourLatencies = List.copyOf(lastHourLatencies);
            externalKeys = List.copyOf(externalKeys);
        }

    }

    /** The verdict: the worst finding's level (HEALTHY without findings). */
    record Verdict(HealthLevel level, List<HealthFinding> findings) {

        Verdict {
            findings = findings.stream().sorted(Comparator.comparing(HealthFinding::level).reversed()).toList();
        }

    }

    Verdict judge(Inputs in) {
        if (in.state() == null && in.lastProbe() == null && in.tls() == null) {
            return new Verdict(HealthLevel.UNKNOWN, List.of());
        }
        var findings = new ArrayList<HealthFinding>();
        connection(in, findings);
        probes(in, findings);
        externalKeyManagers(in, findings);
        certificate(in, findings);
        credential(in, findings);
        externalKeys(in, findings);
        HealthLevel level = HealthLevel.HEALTHY;
        for (HealthFinding finding : findings) {
            level = level.worst(finding.level());
        }
        return new Verdict(level, findings);
    }

    /**
     * FAILED is failing; CONNECTING for longer than connecting-too-long is at risk;
     * DISCONNECTED is the operator's choice and no finding.
     */
    private void connection(Inputs in, List<HealthFinding> findings) {
        if (in.state() == ConnectionState.FAILED) {
            findings.add(new HealthFinding(HealthReason.CONNECTION_FAILED, "KMS reports FAILED"
                    + (in.connectionErrorCode() == null ? "" : " (" + in.connectionErrorCode() + ")")));
        }
        else if (in.state() == ConnectionState.CONNECTING && in.stateSince() != null) {
            Duration connecting = Duration.between(in.stateSince(), in.now());
            if (connecting.compareTo(properties.connectingTooLong()) > 0) {
                findings.add(new HealthFinding(HealthReason.CONNECTING_TOO_LONG,
                        "CONNECTING for " + connecting.toMinutes() + " minutes"));
            }
        }
    }

    /**
     * The last failures-to-fail probes all failed: failing. A single failure is not. p99
     * of the last hour above p99-threshold: at risk.
     */
    private void probes(Inputs in, List<HealthFinding> findings) {
        int needed = properties.failuresToFail();
        List<String> outcomes = in.recentOutcomes();
        if (outcomes.size() >= needed && outcomes.subList(0, needed).stream().noneMatch(ProbeSample.HEALTHY::equals)) {
            findings.add(new HealthFinding(HealthReason.PROBE_FAILING,
                    "the last " + needed + " GetHealthStatus probes failed, the newest with " + outcomes.get(0)));
        }
        Long p99 = Percentiles.of(in.lastHourLatencies(), 0.99);
        if (p99 != null && p99 > properties.p99Threshold().toMillis()) {
            findings.add(new HealthFinding(HealthReason.SLOW_PROXY,
                    "p99 " + p99 + " ms over the last hour (" + in.lastHourLatencies().size() + " probes; threshold "
                            + properties.p99Threshold().toMillis() + " ms)"));
        }
    }

    /**
     * From the newest probe (of the last hour): a fleet of two or more with exactly one
     * ACTIVE; any DEGRADED.
     */
    private void externalKeyManagers(Inputs in, List<HealthFinding> findings) {
        ProbeSample probe = in.lastProbe();
        if (probe == null || probe.at().isBefore(in.now().minus(RECENT))) {
            return;
        }
        var managers = probe.externalKeyManagers();
        long active = managers.stream().filter(manager -> "ACTIVE".equals(manager.healthStatus())).count();
        long degraded = managers.stream().filter(manager -> "DEGRADED".equals(manager.healthStatus())).count();
        if (managers.size() >= 2 && active == 1) {
            findings.add(new HealthFinding(HealthReason.ONE_EXTERNAL_KEY_MANAGER_LEFT,
                    "1 of " + managers.size() + " external key managers ACTIVE"));
        }
        if (degraded > 0) {
            findings.add(new HealthFinding(HealthReason.EXTERNAL_KEY_MANAGER_DEGRADED,
                    degraded + " of " + managers.size() + " external key managers DEGRADED"));
        }
    }

    /**
     * Not REACHABLE, another host name, or expired: invalid. Expiring in fewer than
     * certificate-warning days: at risk.
     */
    private void certificate(Inputs in, List<HealthFinding> findings) {
        TlsCheckResult tls = in.tls();
        if (tls == null) {
            return;
        }
        Long days = tls.daysUntilExpiry();
        if (tls.outcome() != TlsOutcome.REACHABLE) {
            findings.add(new HealthFinding(HealthReason.CERTIFICATE_INVALID,
                    "TLS check of " + tls.host() + ": " + tls.outcome()));
        }
        else if (!tls.hostNameMatches()) {
            findings.add(new HealthFinding(HealthReason.CERTIFICATE_INVALID,
                    "the certificate of " + tls.host() + " does not name that host"));
        }
        else if (days != null && days < 0) {
            findings.add(new HealthFinding(HealthReason.CERTIFICATE_INVALID,
                    "the certificate of " + tls.host() + " has expired"));
        }
        else if (days != null && days < properties.certificateWarning().toDays()) {
            findings.add(new HealthFinding(HealthReason.CERTIFICATE_EXPIRING,
                    "the certificate of " + tls.host() + " expires in " + days + " days"));
        }
    }

    /**
     * Older than the rotation policy of the store's target: at risk. An unknown age
     * (never changed through the console, or outside it, since the console first saw the
     * store) is no finding.
     */
    private void credential(Inputs in, List<HealthFinding> findings) {
        Duration age = in.credentialAge();
        if (age != null && age.compareTo(in.credentialPolicy()) > 0) {
            findings.add(new HealthFinding(HealthReason.CREDENTIAL_TOO_OLD, "the proxy credential KMS uses was set "
                    + age.toDays() + " days ago (policy " + in.credentialPolicy().toDays() + " days)"));
        }
    }

    private void externalKeys(Inputs in, List<HealthFinding> findings) {
        var disabled = in.externalKeys()
            .stream()
            .filter(check -> "DISABLED".equals(check.status()))
            .map(check -> check.externalKeyId() + " (KMS key " + check.keyId() + ")")
            .toList();
        if (!disabled.isEmpty()) {
            findings.add(new HealthFinding(HealthReason.EXTERNAL_KEY_DISABLED,
                    "disabled in the key manager: " + String.join(", ", disabled)));
        }
    }

}
