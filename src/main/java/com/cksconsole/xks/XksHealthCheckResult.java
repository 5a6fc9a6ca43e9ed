package com.cksconsole.xks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Outcome of one GetHealthStatus call. */
public sealed interface XksHealthCheckResult {

    /** How long the call took, measured by the caller. */
    Duration latency();

    /**
     * 200 with a valid body and at least one external key manager that is not
     * UNAVAILABLE.
     */
    record Healthy(XksHealthReport report, Duration latency) implements XksHealthCheckResult {
    }

    /**
     * Anything else.
     *
     * @param httpStatus the proxy's HTTP status, when it answered at all
     * @param proxyErrorName the proxy's {@code errorName}, when its error body had one
     * @param report the health report, when the proxy answered 200 with a valid body (all
     * EKMs unavailable)
     */
    record Failed(XksFailureKind kind, @Nullable Integer httpStatus, @Nullable String proxyErrorName,
            @Nullable XksHealthReport report, Duration latency) implements XksHealthCheckResult {
    }

}
