package com.cksconsole.keystore;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthReport;

/**
 * The outcome of the console's own GetHealthStatus call to the proxy an external key
 * store is about to use (see {@link XksPreflight}). Holds no secret.
 *
 * @param failure why it failed; null when healthy or not run
 * @param report the proxy's health report, when it answered with one
 * @param budget KMS's time budget for one proxy call ({@code console.xks.timeout})
 * @param kmsRequestId the request ID the console sent in {@code requestMetadata} (for the
 * proxy's logs)
 */
public record PreflightResult(Status status, PreflightTarget target, @Nullable XksFailureKind failure,
        @Nullable Integer httpStatus, @Nullable String proxyErrorName, @Nullable XksHealthReport report,
        Duration latency, Duration budget, @Nullable String kmsRequestId, Instant checkedAt) implements Serializable {

    /** Whether the check ran and how it ended. */
    public enum Status {

        HEALTHY, FAILED,
        /**
         * The credential is unchanged and the operator gave no current secret to sign
         * with.
         */
        NOT_RUN

    }

    public boolean passed() {
        return status == Status.HEALTHY;
    }

    public boolean ran() {
        return status != Status.NOT_RUN;
    }

    /** Latency as a whole number of milliseconds, for the page. */
    public long latencyMillis() {
        return latency.toMillis();
    }

    public long budgetMillis() {
        return budget.toMillis();
    }

    /** The external key managers of the proxy's report (empty without a report). */
    public List<XksHealthReport.EkmFleetMember> externalKeyManagers() {
        return report == null ? List.of() : report.ekmFleetDetails();
    }

    /** One sentence: what the check found. */
    public String summary() {
        if (status == Status.NOT_RUN) {
            return "The check did not run: the proxy credential is unchanged, and KMS never returns the secret "
                    + "access key, so the console has nothing to sign the request with.";
        }
        if (status == Status.HEALTHY) {
            String degraded = externalKeyManagers().stream().anyMatch(m -> "DEGRADED".equals(m.healthStatus()))
                    ? " Some external key managers are DEGRADED, which still counts as able to serve." : "";
            return "The proxy answered healthy in " + latencyMillis() + " ms (KMS allows " + budgetMillis() + " ms)."
                    + degraded;
        }
        return switch (failure == null ? XksFailureKind.INVALID_RESPONSE : failure) {
            case UNREACHABLE -> "The console could not reach the proxy at " + target.uriEndpoint()
                    + " (unknown host, or the connection was refused).";
            case TLS_HANDSHAKE_FAILED -> "The TLS handshake with the proxy at " + target.uriEndpoint() + " failed.";
            case TIMED_OUT -> "The proxy did not answer within KMS's budget of " + budgetMillis() + " ms.";
            case ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE ->
                "The proxy answered, but reports every external key " + "manager UNAVAILABLE.";
            case AUTHENTICATION_FAILED ->
                "The proxy rejected the credential (HTTP 401, AuthenticationFailedException)" + ": the access key ID "
                        + target.accessKeyId() + " or its secret access key is not the one the " + "proxy knows.";
            case INVALID_URI_PATH ->
                "The proxy does not know the path " + target.uriPath() + " (HTTP 404, InvalidUriPathException).";
            case THROTTLED -> "The proxy is throttling requests (HTTP 429, ThrottlingException).";
            case DEPENDENCY_TIMEOUT -> "The proxy could not reach its external key manager in time (HTTP 503, "
                    + "DependencyTimeoutException).";
            case ACCESS_DENIED, VALIDATION_ERROR, INTERNAL_ERROR, INVALID_RESPONSE ->
                "The proxy's answer is not one " + "KMS can interpret (" + answerText() + ").";
        };
    }

    /** What KMS would make of the same answer, for a failed check. */
    public @Nullable String kmsConsequence() {
        if (status != Status.FAILED || failure == null) {
            return null;
        }
        return "KMS would refuse these values with " + failure.kmsExceptionOnCreateOrUpdate()
                + ", and a connection attempt would end FAILED with " + failure.connectionErrorCodeOnConnect() + ".";
    }

    /** Why a failure may not mean much from where the console stands, or null. */
    public @Nullable String caveat() {
        if (status != Status.FAILED || !target.viaVpcEndpointService()) {
            return null;
        }
        if (failure == XksFailureKind.UNREACHABLE || failure == XksFailureKind.TIMED_OUT
                || failure == XksFailureKind.TLS_HANDSHAKE_FAILED) {
            return "This key store reaches its proxy through a VPC endpoint service: KMS connects through an "
                    + "interface endpoint in its own network, which the console's network may not reach at all. "
                    + "If you know the proxy is running, go on with a reason.";
        }
        return null;
    }

    private String answerText() {
        var text = new StringBuilder();
        if (httpStatus != null) {
            text.append("HTTP ").append(httpStatus);
        }
        if (proxyErrorName != null) {
            text.append(text.isEmpty() ? "" : ", ").append(proxyErrorName);
        }
        return text.isEmpty() ? "no valid answer" : text.toString();
    }
}
