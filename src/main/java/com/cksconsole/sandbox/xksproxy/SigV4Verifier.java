package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

import software.amazon.awssdk.regions.Region;

/**
 * Verifies the SigV4 signature of an XKS proxy request as the XKS proxy API
 * specification's "Authentication" section and Appendix A describe, and as a real proxy
 * must: the canonical request is rebuilt from the headers the request's own
 * {@code SignedHeaders} lists (KMS signs exactly {@code host;x-amz-date}; curl or an SDK
 * may sign more, such as {@code content-type} or {@code x-amz-content-sha256}), the Host
 * it arrived with, its path and the SHA-256 of its exact body; the signature is computed
 * with the looked-up secret and compared in constant time. Requests dated more than 5
 * minutes away from now fail (replay protection).
 */
@Component
@ConditionalOnSandboxMode
class SigV4Verifier {

    static final String SERVICE = "kms-xks-proxy";
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final Pattern AUTHORIZATION = Pattern
        .compile("AWS4-HMAC-SHA256 Credential=([^/\\s,]+)/(\\d{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request,\\s*"
                + "SignedHeaders=([a-z0-9-]+(?:;[a-z0-9-]+)*),\\s*Signature=([0-9a-f]{64})");

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** The Regions a KMS could call from; a scope naming any other Region is forged. */
    private static final Set<String> REGIONS = Region.regions()
        .stream()
        .map(Region::id)
        .collect(Collectors.toUnmodifiableSet());

    private static final Pattern SPACES = Pattern.compile(" +");

    private final Clock clock;

    private final @Nullable Pattern simulatedRegions;

    /**
     * @param simulatedRegions the KMS sandbox's extra Region names
     * ({@code console.sandbox.simulated-regions}): its KMS calls the proxy from those too
     */
    SigV4Verifier(Clock clock, @Value("${console.sandbox.simulated-regions:}") String simulatedRegions) {
        this.clock = clock;
        this.simulatedRegions = simulatedRegions.isBlank() ? null : Pattern.compile(simulatedRegions);
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
        String scopeDate = parts.group(2);
        String region = parts.group(3);
        String service = parts.group(4);
        String signedHeaderList = parts.group(5);
        List<String> signedHeaders = List.of(signedHeaderList.split(";"));
        if (!SERVICE.equals(service)) {
            return new Verdict.Rejected("signed for service '" + service + "', not " + SERVICE);
        }
        if (!REGIONS.contains(region) && (simulatedRegions == null || !simulatedRegions.matcher(region).matches())) {
            return new Verdict.Rejected("credential scoped to a Region that does not exist");
        }
        if (!signedHeaders.contains("host") || !signedHeaders.contains("x-amz-date")) {
            return new Verdict.Rejected("SignedHeaders must include host and x-amz-date");
        }
        String amzDate = call.header("x-amz-date");
        Instant signedAt = amzDate(amzDate);
        if (amzDate == null || signedAt == null) {
            return new Verdict.Rejected("missing or malformed X-Amz-Date");
        }
        if (!amzDate.startsWith(scopeDate)) {
            return new Verdict.Rejected("credential scope date differs from X-Amz-Date");
        }
        if (Duration.between(signedAt, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            return new Verdict.Rejected("X-Amz-Date more than 5 minutes from now");
        }
        Optional<Registration> registration = registrationByAccessKeyId.apply(accessKeyId);
        if (registration.isEmpty()) {
            return new Verdict.Rejected("access key ID not registered for this path prefix");
        }
        String canonicalHeaders = canonicalHeaders(call, signedHeaders);
        if (canonicalHeaders == null) {
            return new Verdict.Rejected("a signed header is missing from the request");
        }
        String canonicalRequest = String.join("\n", "POST", canonicalUri(call.rawPath()), "", canonicalHeaders,
                signedHeaderList, hex(sha256(call.body())));
        String scope = scopeDate + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = String.join("\n", ALGORITHM, amzDate, scope,
                hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8))));
        byte[] expected = HexFormat.of()
            .formatHex(signature(registration.get().rawSecretAccessKey(), scopeDate, region, stringToSign))
            .getBytes(StandardCharsets.US_ASCII);
        boolean same = MessageDigest.isEqual(expected, parts.group(6).getBytes(StandardCharsets.US_ASCII));
        return same ? new Verdict.Authentic(registration.get()) : new Verdict.Rejected("signature mismatch");
    }

    /**
     * One {@code name:value} line per signed header, in the order SignedHeaders lists
     * them; values trimmed, inner runs of spaces collapsed, repeated headers joined with
     * commas (SigV4 "canonical headers"). Null if a signed header did not arrive.
     */
    private static @Nullable String canonicalHeaders(SignedCall call, List<String> signedHeaders) {
        var lines = new StringBuilder();
        for (String name : signedHeaders) {
            List<String> values = call.headers().apply(name);
            if (values.isEmpty()) {
                return null;
            }
            lines.append(name)
                .append(':')
                .append(values.stream()
                    .map(value -> SPACES.matcher(value.strip()).replaceAll(" "))
                    .collect(Collectors.joining(",")))
                .append('\n');
        }
        return lines.toString();
    }

    /**
     * The path as SigV4 encodes it for every service but S3: the path as sent, encoded
     * once more. The XKS paths consist of unreserved characters only, so for them this is
     * the path itself.
     */
    private static String canonicalUri(String rawPath) {
        var encoded = new StringBuilder(rawPath.length());
        for (byte b : rawPath.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~' || c == '/') {
                encoded.append(c);
            }
            else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    private static byte[] signature(String secret, String scopeDate, String region, String stringToSign) {
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), scopeDate);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        return hmac(key, stringToSign);
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
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
