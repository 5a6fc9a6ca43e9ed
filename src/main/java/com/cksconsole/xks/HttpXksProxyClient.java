package com.cksconsole.xks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls GetHealthStatus and the key operations as KMS does:
 * {@code POST <endpoint><uriPath>/health} or
 * {@code POST <endpoint><uriPath>/keys/<externalKeyId>/metadata|encrypt|decrypt},
 * SigV4-signed by the AWS SDK's own signer (service {@code kms-xks-proxy}), within the
 * time budget {@code console.xks.timeout} (KMS gives every proxy call 250 ms, crypto
 * calls included: XKS proxy API specification, each operation's "KMS considerations").
 *
 * <p>
 * Which Host is signed: the client signs exactly the URL it connects to.
 * {@code java.net.http} derives the Host header from that URL the same way the SDK signer
 * does (host name, plus {@code :port} unless it is the scheme's default), so the signed
 * Host is the Host on the wire. Against a real proxy (aws mode) that is the proxy's own
 * name, as KMS sends it. Through the sandbox's host table it is {@code 127.0.0.1:<port>},
 * and the built-in proxy verifies against the Host it received, like any real proxy.
 * Signing a logical host name and sending it would need the JVM-wide switch
 * {@code -Djdk.httpclient.allowRestrictedHeaders=host}, which would change every HTTP
 * client in the process and could make a signature differ from what really travels.
 *
 * <p>
 * What is signed: {@code host;x-amz-content-sha256;x-amz-date}. The SDK signer always
 * adds the payload hash header (it holds the SHA-256 of the JSON body that SigV4 signs
 * anyway); KMS signs {@code host;x-amz-date}. Both are valid SigV4, and a proxy verifies
 * over whatever {@code SignedHeaders} lists.
 */
final class HttpXksProxyClient implements XksProxyClient {

    static final String SERVICE_SIGNING_NAME = "kms-xks-proxy";
    static final int MAX_RESPONSE_BYTES = 64 * 1024;

    private static final Duration OUTER_GRACE = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(HttpXksProxyClient.class);

    /**
     * The only path characters the XKS spec allows; anything else could smuggle a query
     * or fragment.
     */
    private static final Pattern URI_PATH = Pattern.compile("/[A-Za-z0-9/_-]*");

    /** XKS proxy API specification, "API operations": externalKeyId. */
    private static final Pattern EXTERNAL_KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private static final String AES_GCM = "AES_GCM";

    private static final String SHA_256 = "SHA_256";

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final List<String> RESTRICTED_HEADERS = List.of("host", "content-length", "connection");

    private final XksHostTable hosts;

    private final Duration timeout;

    private final Clock clock;

    private final HttpClient httpClient;

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private final XksProxyAnswers answers = new XksProxyAnswers();

    private final XksKeyAnswers keyAnswers = new XksKeyAnswers();

    private final JsonMapper json = JsonMapper.builder().build();

    HttpXksProxyClient(XksHostTable hosts, Duration timeout, Clock clock) {
        this.hosts = hosts;
        this.timeout = timeout;
        this.clock = clock;
        this.httpClient = HttpClient.newBuilder()
            // The spec's signature rules are written for HTTP/1.1 (Host, not :authority),
            // and every proxy
            // must speak it; this also avoids h2c upgrade attempts on plain-HTTP sandbox
            // URLs.
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(timeout)
            .build();
    }

    /**
     * {@inheritDoc}
     * @throws IllegalArgumentException if the endpoint is not {@code https://host} or the
     * path has characters KMS itself would refuse (a caller bug, never a proxy failure)
     */
    @Override
    public XksHealthCheckResult getHealthStatus(XksHealthCheckRequest request) {
        String host = endpointHost(request.uriEndpoint());
        String uriPath = validUriPath(request.uriPath());
        Exchange exchange = exchange(host, uriPath + "/health", requestBody(request), request.credential(),
                request.region());
        XksHealthCheckResult result;
        if (exchange instanceof Exchange.Answered answered) {
            result = answers.interpret(answered.status(), answered.body(), answered.latency());
        }
        else if (exchange instanceof Exchange.Broken broken) {
            result = new XksHealthCheckResult.Failed(healthKind(broken.kind()), null, null, null, broken.latency());
        }
        else {
            result = new XksHealthCheckResult.Failed(XksFailureKind.UNREACHABLE, null, null, null, Duration.ZERO);
        }
        logOutcome(host, uriPath, result);
        return result;
    }

    /**
     * {@inheritDoc}
     * @throws IllegalArgumentException if the endpoint, path or external key ID has a
     * form KMS itself would refuse
     */
    @Override
    public XksKeyResult<XksKeyMetadata> getKeyMetadata(XksKeyCall call) {
        return keyOperation(call, "metadata", Map.of(), keyAnswers::keyMetadata);
    }

    @Override
    public XksKeyResult<XksCiphertext> encrypt(XksKeyCall call, XksEncryptInput input) {
        var members = new LinkedHashMap<String, Object>();
        members.put("plaintext", base64(input.plaintext()));
        members.put("encryptionAlgorithm", AES_GCM);
        if (input.additionalAuthenticatedData() != null) {
            members.put("additionalAuthenticatedData", base64(input.additionalAuthenticatedData()));
        }
        if (input.wantCiphertextDataIntegrityValue()) {
            members.put("ciphertextDataIntegrityValueAlgorithm", SHA_256);
        }
        return keyOperation(call, "encrypt", members, (body) -> keyAnswers.ciphertext(body, input));
    }

    @Override
    public XksKeyResult<byte[]> decrypt(XksKeyCall call, XksDecryptInput input) {
        var members = new LinkedHashMap<String, Object>();
        members.put("ciphertext", base64(input.ciphertext()));
        members.put("encryptionAlgorithm", AES_GCM);
        members.put("initializationVector", base64(input.initializationVector()));
        members.put("authenticationTag", base64(input.authenticationTag()));
        if (input.ciphertextMetadata() != null) {
            members.put("ciphertextMetadata", base64(input.ciphertextMetadata()));
        }
        if (input.additionalAuthenticatedData() != null) {
            members.put("additionalAuthenticatedData", base64(input.additionalAuthenticatedData()));
        }
        return keyOperation(call, "decrypt", members, (body) -> keyAnswers.plaintext(body, input));
    }

    private <T> XksKeyResult<T> keyOperation(XksKeyCall call, String operation, Map<String, Object> members,
            Function<byte[], @Nullable T> interpretOk) {
        String host = endpointHost(call.uriEndpoint());
        String uriPath = validUriPath(call.uriPath());
        if (!EXTERNAL_KEY_ID.matcher(call.externalKeyId()).matches()) {
            throw new IllegalArgumentException("externalKeyId must be 1-128 characters of A-Z a-z 0-9 - . _");
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("requestMetadata", requestMetadata(call.requestMetadata()));
        body.putAll(members);
        Exchange exchange = exchange(host, uriPath + "/keys/" + call.externalKeyId() + "/" + operation,
                json.writeValueAsBytes(body), call.credential(), call.region());
        XksKeyResult<T> result;
        if (exchange instanceof Exchange.Answered answered) {
            result = keyAnswers.interpret(answered.status(), answered.body(), answered.latency(), interpretOk);
        }
        else if (exchange instanceof Exchange.Broken broken) {
            result = new XksKeyResult.Failed<>(broken.kind(), null, null, broken.latency());
        }
        else {
            result = new XksKeyResult.Failed<>(XksKeyFailureKind.UNREACHABLE, null, null, Duration.ZERO);
        }
        if (log.isDebugEnabled()) {
            // Never the credential nor a payload: where, which key, and what came back.
            if (result instanceof XksKeyResult.Failed<T> failed) {
                log.debug("XKS {} {}{} key {} failed: {} (HTTP {}, errorName {}) after {} ms", operation, host, uriPath,
                        call.externalKeyId(), failed.kind(), failed.httpStatus(), failed.proxyErrorName(),
                        failed.latency().toMillis());
            }
            else {
                log.debug("XKS {} {}{} key {} succeeded after {} ms", operation, host, uriPath, call.externalKeyId(),
                        result.latency().toMillis());
            }
        }
        return result;
    }

    private static Map<String, String> requestMetadata(XksRequestMetadata metadata) {
        var members = new LinkedHashMap<String, String>();
        members.put("awsPrincipalArn", metadata.awsPrincipalArn());
        putIfPresent(members, "awsSourceVpc", metadata.awsSourceVpc());
        putIfPresent(members, "awsSourceVpce", metadata.awsSourceVpce());
        putIfPresent(members, "kmsKeyArn", metadata.kmsKeyArn());
        members.put("kmsOperation", metadata.kmsOperation());
        members.put("kmsRequestId", metadata.kmsRequestId());
        putIfPresent(members, "kmsViaService", metadata.kmsViaService());
        return members;
    }

    private static void putIfPresent(Map<String, String> members, String name, @Nullable String value) {
        if (value != null) {
            members.put(name, value);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** What one signed POST came to. */
    private sealed interface Exchange {

        /** The host is not reachable from here; nothing was sent. */
        record NotSent() implements Exchange {
        }

        /** Sent, but no answer to interpret. */
        record Broken(XksKeyFailureKind kind, Duration latency) implements Exchange {
        }

        record Answered(int status, byte[] body, Duration latency) implements Exchange {
        }

    }

    private Exchange exchange(String host, String path, byte[] body, XksProxyCredential credential, String region) {
        Optional<URI> baseUrl = hosts.baseUrlFor(host);
        if (baseUrl.isEmpty()) {
            log.debug("XKS call {}{}: host not reachable from here, nothing sent", host, path);
            return new Exchange.NotSent();
        }
        URI target = URI.create(baseUrl.get() + path);
        HttpRequest httpRequest = signedRequest(target, body, credential, region);
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> call = httpClient.sendAsync(httpRequest,
                new BoundedBodyHandler(MAX_RESPONSE_BYTES));
        try {
            // The request timeout covers connect and response headers and tells the two
            // apart; this outer bound, a hair later so that the library's verdict wins,
            // also covers a body that trickles in.
            HttpResponse<byte[]> response = call.get(timeout.plus(OUTER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
            Duration latency = since(started);
            // An answer completed after the budget is one KMS would not have waited for.
            return latency.compareTo(timeout) > 0 ? new Exchange.Broken(XksKeyFailureKind.TIMED_OUT, latency)
                    : new Exchange.Answered(response.statusCode(), response.body(), latency);
        }
        catch (TimeoutException e) {
            call.cancel(true);
            return new Exchange.Broken(XksKeyFailureKind.TIMED_OUT, since(started));
        }
        catch (ExecutionException e) {
            return new Exchange.Broken(keyKindOf(e.getCause() == null ? e : e.getCause()), since(started));
        }
        catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new Exchange.Broken(XksKeyFailureKind.TIMED_OUT, since(started));
        }
    }

    private static XksFailureKind healthKind(XksKeyFailureKind transport) {
        return switch (transport) {
            case UNREACHABLE -> XksFailureKind.UNREACHABLE;
            case TLS_HANDSHAKE_FAILED -> XksFailureKind.TLS_HANDSHAKE_FAILED;
            case TIMED_OUT -> XksFailureKind.TIMED_OUT;
            default -> XksFailureKind.INVALID_RESPONSE;
        };
    }

    private HttpRequest signedRequest(URI target, byte[] body, XksProxyCredential credential, String region) {
        var unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(target).build();
        SignedRequest signed = signer.sign(sign -> sign
            .identity(AwsCredentialsIdentity.create(credential.accessKeyId(), credential.rawSecretAccessKey()))
            .request(unsigned)
            .payload(() -> new ByteArrayInputStream(body))
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE_SIGNING_NAME)
            .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        var builder = HttpRequest.newBuilder(target)
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            // Not signed, as with KMS: SignedHeaders lists only what the signer covered.
            .header("Content-Type", "application/json");
        signed.request().forEachHeader((name, values) -> {
            if (!RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        return builder.build();
    }

    private byte[] requestBody(XksHealthCheckRequest request) {
        return json.writeValueAsBytes(
                new HealthRequestBody(new RequestMetadata(request.kmsRequestId(), request.kmsOperation())));
    }

    /**
     * Maps a transport failure to what KMS reports. A connect timeout means no TCP
     * connection could be made, so it is "unreachable" like a refused connection; "timed
     * out" is kept for a proxy that accepted the connection but did not answer in time
     * (the spec's socket timeout).
     */
    static XksFailureKind kindOf(Throwable failure) {
        return healthKind(keyKindOf(failure));
    }

    static XksKeyFailureKind keyKindOf(Throwable failure) {
        // TLS first: java.net.http may wrap a failed handshake in a ConnectException.
        if (causedBy(failure, SSLException.class)) {
            return XksKeyFailureKind.TLS_HANDSHAKE_FAILED;
        }
        if (causedBy(failure, HttpConnectTimeoutException.class, ConnectException.class, UnknownHostException.class,
                UnresolvedAddressException.class, NoRouteToHostException.class)) {
            return XksKeyFailureKind.UNREACHABLE;
        }
        if (causedBy(failure, HttpTimeoutException.class)) {
            return XksKeyFailureKind.TIMED_OUT;
        }
        // Connected, but what came back (a closed connection, a garbled or oversized
        // answer) is not an answer KMS can interpret.
        return XksKeyFailureKind.INVALID_RESPONSE;
    }

    @SafeVarargs
    private static boolean causedBy(Throwable failure, Class<? extends Throwable>... types) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String endpointHost(URI endpoint) {
        if (!"https".equals(endpoint.getScheme()) || endpoint.getHost() == null || endpoint.getPort() != -1
                || !endpoint.getRawPath().isEmpty() || endpoint.getRawQuery() != null
                || endpoint.getRawFragment() != null || endpoint.getRawUserInfo() != null) {
            throw new IllegalArgumentException("XksProxyUriEndpoint must be https://host without port or path");
        }
        return endpoint.getHost();
    }

    private static String validUriPath(String uriPath) {
        if (!URI_PATH.matcher(uriPath).matches()) {
            throw new IllegalArgumentException("XksProxyUriPath has characters outside [A-Za-z0-9/_-]");
        }
        return uriPath;
    }

    private static Duration since(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static void logOutcome(String host, String uriPath, XksHealthCheckResult result) {
        if (!log.isDebugEnabled()) {
            return;
        }
        // Never the credential: only where we called and what came back.
        if (result instanceof XksHealthCheckResult.Failed failed) {
            log.debug("GetHealthStatus {}{} failed: {} (HTTP {}, errorName {}) after {} ms", host, uriPath,
                    failed.kind(), failed.httpStatus(), failed.proxyErrorName(), failed.latency().toMillis());
        }
        else {
            log.debug("GetHealthStatus {}{} healthy after {} ms", host, uriPath, result.latency().toMillis());
        }
    }

    private record HealthRequestBody(RequestMetadata requestMetadata) {
    }

    private record RequestMetadata(String kmsRequestId, String kmsOperation) {
    }

}
