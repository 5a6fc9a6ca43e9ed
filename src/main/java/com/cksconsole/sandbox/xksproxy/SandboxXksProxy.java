package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * The four operations of the XKS proxy API specification v1.0.3 (GetHealthStatus,
 * GetKeyMetadata, Encrypt, Decrypt), as the built-in sandbox proxy answers them. Checks
 * run in the order a real proxy can run them: the path (credentials are per path prefix),
 * the signature, then the body; only an authentic, well-formed request gets the prefix's
 * behaviour, and then the external key's answer.
 */
@Component
@ConditionalOnSandboxMode
class SandboxXksProxy {

    static final String HEALTH_SUFFIX = XksProxyRegistry.API_PATH + "/health";

    /**
     * Room for the spec's minimums together: 4,300 bytes of plaintext or ciphertext,
     * 8,192 bytes of AAD (both in Base64) and two 2,048-character ARNs in the metadata.
     */
    static final int MAX_REQUEST_BYTES = 32 * 1024;

    /** {@code <prefix>/kms/xks/v1/keys/<externalKeyId>/<operation>}. */
    private static final Pattern KEY_PATH = Pattern
        .compile("(.*)" + Pattern.quote(XksProxyRegistry.API_PATH) + "/keys/([^/]+)/(metadata|encrypt|decrypt)");

    private static final String INVALID_URI_PATH_MESSAGE = "The request was rejected because the URI path is not valid.";

    private static final Logger log = LoggerFactory.getLogger(SandboxXksProxy.class);

    private static final int LOGGED_VALUE_MAX = 128;

    private final SandboxProxyCredentials credentials;

    private final SigV4Verifier verifier;

    private final Duration slowAnswerDelay;

    private final SandboxKeyManager keyManager;

    private final JsonMapper json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    private final SandboxProxyBehaviours behaviours;

    SandboxXksProxy(XksProxyRegistry registry, SandboxProxyBehaviours behaviours, SandboxProxyCredentials credentials,
            SigV4Verifier verifier, ExternalKeyMaterial keyMaterial, XksProperties xksProperties) {
        this.credentials = credentials;
        this.behaviours = behaviours;
        this.verifier = verifier;
        this.keyManager = new SandboxKeyManager(registry, keyMaterial);
        // "Slow" means slower than KMS waits, whatever the configured budget.
        this.slowAnswerDelay = xksProperties.timeout().multipliedBy(2);
    }

    /** What to send back, and how long to hold it (only the SLOW behaviour waits). */
    record Answer(int status, MediaType contentType, byte[] body, Duration delay) {

        Answer delayedBy(Duration value) {
            return new Answer(status, contentType, body, value);
        }

        @Override
        public String toString() {
            // The body may hold plaintext.
            return "Answer[status=" + status + ", body=<" + body.length + " bytes>, delay=" + delay + "]";
        }
    }

    /**
     * @param pathWithinProxy the raw path after {@code /sandbox/xks-proxy}, e.g.
     * {@code /tenant-a/kms/xks/v1/health} or
     * {@code /tenant-a/kms/xks/v1/keys/<externalKeyId>/encrypt}
     * @param hasQuery whether the request carried a query string (no XKS API uses one)
     * @param call the request as it arrived; its body may be one byte longer than
     * {@link #MAX_REQUEST_BYTES}
     */
    Answer answer(String pathWithinProxy, boolean hasQuery, SignedCall call) {
        Matcher keyPath = KEY_PATH.matcher(pathWithinProxy);
        boolean keyOperation = keyPath.matches();
        Optional<String> prefix = keyOperation ? Optional.of(keyPath.group(1)) : prefixOf(pathWithinProxy);
        Optional<ProxyBehaviour> behaviour = prefix.flatMap(behaviours::current);
        if (hasQuery || behaviour.isEmpty() || behaviour.get() == ProxyBehaviour.REJECT_PATH) {
            log.debug("XKS proxy: no API at {}", printable(pathWithinProxy));
            return error(404, "InvalidUriPathException", INVALID_URI_PATH_MESSAGE);
        }
        if (call.body().length > MAX_REQUEST_BYTES) {
            return error(400, "ValidationException", "The request body is too large.");
        }
        // The credentials accepted now: configured, and those added or removed at run
        // time (a rotation in progress accepts two).
        List<Registration> registrations = credentials.accepted(prefix.get());
        Verdict verdict = verifier.verify(call,
                accessKeyId -> registrations.stream()
                    .filter(registration -> registration.accessKeyId().equals(accessKeyId))
                    .findFirst());
        if (verdict instanceof Verdict.Rejected rejected) {
            log.debug("XKS proxy {}: authentication failed: {}", printable(prefix.get()), rejected.reason());
            return error(401, "AuthenticationFailedException",
                    "The request was rejected due to an invalid AWS SigV4 signature.");
        }
        if (keyOperation) {
            return keyOperation(prefix.get(), behaviour.get(), keyPath.group(2), KeyOperation.of(keyPath.group(3)),
                    call.body());
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

    /**
     * The three key operations and the requestMetadata members each requires (spec "API
     * operations").
     */
    enum KeyOperation {

        GET_KEY_METADATA("GetKeyMetadata", List.of("awsPrincipalArn", "kmsOperation", "kmsRequestId")),
        ENCRYPT("Encrypt", List.of("awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId")),
        DECRYPT("Decrypt", List.of("awsPrincipalArn", "kmsKeyArn", "kmsOperation", "kmsRequestId"));

        final String apiName;

        private final List<String> requiredMetadata;

        KeyOperation(String apiName, List<String> requiredMetadata) {
            this.apiName = apiName;
            this.requiredMetadata = requiredMetadata;
        }

        static KeyOperation of(String pathSuffix) {
            return switch (pathSuffix) {
                case "metadata" -> GET_KEY_METADATA;
                case "encrypt" -> ENCRYPT;
                default -> DECRYPT;
            };
        }

    }

    private Answer keyOperation(String prefix, ProxyBehaviour behaviour, String externalKeyId, KeyOperation operation,
            byte[] body) {
        JsonNode request = parseObject(body);
        if (request == null) {
            return validation("The request body must be a JSON object.");
        }
        JsonNode metadata = request.get("requestMetadata");
        if (metadata == null || !metadata.isObject()) {
            return validation("requestMetadata is required.");
        }
        for (String member : operation.requiredMetadata) {
            JsonNode value = metadata.get(member);
            if (value == null || !value.isString()) {
                return validation("requestMetadata." + member + " is required for " + operation.apiName + ".");
            }
        }
        // The spec asks proxies to log kmsRequestId; the key ID is not secret, the
        // payload is never logged.
        log.debug("XKS proxy {}: {} key={} kmsRequestId={} kmsOperation={}", printable(prefix), operation.apiName,
                printable(externalKeyId), printable(metadata.get("kmsRequestId").stringValue()),
                printable(metadata.get("kmsOperation").stringValue()));
        Answer answer = switch (behaviour) {
            case HEALTHY, DEGRADED, ONE_EKM_LEFT, SLOW -> keyManager.answer(prefix, externalKeyId, operation, request);
            // Every key manager down: the proxy cannot reach one.
            case UNAVAILABLE ->
                error(500, "InternalException", "The external key manager failed to process the request.");
            // Not an answer KMS can interpret.
            case MALFORMED ->
                new Answer(200, MediaType.APPLICATION_JSON, "{}".getBytes(StandardCharsets.US_ASCII), Duration.ZERO);
            default -> answer(behaviour);
        };
        return behaviour == ProxyBehaviour.SLOW ? answer.delayedBy(slowAnswerDelay) : answer;
    }

    private @Nullable JsonNode parseObject(byte[] body) {
        try {
            JsonNode root = json.readTree(body);
            return root != null && root.isObject() ? root : null;
        }
        catch (JacksonException | IllegalArgumentException malformed) {
            return null;
        }
    }

    private Answer validation(String message) {
        return error(400, "ValidationException", message);
    }

    private Answer answer(ProxyBehaviour behaviour) {
        return switch (behaviour) {
            case HEALTHY -> health("ACTIVE", "ACTIVE");
            case DEGRADED -> health("DEGRADED", "ACTIVE");
            case ONE_EKM_LEFT -> health("ACTIVE", "UNAVAILABLE");
            case UNAVAILABLE -> health("UNAVAILABLE", "UNAVAILABLE");
            case SLOW -> {
                Answer healthy = health("ACTIVE", "ACTIVE");
                yield new Answer(healthy.status(), healthy.contentType(), healthy.body(), slowAnswerDelay);
            }
            case MALFORMED -> health();
            case REJECT_PATH -> error(404, "InvalidUriPathException", INVALID_URI_PATH_MESSAGE);
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
