package com.cksconsole.health;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One GetHealthStatus probe of a store's proxy with its monitoring credential.
 *
 * @param outcome {@code HEALTHY}, or the name of the {@code xks.XksFailureKind}
 * @param latencyMillis how long the call took
 * @param httpStatus the proxy's HTTP status, when it answered
 * @param proxyErrorName the proxy's {@code errorName}, when it sent one
 * @param vendor {@code xksProxyVendor}, when it answered 200
 * @param model {@code xksProxyModel}, when it answered 200
 * @param fleetSize {@code xksProxyFleetSize}, when it answered 200
 * @param externalKeyManagers each external key manager and its health status
 */
public record ProbeSample(Instant at, String outcome, long latencyMillis, @Nullable Integer httpStatus,
        @Nullable String proxyErrorName, @Nullable String vendor, @Nullable String model, @Nullable Integer fleetSize,
        List<ExternalKeyManager> externalKeyManagers) {

    public static final String HEALTHY = "HEALTHY";

    public ProbeSample {
        externalKeyManagers = List.copyOf(externalKeyManagers);
    }

    public boolean healthy() {
        return HEALTHY.equals(outcome);
    }

    /** One member of {@code ekmFleetDetails}: ACTIVE, DEGRADED or UNAVAILABLE. */
    public record ExternalKeyManager(String id, String model, String healthStatus) {
    }

}
