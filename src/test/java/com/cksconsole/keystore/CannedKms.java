package com.cksconsole.keystore;

import com.cksconsole.kms.SandboxDefaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;

import com.cksconsole.kms.ConnectionState;

/**
 * A KMS endpoint on a local port that answers with queued AWS JSON 1.1 responses and
 * records each request, so the gateway is tested through the real SDK (serialisation,
 * error parsing) with answers the sandbox cannot be made to give on demand
 * (KMSInternalException, a credential refusal, a repeated page marker).
 */
public final class CannedKms implements AutoCloseable {

    public record Answer(int status, String errorType, String body) {
    }

    public record Recorded(String target, String body) {
    }

    private final HttpServer server;

    private final Deque<Answer> answers = new ArrayDeque<>();

    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private volatile CountDownLatch gate = new CountDownLatch(0);

    public CannedKms() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Recorded(exchange.getRequestHeaders().getFirst("X-Amz-Target"), body));
            try {
                gate.await(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Answer answer;
            synchronized (answers) {
                answer = answers.isEmpty() ? new Answer(500, "KMSInternalException", "{}") : answers.removeFirst();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.getResponseHeaders().add("x-amzn-RequestId", UUID.randomUUID().toString());
            if (answer.errorType() != null) {
                exchange.getResponseHeaders().add("x-amzn-ErrorType", answer.errorType());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    public CannedKms answer(String json) {
        synchronized (answers) {
            answers.add(new Answer(200, null, json));
        }
        return this;
    }

    public CannedKms fail(int status, String errorType) {
        synchronized (answers) {
            answers.add(new Answer(status, errorType,
                    "{\"__type\":\"" + errorType + "\",\"message\":\"canned " + errorType + "\"}"));
        }
        return this;
    }

    /**
     * Holds every answer until {@link #open()}: requests stay in flight for as long as
     * the test needs.
     */
    public CannedKms hold() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void open() {
        gate.countDown();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /**
     * The server's address: it answers whatever AWS JSON 1.1 service is pointed at it
     * (CloudHSM v2 too).
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client without retries, so that each call is exactly one request. */
    public KmsClient client() {
        return KmsClient.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    public static String entry(String id, String name, String state) {
        return entry(id, name, state, "https://xks-public.sandbox.example.com", "/tenant-a/kms/xks/v1", null);
    }

    /**
     * An external key store entry with this endpoint and path, and a ConnectionErrorCode
     * when not null.
     */
    public static String entry(String id, String name, String state, String endpoint, String path,
            String connectionErrorCode) {
        return """
                {"CustomKeyStoreId":"%s","CustomKeyStoreName":"%s","CustomKeyStoreType":"EXTERNAL_KEY_STORE",
                 "ConnectionState":"%s",%s"CreationDate":1.740823300456E9,
                 "XksProxyConfiguration":{"Connectivity":"PUBLIC_ENDPOINT","AccessKeyId":"SANDBOXTENANTAKEYID234",
                  "UriEndpoint":"%s","UriPath":"%s"}}
                """.formatted(id, name, state,
                connectionErrorCode == null ? "" : "\"ConnectionErrorCode\":\"" + connectionErrorCode + "\",", endpoint,
                path);
    }

    public static String page(String nextMarker, String... entries) {
        return "{\"CustomKeyStores\":[" + String.join(",", entries) + "]," + (nextMarker == null
                ? "\"Truncated\":false}" : "\"Truncated\":true,\"NextMarker\":\"" + nextMarker + "\"}");
    }

    @Override
    public void close() {
        server.stop(0);
    }

}
