package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.cksconsole.kms.XksProxyMessages;
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

    /**
     * The texts of the XKS proxy API specification's KMS considerations table. Every
     * external key manager UNAVAILABLE has no row there; it is worded in the same style.
     */
    static String message(XksFailureKind kind) {
        return switch (kind) {
            case UNREACHABLE -> XksProxyMessages.UNREACHABLE;
            case TLS_HANDSHAKE_FAILED -> XksProxyMessages.TLS_FAILED;
            case TIMED_OUT -> XksProxyMessages.TIMED_OUT;
            case ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE ->
                "The external key store proxy reports that all of its " + "external key managers are unavailable.";
            case AUTHENTICATION_FAILED -> XksProxyMessages.AUTHENTICATION_FAILED;
            case INVALID_URI_PATH -> XksProxyMessages.INVALID_URI_PATH;
            case THROTTLED -> XksProxyMessages.THROTTLED;
            case DEPENDENCY_TIMEOUT -> XksProxyMessages.DEPENDENCY_TIMEOUT;
            case INTERNAL_ERROR -> XksProxyMessages.INTERNAL;
            case ACCESS_DENIED -> XksProxyMessages.ACCESS_DENIED;
            case VALIDATION_ERROR, INVALID_RESPONSE -> XksProxyMessages.CANNOT_INTERPRET;
        };
    }

}
