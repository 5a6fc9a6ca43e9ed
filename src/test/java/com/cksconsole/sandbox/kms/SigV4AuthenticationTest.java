package com.cksconsole.sandbox.kms;

import static com.cksconsole.sandbox.kms.KmsWireProtocolTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

import com.cksconsole.kms.SandboxDefaults;

/**
 * Every request must carry a valid SigV4 signature (service kms) made with the sandbox
 * credentials.
 */
class SigV4AuthenticationTest extends SandboxKmsTestSupport {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
        .withZone(ZoneOffset.UTC);

    private static final String DESCRIBE = "TrentService.DescribeCustomKeyStores";

    private RawKmsRequests raw;

    @BeforeEach
    void rawClient() {
        raw = new RawKmsRequests(port);
    }

    @Test
    void theSdkClientWithTheSandboxCredentialsIsAccepted() {
        assertThat(kms.describeCustomKeyStores().customKeyStores()).isEmpty();
    }

    @Test
    void anUnknownAccessKeyIsUnrecognizedClientException() {
        try (var stranger = client(region, "AKIDSOMEBODYELSE0001", SandboxDefaults.SECRET_ACCESS_KEY)) {
            var error = kmsError(stranger::describeCustomKeyStores, "UnrecognizedClientException");
            assertThat(message(error)).isEqualTo("The security token included in the request is invalid.");
        }
    }

    @Test
    void aWrongSecretIsInvalidSignatureException() {
        try (var wrongSecret = client(region, SandboxDefaults.ACCESS_KEY_ID, "not/the/sandbox/secret/at/all/000000")) {
            var error = kmsError(wrongSecret::describeCustomKeyStores, "InvalidSignatureException");
            assertThat(message(error)).startsWith("The request signature we calculated does not match");
        }
    }

    @Test
    void aMissingAuthorizationHeaderIsMissingAuthenticationTokenException() {
        var headers = cliHeaders(Instant.now());
        headers.remove("Authorization");

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertError(response, "MissingAuthenticationTokenException");
        assertThat(response.json().get("message").stringValue()).isEqualTo("Request is missing Authentication Token");
    }

    @ParameterizedTest
    @ValueSource(strings = { "Bearer abc", "AWS4-HMAC-SHA256", "AWS4-HMAC-SHA256 Credential",
            "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXFAKE00001/20260301/us-east-1/kms/aws4_request, Signature=00",
            "AWS4-HMAC-SHA256 Credential=AKIDSANDBOXFAKE00001/us-east-1/kms/aws4_request, SignedHeaders=host, "
                    + "Signature=00" })
    void aMalformedAuthorizationHeaderIsIncompleteSignatureException(String authorization) {
        var headers = cliHeaders(Instant.now());
        headers.put("Authorization", authorization);

        assertError(raw.post("/sandbox/kms", headers, "{}"), "IncompleteSignatureException");
    }

    @Test
    void aMissingDateIsIncompleteSignatureException() {
        var headers = cliHeaders(Instant.now());
        headers.remove("X-Amz-Date");

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertError(response, "IncompleteSignatureException");
        assertThat(response.json().get("message").stringValue()).contains("'X-Amz-Date'");
    }

    @Test
    void anUnparsableDateIsIncompleteSignatureException() {
        var headers = cliHeaders(Instant.now());
        headers.put("X-Amz-Date", "2026-03-01T10:15:00Z");

        assertError(raw.post("/sandbox/kms", headers, "{}"), "IncompleteSignatureException");
    }

    @Test
    void aSignatureOlderThanFiveMinutesHasExpired() {
        Instant signedAt = Instant.now().minus(Duration.ofMinutes(5).plusSeconds(20));

        var response = raw.post("/sandbox/kms", cliHeaders(signedAt), "{}");

        assertError(response, "InvalidSignatureException");
        assertThat(response.json().get("message").stringValue()).matches("Signature expired: "
                + AMZ_DATE.format(signedAt) + " is now earlier than \\d{8}T\\d{6}Z \\(\\d{8}T\\d{6}Z - 5 min\\.\\)");
    }

    @Test
    void aSignatureFromAlmostFiveMinutesAgoIsStillAccepted() {
        var response = raw.post("/sandbox/kms", cliHeaders(Instant.now().minus(Duration.ofMinutes(4).plusSeconds(40))),
                "{}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aSignatureMoreThanFiveMinutesAheadIsNotYetCurrent() {
        Instant signedAt = Instant.now().plus(Duration.ofMinutes(5).plusSeconds(20));

        var response = raw.post("/sandbox/kms", cliHeaders(signedAt), "{}");

        assertError(response, "InvalidSignatureException");
        assertThat(response.json().get("message").stringValue())
            .startsWith("Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than");
    }

    @Test
    void aSignatureAlmostFiveMinutesAheadIsAccepted() {
        var response = raw.post("/sandbox/kms", cliHeaders(Instant.now().plus(Duration.ofMinutes(4).plusSeconds(40))),
                "{}");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void aSignatureForAnotherServiceIsRefused() {
        var headers = raw.signedHeaders("/sandbox/kms", region, DESCRIBE, "{}", Instant.now(),
                SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY, "dynamodb");

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertError(response, "InvalidSignatureException");
        assertThat(response.json().get("message").stringValue())
            .isEqualTo("Credential should be scoped to correct service: 'kms'.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-99", "mars-north-1", "useast1", "us-east-1a" })
    void aCredentialScopedToARegionThatDoesNotExistIsRefused(String fakeRegion) {
        var headers = raw.signedHeaders("/sandbox/kms", fakeRegion, DESCRIBE, "{}", Instant.now());

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertError(response, "InvalidSignatureException");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("message").stringValue())
            .isEqualTo("Credential should be scoped to a valid region.");
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1", "eu-west-1", "ap-southeast-2", "eu-central-2" })
    void aCredentialScopedToAnExistingRegionIsAccepted(String realRegion) {
        var headers = raw.signedHeaders("/sandbox/kms", realRegion, DESCRIBE, "{}", Instant.now());

        assertThat(raw.post("/sandbox/kms", headers, "{}").status()).isEqualTo(200);
    }

    @Test
    void aCredentialScopeDateOtherThanTheRequestDateIsRefused() {
        Instant now = Instant.now();
        var headers = cliHeaders(now);
        String scopeDate = AMZ_DATE.format(now).substring(0, 8);
        String otherDay = AMZ_DATE.format(now.minus(Duration.ofDays(1))).substring(0, 8);
        headers.put("Authorization", headers.get("Authorization").replace("/" + scopeDate + "/", "/" + otherDay + "/"));

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertError(response, "InvalidSignatureException");
        assertThat(response.json().get("message").stringValue()).startsWith("Date in Credential scope does not match");
    }

    @Test
    void aBodyChangedAfterSigningIsInvalidSignatureException() {
        var headers = cliHeaders(Instant.now());

        assertError(raw.post("/sandbox/kms", headers, "{\"Limit\":1}"), "InvalidSignatureException");
    }

    @Test
    void aSignedHeaderChangedAfterSigningIsInvalidSignatureException() {
        var headers = cliHeaders(Instant.now());
        headers.put("X-Amz-Target", "TrentService.DeleteCustomKeyStore");

        assertError(raw.post("/sandbox/kms", headers, "{}"), "InvalidSignatureException");
    }

    @Test
    void aSignatureThatDoesNotCoverHostIsRefused() {
        var headers = cliHeaders(Instant.now());
        headers.put("Authorization",
                headers.get("Authorization")
                    .replace("SignedHeaders=content-type;host;x-amz-date;x-amz-target",
                            "SignedHeaders=content-type;x-amz-date;x-amz-target"));

        assertError(raw.post("/sandbox/kms", headers, "{}"), "InvalidSignatureException");
    }

    @Test
    void sessionCredentialsAreNotSandboxCredentials() {
        var headers = cliHeaders(Instant.now());
        headers.put("X-Amz-Security-Token", "FwoGZXIvYXdzEXAMPLE");

        assertError(raw.post("/sandbox/kms", headers, "{}"), "UnrecognizedClientException");
    }

    @Test
    void aPayloadHashHeaderThatLiesAboutTheBodyIsInvalidSignatureException() {
        // The Java SDK's way (AwsV4HttpSigner signs x-amz-content-sha256), with the body
        // swapped afterwards.
        var request = SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .putHeader("Content-Type", "application/x-amz-json-1.1")
            .putHeader("X-Amz-Target", DESCRIBE)
            .build();
        var signed = AwsV4HttpSigner.create()
            .sign(sign -> sign
                .identity(
                        AwsCredentialsIdentity.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY))
                .request(request)
                .payload(ContentStreamProvider.fromUtf8String("{}"))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "kms")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        Map<String, String> headers = new LinkedHashMap<>();
        signed.request().headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                headers.put(name, values.get(0));
            }
        });
        assertThat(headers.get("Authorization")).contains("x-amz-content-sha256");

        assertThat(raw.post("/sandbox/kms", headers, "{}").status()).isEqualTo(200);
        assertError(raw.post("/sandbox/kms", headers, "{\"Limit\":5}"), "InvalidSignatureException");
    }

    private Map<String, String> cliHeaders(Instant signedAt) {
        return new LinkedHashMap<>(raw.signedHeaders("/sandbox/kms", region, DESCRIBE, "{}", signedAt));
    }

}
