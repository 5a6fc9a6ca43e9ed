package com.cksconsole.sandbox.kms;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.signer.Aws4Signer;
import software.amazon.awssdk.auth.signer.params.Aws4SignerParams;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.cksconsole.kms.SandboxDefaults;

/**
 * Hand-built requests to the sandbox, shaped as the AWS CLI (botocore) sends them:
 * {@code X-Amz-Target}, {@code Content-Type: application/x-amz-json-1.1},
 * {@code X-Amz-Date} and an Authorization header with
 * {@code SignedHeaders=content-type;host;x-amz-date;x-amz-target}. They are signed by the
 * SDK's SigV4 signer {@link Aws4Signer}, which (unlike {@code AwsV4HttpSigner}) signs no
 * {@code x-amz-content-sha256} header, as botocore; it is an implementation independent
 * of the one the sandbox verifies with.
 */
final class RawKmsRequests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, java.net.http.HttpHeaders headers, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    private final int port;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    RawKmsRequests(int port) {
        this.port = port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /**
     * The headers of a CLI-style request signed at {@code signedAt} with the sandbox
     * credentials.
     */
    Map<String, String> signedHeaders(String path, String region, @Nullable String target, String body,
            Instant signedAt) {
        return signedHeaders(path, region, target, body, signedAt, SandboxDefaults.ACCESS_KEY_ID,
                SandboxDefaults.SECRET_ACCESS_KEY, "kms");
    }

    @SuppressWarnings("deprecation") // Aws4Signer is the SDK signer that signs exactly
                                     // what botocore signs
    Map<String, String> signedHeaders(String path, String region, @Nullable String target, String body,
            Instant signedAt, String accessKeyId, String secret, String service) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        var builder = SdkHttpFullRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(uri(path))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .contentStreamProvider(() -> new ByteArrayInputStream(bytes));
        if (target != null) {
            builder.putHeader("X-Amz-Target", target);
        }
        var request = builder.build();
        var parameters = Aws4SignerParams.builder()
            .awsCredentials(AwsBasicCredentials.create(accessKeyId, secret))
            .signingName(service)
            .signingRegion(Region.of(region))
            .signingClockOverride(Clock.fixed(signedAt, ZoneOffset.UTC))
            .build();
        var signed = Aws4Signer.create().sign(request, parameters);
        Map<String, String> headers = new LinkedHashMap<>();
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) { // java.net.http sets Host itself, from
                                                  // the same URI
                headers.put(name, values.get(0));
            }
        });
        return headers;
    }

    Response post(String path, Map<String, String> headers, String body) {
        var builder = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(builder::header);
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Signs now and posts to {@code /sandbox/kms}. */
    Response call(String region, String target, String body) {
        return post("/sandbox/kms", signedHeaders("/sandbox/kms", region, target, body, Instant.now()), body);
    }

}
