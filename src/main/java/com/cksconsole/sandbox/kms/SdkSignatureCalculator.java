package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.internal.signer.CredentialScope;
import software.amazon.awssdk.http.auth.aws.internal.signer.DefaultV4RequestSigner;
import software.amazon.awssdk.http.auth.aws.internal.signer.V4Properties;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Computes the SigV4 signature a request should carry, with the AWS SDK's own signer from
 * {@code http-auth-aws} (no hand-written HMAC/canonicalisation here).
 *
 * <p>
 * Why two entry points: the public {@link AwsV4HttpSigner} always adds and signs an
 * {@code x-amz-content-sha256} header (checked against SDK 2.57.8). That reproduces what
 * the Java SDK sends, but botocore / the AWS CLI do not send that header
 * ({@code SignedHeaders=content-type;host;x-amz-date;x-amz-target}), so for such requests
 * the public signer can never produce the client's signature. For them the calculation
 * uses {@link DefaultV4RequestSigner}, the engine inside {@link AwsV4HttpSigner}, which
 * signs exactly the headers it is given with the payload hash it is given. Both run the
 * same SDK canonicalisation and key derivation.
 */
final class SdkSignatureCalculator {

    private static final String CONTENT_SHA256 = "x-amz-content-sha256";

    /**
     * The parts of a received request that the signature covers. Header names are lower
     * case.
     */
    record SignedParts(String method, String scheme, String host, String rawPath, String rawQuery,
            Map<String, List<String>> signedHeaders) {
    }

    private SdkSignatureCalculator() {
    }

    static String signature(SignedParts parts, byte[] body, String accessKeyId, String secretAccessKey, String region,
            String service, Instant signedAt) {
        var identity = AwsCredentialsIdentity.create(accessKeyId, secretAccessKey);
        var clock = Clock.fixed(signedAt, ZoneOffset.UTC);
        SdkHttpRequest request = request(parts);
        if (parts.signedHeaders().keySet().containsAll(List.of("host", "x-amz-date", CONTENT_SHA256))) {
            return withPublicSigner(request, body, identity, region, service, clock);
        }
        return withSignerEngine(request, body, identity, region, service, clock);
    }

    private static String withPublicSigner(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity,
            String region, String service, Clock clock) {
        var signed = AwsV4HttpSigner.create()
            .sign(sign -> sign.identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        return authorization.substring(authorization.lastIndexOf("Signature=") + "Signature=".length());
    }

    private static String withSignerEngine(SdkHttpRequest request, byte[] body, AwsCredentialsIdentity identity,
            String region, String service, Clock clock) {
        var properties = V4Properties.builder()
            .credentials(identity)
            .credentialScope(new CredentialScope(region, service, clock.instant()))
            .signingClock(clock)
            .doubleUrlEncode(true)
            .normalizePath(true)
            .build();
        return new DefaultV4RequestSigner(properties, sha256Hex(body)).sign(request.toBuilder()).getSignature();
    }

    private static SdkHttpRequest request(SignedParts parts) {
        String query = parts.rawQuery().isEmpty() ? "" : "?" + parts.rawQuery();
        var builder = SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(parts.method()))
            .uri(URI.create(parts.scheme() + "://" + parts.host() + parts.rawPath() + query));
        parts.signedHeaders().forEach(builder::putHeader);
        return builder.build();
    }

    private static String sha256Hex(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
