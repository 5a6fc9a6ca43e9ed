package com.cksconsole.sandbox.kms;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The CloudHSM v2 compatible endpoint: {@code POST /sandbox/cloudhsmv2} with
 * {@code X-Amz-Target: BaldrApiService.DescribeClusters}, AWS JSON 1.1, SigV4 with
 * signing name {@code cloudhsm} (AWS CloudHSM API Reference, "DescribeClusters"; the
 * service model's metadata). Errors are {@code {"__type": ..., "Message": ...}}, the
 * CloudHSM error shape. The caller's account and the Region it signed for select the
 * clusters it sees ({@link SimulatedAws#clustersOf}); assumed-role sessions of STS work
 * as at {@code /sandbox/kms}.
 */
@Controller
@ConditionalOnSandboxMode
class SandboxCloudHsmController {

    static final String PATH = "/sandbox/cloudhsmv2";

    private static final String TARGET = "BaldrApiService.DescribeClusters";

    /** The IAM action DescribeClusters needs. */
    static final String ACTION = "cloudhsm:DescribeClusters";

    /** The page size when MaxResults is absent, and its maximum (model: 1-25). */
    static final int MAX_RESULTS = 25;

    /** Model: Filters has at most 30 entries. */
    private static final int MAX_FILTERS = 30;

    /** Model: NextToken is at most 256 characters. */
    private static final int MAX_TOKEN = 256;

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private static final List<String> FILTER_KEYS = List.of("clusterIds", "vpcIds", "states");

    private static final Logger log = LoggerFactory.getLogger(SandboxCloudHsmController.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SigV4Authenticator authenticator;

    private final RequestRateLimiter rateLimiter;

    private final SimulatedAws aws;

    private final Clock clock;

    private final StsRoles roles;

    SandboxCloudHsmController(@Qualifier("sandboxCloudHsmSigV4Authenticator") SigV4Authenticator authenticator,
            RequestRateLimiter rateLimiter, SimulatedAws aws, Clock clock, StsRoles roles) {
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.aws = aws;
        this.clock = clock;
        this.roles = roles;
    }

    /** An error answer: the CloudHSM error name, its HTTP status and message. */
    private static final class CloudHsmError extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String type;

        private final int status;

        CloudHsmError(String type, int status, String message) {
            super(message, null, false, false);
            this.type = type;
            this.status = status;
        }

        static CloudHsmError invalid(String message) {
            return new CloudHsmError("CloudHsmInvalidRequestException", 400, message);
        }

    }

    @PostMapping({ PATH, PATH + "/" })
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        ServerDate.set(response, clock);
        try {
            byte[] body = readBody(request);
            SigV4Authenticator.Caller caller;
            try {
                caller = authenticator.authenticate(request, body);
            }
            catch (KmsError error) {
                throw new CloudHsmError(error.type(), error.httpStatus(), String.valueOf(error.getMessage()));
            }
            if (!TARGET.equals(request.getHeader("X-Amz-Target"))) {
                throw new CloudHsmError("UnknownOperationException", 400,
                        "The operation named in X-Amz-Target is not supported by this endpoint. Supported: " + TARGET
                                + ".");
            }
            if (!roles.allows(caller.principal().arn(), ACTION)) {
                // The wording of IAM's refusals (AWS CloudHSM API Reference,
                // DescribeClusters,
                // CloudHsmAccessDeniedException).
                throw new CloudHsmError("CloudHsmAccessDeniedException", 400,
                        "User: " + caller.principal().arn() + " is not authorized to perform: " + ACTION
                                + " because no identity-based policy allows the " + ACTION + " action");
            }
            if (!rateLimiter.tryAcquire(ACTION, caller.target())) {
                throw new CloudHsmError("ThrottlingException", 400, "Rate exceeded");
            }
            ObjectNode result = describeClusters(caller.target(), parse(body));
            log.debug("{} DescribeClusters in {}: OK", requestId, caller.target());
            write(response, 200, requestId, result);
        }
        catch (CloudHsmError error) {
            log.debug("{} DescribeClusters: {}", requestId, error.type);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("__type", error.type);
            body.put("Message", error.getMessage());
            response.setHeader("x-amzn-ErrorType", error.type);
            write(response, error.status, requestId, body);
        }
        catch (RuntimeException unexpected) {
            log.error("{} DescribeClusters failed", requestId, unexpected);
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("__type", "CloudHsmInternalFailureException");
            body.put("Message", "The request was rejected because of an AWS CloudHSM internal failure. The request "
                    + "can be retried.");
            response.setHeader("x-amzn-ErrorType", "CloudHsmInternalFailureException");
            write(response, 500, requestId, body);
        }
    }

    /**
     * Several values of one filter are alternatives, different filters must all match;
     * unknown cluster IDs simply match nothing. Pages are in cluster ID order; the token
     * names the last cluster of the previous page.
     */
    private ObjectNode describeClusters(AccountRegion where, JsonNode request) {
        Map<String, List<String>> filters = filters(request.get("Filters"));
        int maxResults = maxResults(request.get("MaxResults"));
        String after = token(request.get("NextToken"));
        Predicate<SimulatedCluster> wanted = cluster -> matches(filters.get("clusterIds"), cluster.clusterId())
                && matches(filters.get("vpcIds"), cluster.vpcId()) && matches(filters.get("states"), cluster.state());
        List<SimulatedCluster> matching = aws.clustersOf(where)
            .stream()
            .filter(wanted)
            .filter(cluster -> after == null || cluster.clusterId().compareTo(after) > 0)
            .toList();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        var clusters = result.putArray("Clusters");
        matching.stream().limit(maxResults).map(SimulatedCluster::json).forEach(clusters::add);
        if (matching.size() > maxResults) {
            String last = matching.get(maxResults - 1).clusterId();
            result.put("NextToken",
                    Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("after:" + last).getBytes(StandardCharsets.UTF_8)));
        }
        return result;
    }

    private static boolean matches(@Nullable List<String> values, String actual) {
        return values == null || values.contains(actual);
    }

    private static Map<String, List<String>> filters(@Nullable JsonNode node) {
        Map<String, List<String>> filters = new HashMap<>();
        if (node == null || node.isNull()) {
            return filters;
        }
        if (!node.isObject()) {
            throw serialization("Filters must be a map of string lists.");
        }
        if (node.size() > MAX_FILTERS) {
            throw CloudHsmError.invalid("Filters must have no more than " + MAX_FILTERS + " entries.");
        }
        for (var entry : node.properties()) {
            if (!FILTER_KEYS.contains(entry.getKey())) {
                throw CloudHsmError.invalid("Invalid filter key '" + shortened(entry.getKey())
                        + "'. Valid filter keys: " + String.join(", ", FILTER_KEYS) + ".");
            }
            if (!entry.getValue().isArray()) {
                throw serialization("Filters must be a map of string lists.");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : entry.getValue()) {
                if (!value.isString()) {
                    throw serialization("Filters must be a map of string lists.");
                }
                values.add(value.stringValue());
            }
            filters.put(entry.getKey(), values);
        }
        return filters;
    }

    private static int maxResults(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return MAX_RESULTS;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw serialization("MaxResults must be an integer.");
        }
        int value = node.intValue();
        if (value < 1 || value > MAX_RESULTS) {
            throw CloudHsmError.invalid("1 validation error detected: Value '" + value + "' at 'maxResults' failed "
                    + "to satisfy constraint: Member must have value "
                    + (value < 1 ? "greater than or equal to 1" : "less than or equal to " + MAX_RESULTS));
        }
        return value;
    }

    private static @Nullable String token(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw serialization("NextToken must be a string.");
        }
        String token = node.stringValue();
        if (token.isEmpty()) {
            return null;
        }
        try {
            if (token.length() > MAX_TOKEN) {
                throw new IllegalArgumentException("too long");
            }
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (!decoded.startsWith("after:")) {
                throw new IllegalArgumentException("not ours");
            }
            return decoded.substring("after:".length());
        }
        catch (IllegalArgumentException e) {
            throw CloudHsmError.invalid("The NextToken is not valid.");
        }
    }

    private static JsonNode parse(byte[] body) {
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                throw serialization("The request body must be a JSON object.");
            }
            return root;
        }
        catch (JacksonException e) {
            throw serialization("The request body is not valid JSON.");
        }
    }

    private static CloudHsmError serialization(String message) {
        return new CloudHsmError("SerializationException", 400, message);
    }

    private static String shortened(String value) {
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw serialization("The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    private static void write(HttpServletResponse response, int status, String requestId, JsonNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(SandboxKmsController.CONTENT_TYPE);
        response.setHeader("x-amzn-RequestId", requestId);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

}
