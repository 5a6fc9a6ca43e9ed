package com.cksconsole.sandbox.kms;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;

import io.micrometer.core.instrument.MeterRegistry;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The KMS-compatible endpoint: {@code POST /sandbox/kms} with
 * {@code X-Amz-Target: TrentService.<Operation>}, AWS JSON 1.1 bodies and SigV4. Check
 * order (KMS API Reference, Common Errors; AWS JSON 1.1 protocol): signature, operation
 * name, request quota, JSON, then the operation's own checks. Every authenticated request
 * of a known operation is counted as {@value #REQUESTS} per operation, account and Region
 * (throttled ones too: KMS received them), so that how often the console calls KMS, for
 * example DescribeCustomKeyStores against its quota, can be seen and tested.
 */
@Controller
@ConditionalOnSandboxMode
class SandboxKmsController {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** The counter of the requests received. */
    static final String REQUESTS = "console.sandbox.kms.requests";

    private static final String TARGET_PREFIX = "TrentService.";

    /**
     * KMS requests are small; anything larger is refused before it is parsed or signed.
     */
    private static final int MAX_BODY_BYTES = 256 * 1024;

    private static final Logger log = LoggerFactory.getLogger(SandboxKmsController.class);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final SigV4Authenticator authenticator;

    private final RequestRateLimiter rateLimiter;

    private final Map<String, KmsOperation> operations;

    private final Clock clock;

    private final SandboxKmsFaults faults;

    private final @Nullable MeterRegistry meters;

    /** Without counting the requests. */
    SandboxKmsController(SigV4Authenticator authenticator, RequestRateLimiter rateLimiter,
            List<KmsOperation> operations, Clock clock, SandboxKmsFaults faults) {
        this(authenticator, rateLimiter, operations, clock, faults, (MeterRegistry) null);
    }

    @Autowired
    SandboxKmsController(@Qualifier("sandboxKmsSigV4Authenticator") SigV4Authenticator authenticator,
            RequestRateLimiter rateLimiter, List<KmsOperation> operations, Clock clock, SandboxKmsFaults faults,
            ObjectProvider<MeterRegistry> meters) {
        this(authenticator, rateLimiter, operations, clock, faults, meters.getIfAvailable());
    }

    private SandboxKmsController(SigV4Authenticator authenticator, RequestRateLimiter rateLimiter,
            List<KmsOperation> operations, Clock clock, SandboxKmsFaults faults, @Nullable MeterRegistry meters) {
        this.meters = meters;
        this.clock = clock;
        this.faults = faults;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.operations = operations.stream().collect(Collectors.toMap(KmsOperation::name, Function.identity()));
    }

    @PostMapping({ "/sandbox/kms", "/sandbox/kms/" })
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = UUID.randomUUID().toString();
        String operationName = "?";
        ServerDate.set(response, clock);
        try {
            byte[] body = readBody(request);
            var caller = authenticator.authenticate(request, body);
            KmsOperation operation = operation(request.getHeader("X-Amz-Target"));
            operationName = operation.name();
            count(operation.name(), caller.target());
            if (!rateLimiter.tryAcquire(operation.name(), caller.target())) {
                throw KmsError.of("ThrottlingException", "You have exceeded the rate at which you may call KMS. "
                        + "Reduce the frequency of your calls.");
            }
            KmsRequest parsed = KmsRequest.parse(body);
            // An injected fault answers before the operation runs, so it changes nothing.
            var fault = faults.consume(operation.name(), keyStoreIdOf(parsed));
            if (fault.isPresent()) {
                throw fault.get();
            }
            ObjectNode result = operation.handle(new KmsOperation.Call(caller.target(), requestId), parsed);
            log.debug("{} {} in {}: OK", requestId, operationName, caller.target());
            write(response, HttpServletResponse.SC_OK, requestId, result);
        }
        catch (KmsError error) {
            log.debug("{} {}: {}", requestId, operationName, error.type());
            writeError(response, requestId, error);
        }
        catch (RuntimeException unexpected) {
            log.error("{} {} failed", requestId, operationName, unexpected);
            writeError(response, requestId, KmsError.internal());
        }
    }

    private void count(String operation, AccountRegion target) {
        if (meters != null) {
            meters.counter(REQUESTS, "operation", operation, "account", target.accountId(), "region", target.region())
                .increment();
        }
    }

    private KmsOperation operation(String target) {
        if (target != null && target.startsWith(TARGET_PREFIX)) {
            KmsOperation operation = operations.get(target.substring(TARGET_PREFIX.length()));
            if (operation != null) {
                return operation;
            }
        }
        throw KmsError.of("UnknownOperationException",
                "The operation named in X-Amz-Target is not supported by " + "this endpoint. Supported: "
                        + operations.keySet()
                            .stream()
                            .sorted()
                            .map(name -> TARGET_PREFIX + name)
                            .collect(Collectors.joining(", "))
                        + ".");
    }

    /**
     * The custom key store a request names, for faults injected for one store; a member
     * of the wrong type is left to the operation to refuse.
     */
    private static @Nullable String keyStoreIdOf(KmsRequest request) {
        try {
            return request.string("CustomKeyStoreId");
        }
        catch (KmsError wrongType) {
            return null;
        }
    }

    private static byte[] readBody(HttpServletRequest request) throws IOException {
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw KmsError.serialization("The request body is larger than " + MAX_BODY_BYTES + " bytes.");
            }
            return body;
        }
    }

    private static void writeError(HttpServletResponse response, String requestId, KmsError error) throws IOException {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", error.type());
        body.put("message", error.getMessage());
        // The Java SDK reads x-amzn-ErrorType before __type; botocore reads __type. Both
        // carry the same name.
        response.setHeader("x-amzn-ErrorType", error.type());
        write(response, error.httpStatus(), requestId, body);
    }

    private static void write(HttpServletResponse response, int status, String requestId, JsonNode body)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        response.setHeader("x-amzn-RequestId", requestId);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

}
