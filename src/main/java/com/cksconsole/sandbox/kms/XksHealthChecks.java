package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The GetHealthStatus calls KMS makes on Create, Update and Connect of an external key
 * store (XKS proxy API specification, GetHealthStatus).
 */
final class XksHealthChecks {

    private static final Logger log = LoggerFactory.getLogger(XksHealthChecks.class);

    /**
     * What one call sends; equal targets mean the same proxy, path and credential (value
     * equality).
     */
    record Target(URI uriEndpoint, String uriPath, XksProxyCredential credential, String kmsOperation) {
    }

    private final XksProxyClient client;

    XksHealthChecks(XksProxyClient client) {
        this.client = client;
    }

    /** Empty when the proxy is healthy. */
    Optional<XksFailureKind> check(Target target, String region, String kmsRequestId) {
        var result = client.getHealthStatus(new XksHealthCheckRequest(target.uriEndpoint(), target.uriPath(),
                target.credential(), region, target.kmsOperation(), kmsRequestId));
        if (result instanceof XksHealthCheckResult.Failed failed) {
            log.debug("XKS health check for {} {}{} failed: {} (HTTP {}, {})", target.kmsOperation(),
                    target.uriEndpoint(), target.uriPath(), failed.kind(), failed.httpStatus(),
                    failed.proxyErrorName());
            return Optional.of(failed.kind());
        }
        return Optional.empty();
    }

    /**
     * The exception CreateCustomKeyStore/UpdateCustomKeyStore answer for a failed check,
     * with a fixed message.
     */
    static KmsError createOrUpdateError(XksFailureKind kind) {
        return KmsError.of(kind.kmsExceptionOnCreateOrUpdate(), message(kind));
    }

    private static String message(XksFailureKind kind) {
        return switch (kind) {
            case UNREACHABLE -> "KMS cannot reach the external key store proxy. Verify the XksProxyUriEndpoint and "
                    + "that the proxy is running and reachable on port 443.";
            case TLS_HANDSHAKE_FAILED -> "KMS cannot establish a TLS connection with the external key store proxy. "
                    + "Verify the proxy's TLS certificate and configuration.";
            case TIMED_OUT -> "The external key store proxy did not respond to KMS within the time allowed (250 ms).";
            case ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE ->
                "The external key store proxy reports that all of its " + "external key managers are unavailable.";
            case AUTHENTICATION_FAILED -> "The external key store proxy rejected the request because the "
                    + "XksProxyAuthenticationCredential is not valid.";
            case INVALID_URI_PATH -> "The external key store proxy rejected the XksProxyUriPath. Verify the path of "
                    + "the proxy's API, which ends in /kms/xks/v1.";
            case THROTTLED -> "The external key store proxy is throttling requests. Retry later.";
            case DEPENDENCY_TIMEOUT -> "The external key store proxy could not reach its external key manager in time.";
            case ACCESS_DENIED, VALIDATION_ERROR, INTERNAL_ERROR, INVALID_RESPONSE ->
                "KMS cannot interpret the " + "response from the external key store proxy.";
        };
    }

}
