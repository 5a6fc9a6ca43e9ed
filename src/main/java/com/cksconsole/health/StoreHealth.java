package com.cksconsole.health;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * The computed health of one store as the probes last left it.
 *
 * @param name the store's name as last described
 * @param external whether it is an external key store (the proxy probes apply)
 * @param level the worst finding's level; HEALTHY without findings; UNKNOWN until a probe
 * or a Describe has been recorded
 * @param findings worst first
 * @param levelSince when the store entered {@code level}
 * @param connectionState as last recorded from the shared Describe snapshot
 * @param stateSince when the store entered that state, as far as the console saw
 * @param monitored whether a monitoring credential is set (external stores only), so
 * GetHealthStatus is probed
 * @param lastProbe the newest GetHealthStatus probe, if any
 * @param certificateDaysLeft days until the proxy's TLS certificate expires, when checked
 */
public record StoreHealth(KeyStoreRef store, String name, boolean external, HealthLevel level,
        List<HealthFinding> findings, @Nullable Instant levelSince, @Nullable ConnectionState connectionState,
        @Nullable Instant stateSince, boolean monitored, @Nullable ProbeSample lastProbe,
        @Nullable Integer certificateDaysLeft) {

    public StoreHealth {
        findings = findings.stream().sorted(Comparator.comparing(HealthFinding::level).reversed()).toList();
    }

}
