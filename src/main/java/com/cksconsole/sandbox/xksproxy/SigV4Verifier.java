package com.cksconsole.sandbox.xksproxy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies the SigV4 signature of an XKS proxy request as the spec's Appendix A
 * describes: rebuild the request from the headers its {@code SignedHeaders} names, the
 * Host it arrived with, its path and body; sign it again with the AWS SDK's own signer,
 * the looked-up secret and the request's own date; compare in constant time. Requests
 * dated more than 5 minutes away from now fail (replay protection).
 *
 * <p>
 * Limitation, by construction: the SDK signer always signs {@code x-amz-content-sha256},
 * so a request whose {@code SignedHeaders} omit it (real KMS signs just
 * {@code host;x-amz-date}) cannot be reproduced and fails here. Every request made with
 * the SDK signer, as the console's client and the KMS sandbox make them, passes.
 */
@Component
@ConditionalOnSandboxMode
class SigV4Verifier {

    static final String SERVICE = "kms-xks-proxy";
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final Pattern AUTHORIZATION = Pattern
        .compile("AWS4-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})");

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** Headers the signer itself writes from the request line, the clock and the body. */
    private static final List<String> SIGNER_WRITTEN = List.of("host", "x-amz-date", "x-amz-content-sha256");

    private final Clock clock;

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    SigV4Verifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * A request as it arrived: raw path (no query), headers by lower-case name, body
     * bytes.
     */
    record SignedCall(String rawPath, Function<String, List<String>> headers, byte[] body) {

        @Nullable String header(String name) {
            List<String> values = headers.apply(name);
            return values.isEmpty() ? null : values.get(0);
        }
    }

    /**
     * Outcome of a verification; a rejection says why, for the proxy's own debug log
     * (never a secret).
     */
    sealed interface Verdict {

        record Authentic(Registration registration) implements Verdict {
        }

        record Rejected(String reason) implements Verdict {
        }

    }

    Verdict verify(SignedCall call, Function<String, Optional<Registration>> registrationByAccessKeyId) {
        String authorization = call.header("authorization");
        Matcher parts = authorization == null ? null : AUTHORIZATION.matcher(authorization);
        if (parts == null || !parts.matches()) {
            return new Verdict.Rejected("missing or malformed Authorization header");
        }
        String accessKeyId = parts.group(1);
        String region = parts.group(3);
        String service = parts.group(4);
        List<String> signedHeaders = List.of(parts.group(5).split(";"));
        if (!SERVICE.equals(service)) {
            return new Verdict.Rejected("signed for service '" + service + "', not " + SERVICE);
        }
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return new Verdict.Rejected("SignedHeaders must include host and x-amz-date");
        }
        Instant signedAt = amzDate(call.header("x-amz-date"));
        if (signedAt == null) {
            return new Verdict.Rejected("missing or malformed X-Amz-Date");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return new Verdict.Rejected("X-Amz-Date more than 5 minutes from now");
        }
        Optional<Registration> registration = registrationByAccessKeyId.apply(accessKeyId);
        if (registration.isEmpty()) {
            return new Verdict.Rejected("access key ID not registered for this path prefix");
        }
        String expected = expectedAuthorization(call, signedHeaders, region, signedAt, registration.get());
        if (expected == null) {
            return new Verdict.Rejected("a signed header is missing from the request");
        }
        Matcher expectedParts = AUTHORIZATION.matcher(expected);
        boolean same = expectedParts.matches() && expectedParts.group(1).equals(accessKeyId)
                && expectedParts.group(2).equals(parts.group(2)) && expectedParts.group(5).equals(parts.group(5))
                && MessageDigest.isEqual(expectedParts.group(6).getBytes(StandardCharsets.US_ASCII),
                        parts.group(6).getBytes(StandardCharsets.US_ASCII));
        return same ? new Verdict.Authentic(registration.get()) : new Verdict.Rejected("signature mismatch");
    }

    private @Nullable String expectedAuthorization(SignedCall call, List<String> signedHeaders, String region,
            Instant signedAt, Registration registration) {
        String host = call.header("host");
        if (host == null) {
            return null;
        }
        var request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).encodedPath(call.rawPath());
        withHost(request, host);
        for (String name : signedHeaders) {
            if (SIGNER_WRITTEN.contains(name)) {
                continue;
            }
            List<String> values = call.headers().apply(name);
            if (values.isEmpty()) {
                return null;
            }
            request.putHeader(name, values);
        }
        byte[] body = call.body();
        var signed = signer.sign(sign -> sign
            .identity(AwsCredentialsIdentity.create(registration.accessKeyId(), registration.rawSecretAccessKey()))
            .request(request.build())
            .payload(() -> new ByteArrayInputStream(body))
            .putProperty(AwsV4HttpSigner.REGION_NAME, region)
            .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SERVICE)
            .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(signedAt, ZoneOffset.UTC)));
        return signed.request().firstMatchingHeader("Authorization").orElse(null);
    }

    /**
     * Makes the signer write exactly the Host header that arrived. The signer drops the
     * port when it is the scheme's default, so an explicit port is paired with a scheme
     * for which it is not the default.
     */
    private static void withHost(SdkHttpFullRequest.Builder request, String hostHeader) {
        int colon = hostHeader.lastIndexOf(':');
        int bracket = hostHeader.lastIndexOf(']');
        if (colon > bracket && colon > 0) {
            String port = hostHeader.substring(colon + 1);
            if (!port.isEmpty() && port.chars().allMatch(Character::isDigit) && port.length() <= 5) {
                int number = Integer.parseInt(port);
                request.protocol(number == 80 ? "https" : "http").host(hostHeader.substring(0, colon)).port(number);
                return;
            }
        }
        request.protocol("https").host(hostHeader).port(443);
    }

    private static @Nullable Instant amzDate(@Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value, AMZ_DATE).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

}
