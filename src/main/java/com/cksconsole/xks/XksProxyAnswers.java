package com.cksconsole.xks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Interprets what an XKS proxy answered to GetHealthStatus, exactly as KMS does (KMS
 * reference, sections 5.2 and 5.3; XKS proxy API specification v1.0.3, "GetHealthStatus"
 * and "Error codes").
 */
final class XksProxyAnswers {

    static final int HTTP_OK = 200;
    static final int MIN_EKM_ENTRIES = 1;
    static final int MAX_EKM_ENTRIES = 10;
    static final Set<String> HEALTH_STATUSES = Set.of("ACTIVE", "DEGRADED", "UNAVAILABLE");

    /**
     * The spec says KMS picks its exception from the proxy's {@code errorName} (not from
     * the status code), so the name decides; each name is only honoured on an error
     * status. Names not listed here (InvalidStateException,
     * UnsupportedOperationException, KeyNotFoundException, anything unknown) are not
     * mapped for GetHealthStatus by the XKS proxy API specification and count as an
     * answer KMS cannot interpret.
     */
    private static final Map<String, XksFailureKind> KIND_BY_ERROR_NAME = Map.of("AuthenticationFailedException",
            XksFailureKind.AUTHENTICATION_FAILED, "InvalidUriPathException", XksFailureKind.INVALID_URI_PATH,
            "AccessDeniedException", XksFailureKind.ACCESS_DENIED, "ValidationException",
            XksFailureKind.VALIDATION_ERROR, "InternalException", XksFailureKind.INTERNAL_ERROR, "ThrottlingException",
            XksFailureKind.THROTTLED, "DependencyTimeoutException", XksFailureKind.DEPENDENCY_TIMEOUT);

    /**
     * An errorName worth keeping in a result (it may be shown to operators); anything
     * else is dropped.
     */
    private static final Pattern PLAUSIBLE_ERROR_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,63}");

    private final JsonMapper json = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();

    XksHealthCheckResult interpret(int status, byte[] body, Duration latency) {
        if (status == HTTP_OK) {
            return interpretHealth(body, latency);
        }
        if (status < 400) {
            // 200 is the only success code of GetHealthStatus; redirects are not
            // followed.
            return invalid(status, latency);
        }
        String errorName = errorName(body);
        if (errorName == null) {
            // "HTTP error code without a JSON-formatted body": KMS cannot interpret it.
            return invalid(status, latency);
        }
        XksFailureKind kind = KIND_BY_ERROR_NAME.getOrDefault(errorName, XksFailureKind.INVALID_RESPONSE);
        return new XksHealthCheckResult.Failed(kind, status, errorName, null, latency);
    }

    private XksHealthCheckResult interpretHealth(byte[] body, Duration latency) {
        XksHealthReport report = healthReport(body);
        if (report == null) {
            return invalid(HTTP_OK, latency);
        }
        if (report.everyExternalKeyManagerUnavailable()) {
            return new XksHealthCheckResult.Failed(XksFailureKind.ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE, HTTP_OK, null,
                    report, latency);
        }
        return new XksHealthCheckResult.Healthy(report, latency);
    }

    /**
     * The health report if the body satisfies every rule of the spec's response payload,
     * else null.
     */
    @Nullable XksHealthReport healthReport(byte[] body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode fleetSize = root.get("xksProxyFleetSize");
        String proxyVendor = string(root, "xksProxyVendor");
        String proxyModel = string(root, "xksProxyModel");
        String ekmVendor = string(root, "ekmVendor");
        JsonNode fleet = root.get("ekmFleetDetails");
        if (fleetSize == null || !fleetSize.isIntegralNumber() || !fleetSize.canConvertToInt()
                || fleetSize.intValue() <= 0 || proxyVendor == null || proxyModel == null || ekmVendor == null
                || fleet == null || !fleet.isArray() || fleet.size() < MIN_EKM_ENTRIES
                || fleet.size() > MAX_EKM_ENTRIES) {
            return null;
        }
        var members = new ArrayList<XksHealthReport.EkmFleetMember>(fleet.size());
        for (JsonNode entry : fleet) {
            if (!entry.isObject()) {
                return null;
            }
            String id = string(entry, "id");
            String model = string(entry, "model");
            String healthStatus = string(entry, "healthStatus");
            if (id == null || model == null || healthStatus == null || !HEALTH_STATUSES.contains(healthStatus)) {
                return null;
            }
            members.add(new XksHealthReport.EkmFleetMember(id, model, healthStatus));
        }
        return new XksHealthReport(fleetSize.intValue(), proxyVendor, proxyModel, ekmVendor, members);
    }

    private @Nullable String errorName(byte[] body) {
        JsonNode root = parse(body);
        if (root == null || !root.isObject()) {
            return null;
        }
        String name = string(root, "errorName");
        return name != null && PLAUSIBLE_ERROR_NAME.matcher(name).matches() ? name : null;
    }

    private @Nullable JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return json.readTree(body);
        }
        catch (JacksonException malformed) {
            return null;
        }
    }

    /**
     * A present JSON string member; empty strings are accepted (the spec asks for
     * presence, not content).
     */
    private static @Nullable String string(JsonNode object, String name) {
        JsonNode value = object.get(name);
        return value != null && value.isString() ? value.stringValue() : null;
    }

    private static XksHealthCheckResult invalid(int status, Duration latency) {
        return new XksHealthCheckResult.Failed(XksFailureKind.INVALID_RESPONSE, status, null, null, latency);
    }

}
