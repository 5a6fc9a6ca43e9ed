package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;
import com.cksconsole.sandbox.xksproxy.SigV4Verifier.SignedCall;
import com.cksconsole.sandbox.xksproxy.SigV4Verifier.Verdict;
import com.cksconsole.xks.XksProperties;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * GetHealthStatus of the XKS proxy API specification v1.0.3, as the built-in sandbox
 * proxy answers it. Checks run in the order a real proxy can run them: the path
 * (credentials are per path prefix), the signature, then the body; only an authentic,
 * well-formed request gets the prefix's behaviour.
 */
@Component
@ConditionalOnSandboxMode
class SandboxXksProxy {

    static final String HEALTH_SUFFIX = XksProxyRegistry.API_PATH + "/health";
    static final int MAX_REQUEST_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SandboxXksProxy.class);

    private static final int LOGGED_VALUE_MAX = 128;

    private final XksProxyRegistry registry;

    private final SigV4Verifier verifier;

    private final Duration slowAnswerDelay;

    private final JsonMapper json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    SandboxXksProxy(XksProxyRegistry registry, SigV4Verifier verifier, XksProperties xksProperties) {
        this.registry = registry;
        this.verifier = verifier;
        // "Slow" means slower than KMS waits, whatever the configured budget.
        this.slowAnswerDelay = xksProperties.timeout().multipliedBy(2);
    }

    /** What to send back, and how long to hold it (only the SLOW behaviour waits). */
    record Answer(int status, MediaType contentType, byte[] body, Duration delay) {
    }

    /**
     * @param pathWithinProxy the raw path after {@code /sandbox/xks-proxy}, e.g.
     * {@code /tenant-a/kms/xks/v1/health}
     * @param hasQuery whether the request carried a query string (no XKS API uses one)
     * @param call the request as it arrived; its body may be one byte longer than
     * {@link #MAX_REQUEST_BYTES}
     */
    Answer getHealthStatus(String pathWithinProxy, boolean hasQuery, SignedCall call) {
        Optional<String> prefix = prefixOf(pathWithinProxy);
        Optional<ProxyBehaviour> behaviour = prefix.flatMap(registry::behaviourOf);
        if (hasQuery || behaviour.isEmpty() || behaviour.get() == ProxyBehaviour.REJECT_PATH) {
            log.debug("XKS proxy: no API at {}", printable(pathWithinProxy));
            return error(404, "InvalidUriPathException", "The request was rejected because the URI path is not valid.");
        }
        if (call.body().length > MAX_REQUEST_BYTES) {
            return error(400, "ValidationException", "The request body is too large.");
        }
        List<Registration> registrations = registry.forPrefix(prefix.get());
        Verdict verdict = verifier.verify(call,
                accessKeyId -> registrations.stream()
                    .filter(registration -> registration.accessKeyId().equals(accessKeyId))
                    .findFirst());
        if (verdict instanceof Verdict.Rejected rejected) {
            log.debug("XKS proxy {}: authentication failed: {}", printable(prefix.get()), rejected.reason());
            return error(401, "AuthenticationFailedException",
                    "The request was rejected due to an invalid AWS SigV4 signature.");
        }
        RequestMetadata metadata = requestMetadata(call.body());
        if (metadata == null) {
            return error(400, "ValidationException",
                    "requestMetadata with the string members kmsRequestId and kmsOperation is required.");
        }
        // The spec asks proxies to log kmsRequestId so that operators can match
        // CloudTrail entries.
        log.debug("XKS proxy {}: GetHealthStatus kmsRequestId={} kmsOperation={} -> {}", printable(prefix.get()),
                printable(metadata.kmsRequestId()), printable(metadata.kmsOperation()), behaviour.get());
        return answer(behaviour.get());
    }

    private Answer answer(ProxyBehaviour behaviour) {
        return switch (behaviour) {
            case HEALTHY -> health("ACTIVE", "ACTIVE");
            case DEGRADED -> health("DEGRADED", "ACTIVE");
            case UNAVAILABLE -> health("UNAVAILABLE", "UNAVAILABLE");
            case SLOW -> {
                Answer healthy = health("ACTIVE", "ACTIVE");
                yield new Answer(healthy.status(), healthy.contentType(), healthy.body(), slowAnswerDelay);
            }
            case MALFORMED -> health();
            case REJECT_PATH ->
                error(404, "InvalidUriPathException", "The request was rejected because the URI path is not valid.");
            case ACCESS_DENIED -> error(403, "AccessDeniedException",
                    "The request was rejected because the operation is not authorized based on request metadata.");
            case VALIDATION_ERROR -> error(400, "ValidationException",
                    "The request was rejected because one or more input parameters is invalid.");
            case INVALID_STATE -> error(400, "InvalidStateException",
                    "The request was rejected because the key store is disabled, deactivated or blocked.");
            case INTERNAL_ERROR ->
                error(500, "InternalException", "The external key manager failed to process the request.");
            case THROTTLED ->
                error(429, "ThrottlingException", "The request was rejected because the request rate is too high.");
            case UNSUPPORTED_OPERATION -> error(501, "UnsupportedOperationException",
                    "The request was rejected because the operation is not implemented.");
            case DEPENDENCY_TIMEOUT -> error(503, "DependencyTimeoutException",
                    "The proxy timed out while trying to access the external key manager.");
            case ERROR_WITHOUT_JSON -> new Answer(502, MediaType.TEXT_HTML,
                    "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.US_ASCII),
                    Duration.ZERO);
        };
    }

    /**
     * A health answer whose fleet has one external key manager per status (none:
     * MALFORMED's empty fleet).
     */
    private Answer health(String... statuses) {
        var fleet = new ArrayList<EkmFleetMember>();
        for (int i = 0; i < statuses.length; i++) {
            fleet.add(new EkmFleetMember("sandbox-ekm-" + (i + 1), "Sandbox EKM 1.0", statuses[i]));
        }
        var status = new HealthStatus(2, "Custom Key Store Console", "Sandbox XKS Proxy 1.0", "Sandbox EKM Vendor",
                fleet);
        return new Answer(200, MediaType.APPLICATION_JSON, json.writeValueAsBytes(status), Duration.ZERO);
    }

    private Answer error(int status, String errorName, String errorMessage) {
        return new Answer(status, MediaType.APPLICATION_JSON,
                json.writeValueAsBytes(new ErrorBody(errorName, errorMessage)), Duration.ZERO);
    }

    private static Optional<String> prefixOf(String pathWithinProxy) {
        if (!pathWithinProxy.endsWith(HEALTH_SUFFIX)) {
            return Optional.empty();
        }
        return Optional.of(pathWithinProxy.substring(0, pathWithinProxy.length() - HEALTH_SUFFIX.length()));
    }

    private @Nullable RequestMetadata requestMetadata(byte[] body) {
        try {
            JsonNode metadata = json.readTree(body).get("requestMetadata");
            if (metadata == null || !metadata.isObject()) {
                return null;
            }
            JsonNode requestId = metadata.get("kmsRequestId");
            JsonNode operation = metadata.get("kmsOperation");
            if (requestId == null || !requestId.isString() || operation == null || !operation.isString()) {
                return null;
            }
            // Both are opaque: the spec forbids validating the ID's structure or
            // rejecting unknown operations.
            return new RequestMetadata(requestId.stringValue(), operation.stringValue());
        }
        catch (JacksonException | IllegalArgumentException malformed) {
            return null;
        }
    }

    /** Caller-controlled text made safe for one log line. */
    private static String printable(String value) {
        String clean = value.codePoints()
            .map(c -> c >= 0x20 && c < 0x7f ? c : '?')
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
        return clean.length() > LOGGED_VALUE_MAX ? clean.substring(0, LOGGED_VALUE_MAX) + "..." : clean;
    }

    private record RequestMetadata(String kmsRequestId, String kmsOperation) {
    }

    private record HealthStatus(int xksProxyFleetSize, String xksProxyVendor, String xksProxyModel, String ekmVendor,
            List<EkmFleetMember> ekmFleetDetails) {
    }

    private record EkmFleetMember(String id, String model, String healthStatus) {
    }

    private record ErrorBody(String errorName, String errorMessage) {
    }

}
