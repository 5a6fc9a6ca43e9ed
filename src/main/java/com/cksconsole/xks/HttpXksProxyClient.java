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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

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
 * Calls GetHealthStatus as KMS does: {@code POST <endpoint><uriPath>/health},
 * SigV4-signed by the AWS SDK's own signer (service {@code kms-xks-proxy}), within the
 * time budget {@code console.xks.timeout}.
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

    /** Headers java.net.http sets itself and refuses from callers. */
    private static final List<String> RESTRICTED_HEADERS = List.of("host", "content-length", "connection");

    private final XksHostTable hosts;

    private final Duration timeout;

    private final Clock clock;

    private final HttpClient httpClient;

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    private final XksProxyAnswers answers = new XksProxyAnswers();

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
        Optional<URI> baseUrl = hosts.baseUrlFor(host);
        if (baseUrl.isEmpty()) {
            log.debug("GetHealthStatus {}{}: host not reachable from here, nothing sent", host, uriPath);
            return new XksHealthCheckResult.Failed(XksFailureKind.UNREACHABLE, null, null, null, Duration.ZERO);
        }
        URI target = URI.create(baseUrl.get() + uriPath + "/health");
        byte[] body = requestBody(request);
        HttpRequest httpRequest = signedRequest(target, body, request);

        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> call = httpClient.sendAsync(httpRequest,
                new BoundedBodyHandler(MAX_RESPONSE_BYTES));
        XksHealthCheckResult result;
        try {
            // The request timeout covers connect and response headers and tells the two
            // apart; this outer
            // bound, a hair later so that the library's verdict wins, also covers a body
            // that trickles in.
            HttpResponse<byte[]> response = call.get(timeout.plus(OUTER_GRACE).toNanos(), TimeUnit.NANOSECONDS);
            Duration latency = since(started);
            // An answer completed after the budget is one KMS would not have waited for.
            result = latency.compareTo(timeout) > 0
                    ? new XksHealthCheckResult.Failed(XksFailureKind.TIMED_OUT, null, null, null, latency)
                    : answers.interpret(response.statusCode(), response.body(), latency);
        }
        catch (TimeoutException e) {
            call.cancel(true);
            result = failed(XksFailureKind.TIMED_OUT, started);
        }
        catch (ExecutionException e) {
            result = failed(kindOf(e.getCause() == null ? e : e.getCause()), started);
        }
        catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            result = failed(XksFailureKind.TIMED_OUT, started);
        }
        logOutcome(host, uriPath, result);
        return result;
    }

    @Override
    public XksKeyResult<XksKeyMetadata> getKeyMetadata(XksKeyCall call) {
        // TODO implemented in the next commit
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public XksKeyResult<XksCiphertext> encrypt(XksKeyCall call, XksEncryptInput input) {
        // TODO implemented in the next commit
        throw new UnsupportedOperationException("not yet");
    }

    @Override
    public XksKeyResult<byte[]> decrypt(XksKeyCall call, XksDecryptInput input) {
        // TODO implemented in the next commit
        throw new UnsupportedOperationException("not yet");
    }

    private HttpRequest signedRequest(URI target, byte[] body, XksHealthCheckRequest request) {
        var unsigned = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(target).build();
        XksProxyCredential credential = request.credential();
        SignedRequest signed = signer.sign(sign -> sign
            .identity(AwsCredentialsIdentity.create(credential.accessKeyId(), credential.rawSecretAccessKey()))
            .request(unsigned)
            .payload(() -> new ByteArrayInputStream(body))
            .putProperty(AwsV4HttpSigner.REGION_NAME, request.region())
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
        // TLS first: java.net.http may wrap a failed handshake in a ConnectException.
        if (causedBy(failure, SSLException.class)) {
            return XksFailureKind.TLS_HANDSHAKE_FAILED;
        }
        if (causedBy(failure, HttpConnectTimeoutException.class, ConnectException.class, UnknownHostException.class,
                UnresolvedAddressException.class, NoRouteToHostException.class)) {
            return XksFailureKind.UNREACHABLE;
        }
        if (causedBy(failure, HttpTimeoutException.class)) {
            return XksFailureKind.TIMED_OUT;
        }
        // Connected, but what came back (a closed connection, a garbled or oversized
        // answer) is not an answer
        // KMS can interpret.
        return XksFailureKind.INVALID_RESPONSE;
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

    private static XksHealthCheckResult failed(XksFailureKind kind, long started) {
        return new XksHealthCheckResult.Failed(kind, null, null, null, since(started));
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
