package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.regions.Region;

/**
 * Checks the SigV4 signature of a request to the sandbox (service {@code kms} or
 * {@code sts}) the way KMS refuses requests: MissingAuthenticationTokenException,
 * IncompleteSignatureException, UnrecognizedClientException, ExpiredTokenException and
 * InvalidSignatureException, all HTTP 400 (the STS endpoint renames them). The access key
 * selects the account ({@link SandboxCredentials}); temporary credentials must carry
 * their session token. The expected signature is computed by the AWS SDK's own signer
 * ({@link SdkSignatureCalculator}) over exactly the headers the client listed in
 * SignedHeaders.
 */
final class SigV4Authenticator {

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";

    /**
     * AWS refuses requests whose X-Amz-Date is more than 5 minutes away from its own
     * clock.
     */
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /**
     * The Regions that exist, as the AWS SDK knows them: a scope naming any other is
     * refused, as AWS refuses it.
     */
    private static final Set<String> REGIONS = Region.regions()
        .stream()
        .map(Region::id)
        .collect(Collectors.toUnmodifiableSet());

    /**
     * The caller once the signature is verified: its account and the Region it signed for
     * select the store set.
     */
    record Caller(SandboxCredentials.Principal principal, String region) {

        String accountId() {
            return principal.accountId();
        }

        AccountRegion target() {
            return new AccountRegion(principal.accountId(), region);
        }
    }

    private final String service;

    private final SandboxCredentials credentials;

    private final Clock clock;

    private final @Nullable Pattern simulatedRegions;

    SigV4Authenticator(String service, SandboxCredentials credentials, Clock clock) {
        this(service, credentials, clock, null);
    }

    /**
     * @param simulatedRegions names accepted besides the AWS Regions (each test world
     * signs for a Region of its own); null for none
     */
    SigV4Authenticator(String service, SandboxCredentials credentials, Clock clock,
            @Nullable Pattern simulatedRegions) {
        this.service = service;
        this.credentials = credentials;
        this.clock = clock;
        this.simulatedRegions = simulatedRegions;
    }

    Caller authenticate(HttpServletRequest request, byte[] body) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw KmsError.of("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        Map<String, String> parameters = parameters(authorization.strip());
        String amzDate = request.getHeader("X-Amz-Date");
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "SignedHeaders", "Signature")) {
            if (!parameters.containsKey(name) || parameters.get(name).isEmpty()) {
                missing.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (amzDate == null) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing));
        }
        Instant signedAt = parseDate(amzDate);
        String[] scope = present(parameters, "Credential").split("/", -1);
        if (scope.length != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got " + scope.length + " elements.");
        }
        SandboxCredentials.Principal principal = principal(scope[0], request.getHeader("X-Amz-Security-Token"));
        checkFreshness(amzDate, signedAt);
        String region = checkScope(scope, amzDate);
        List<String> signedHeaders = List
            .of(present(parameters, "SignedHeaders").toLowerCase(Locale.ROOT).split(";", -1));
        if (!signedHeaders.contains("host")) {
            throw invalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }
        String expected;
        try {
            expected = SdkSignatureCalculator.signature(signedRequest(request, signedHeaders), body,
                    principal.accessKeyId(), principal.secretAccessKey(), region, service, signedAt);
        }
        catch (IllegalArgumentException e) {
            // A Host header or path that does not form a URI cannot have been signed
            // correctly.
            throw invalidSignature(
                    "The request signature we calculated does not match the signature you " + "provided.");
        }
        byte[] provided = present(parameters, "Signature").getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), provided)) {
            throw invalidSignature("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for "
                    + "details.");
        }
        return new Caller(principal, region);
    }

    /**
     * The owner of the access key. The credentials are checked before the signature: a
     * session that has expired is told so even when the request is signed with a time the
     * sandbox clock has left behind.
     */
    private SandboxCredentials.Principal principal(String accessKeyId, @Nullable String securityToken) {
        SandboxCredentials.Principal principal = credentials.find(accessKeyId)
            .orElseThrow(SigV4Authenticator::invalidToken);
        if (!principal.temporary()) {
            if (securityToken != null) {
                throw invalidToken();
            }
            return principal;
        }
        byte[] expectedToken = Objects.requireNonNull(principal.sessionToken()).getBytes(StandardCharsets.UTF_8);
        if (securityToken == null
                || !MessageDigest.isEqual(expectedToken, securityToken.getBytes(StandardCharsets.UTF_8))) {
            throw invalidToken();
        }
        if (!clock.instant().isBefore(Objects.requireNonNull(principal.expiration()))) {
            throw KmsError.of("ExpiredTokenException", "The security token included in the request is expired");
        }
        return principal;
    }

    private static KmsError invalidToken() {
        return KmsError.of("UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    /**
     * A parameter of the Authorization header that {@link #authenticate} found present
     * (not empty) before.
     */
    private static String present(Map<String, String> parameters, String name) {
        return Objects.requireNonNull(parameters.get(name), name);
    }

    /**
     * {@code AWS4-HMAC-SHA256 Credential=a/b/c/d/e, SignedHeaders=x;y, Signature=hex}.
     */
    private static Map<String, String> parameters(String authorization) {
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires 'Credential' parameter. Authorization header requires "
                    + "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Only the "
                    + ALGORITHM + " algorithm is supported.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = part.strip();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw incomplete("A parameter of the Authorization header is not a valid key=value pair "
                        + "(missing equal-sign).");
            }
            parameters.put(trimmed.substring(0, equals), trimmed.substring(equals + 1).strip());
        }
        return parameters;
    }

    private static Instant parseDate(String amzDate) {
        try {
            return LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        }
        catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'. See "
                    + "http://en.wikipedia.org/wiki/ISO_8601");
        }
    }

    private void checkFreshness(String amzDate, Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw invalidSignature("Signature expired: " + amzDate + " is now earlier than "
                    + format(now.minus(MAX_SKEW)) + " (" + format(now) + " - 5 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw invalidSignature("Signature not yet current: " + amzDate + " is still later than "
                    + format(now.plus(MAX_SKEW)) + " (" + format(now) + " + 5 min.)");
        }
    }

    private String checkScope(String[] scope, String amzDate) {
        if (!scope[1].equals(amzDate.substring(0, 8))) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date "
                    + "from HTTP: '" + scope[1] + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        if (!REGIONS.contains(scope[2])
                && (simulatedRegions == null || !simulatedRegions.matcher(scope[2]).matches())) {
            throw invalidSignature("Credential should be scoped to a valid region.");
        }
        if (!service.equals(scope[3])) {
            throw invalidSignature("Credential should be scoped to correct service: '" + service + "'.");
        }
        if (!"aws4_request".equals(scope[4])) {
            throw invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request'.");
        }
        return scope[2];
    }

    /**
     * The request as the client signed it: method, Host, raw path and query, and only the
     * signed headers.
     */
    private static SdkSignatureCalculator.SignedParts signedRequest(HttpServletRequest request,
            List<String> signedHeaders) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : signedHeaders) {
            List<String> values = Collections.list(request.getHeaders(name));
            if (!values.isEmpty()) {
                headers.put(name, values);
            }
        }
        String host = request.getHeader("Host");
        return new SdkSignatureCalculator.SignedParts(request.getMethod(), request.getScheme(),
                host == null ? "" : host, request.getRequestURI(), nullToEmpty(request.getQueryString()), headers);
    }

    private static String nullToEmpty(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static String format(Instant instant) {
        return AMZ_DATE.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static KmsError incomplete(String message) {
        return KmsError.of("IncompleteSignatureException", message);
    }

    private static KmsError invalidSignature(String message) {
        return KmsError.of("InvalidSignatureException", message);
    }

}
