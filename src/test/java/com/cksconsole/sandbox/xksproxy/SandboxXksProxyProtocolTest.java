package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The proxy speaks the spec's GetHealthStatus to any SigV4 client, not just to ours:
 * requests here are built by hand with the AWS SDK signer and sent over a plain socket.
 */
@SandboxXksProxyTest
class SandboxXksProxyProtocolTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String LAB_KEY_ID = "SANDBOXLABKEYIDZZ23456";

    private static final String LAB_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    @LocalServerPort
    int port;

    @Test
    void requestSignedForTheLogicalProxyHostGetsTheSpecsHealthAnswer() {
        RawXksRequest.Response response = request().host("xks-public.sandbox.example.com").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().get("content-type")).startsWith("application/json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("xksProxyFleetSize", "xksProxyVendor",
                "xksProxyModel", "ekmVendor", "ekmFleetDetails");
        assertThat(body.get("xksProxyFleetSize").isIntegralNumber()).isTrue();
        assertThat(body.get("xksProxyFleetSize").intValue()).isPositive();
        assertThat(body.get("xksProxyVendor").isString()).isTrue();
        assertThat(body.get("xksProxyModel").isString()).isTrue();
        assertThat(body.get("ekmVendor").isString()).isTrue();
        assertThat(body.get("ekmFleetDetails").size()).isBetween(1, 10);
        for (JsonNode member : body.get("ekmFleetDetails")) {
            assertThat(member.propertyNames()).containsExactlyInAnyOrder("id", "model", "healthStatus");
            assertThat(member.get("healthStatus").stringValue()).isEqualTo("ACTIVE");
        }
    }

    @Test
    void errorAnswerHasTheSpecsErrorBody() {
        RawXksRequest.Response response = request().credential(LAB_KEY_ID, LAB_SECRET)
            .path("/sandbox/xks-proxy/throttled/kms/xks/v1/health")
            .send();

        assertError(response, 429, "ThrottlingException");
        assertThat(response.headers().get("content-type")).startsWith("application/json");
    }

    @Test
    void signatureForAnotherHostThanTheOneSentFailsAuthentication() {
        RawXksRequest.Response response = request().host("xks-public.sandbox.example.com")
            .signedForHost("xks-lab.sandbox.example.com")
            .send();

        assertError(response, 401, "AuthenticationFailedException");
    }

    @ParameterizedTest
    @ValueSource(strings = { "GET", "PUT", "DELETE" })
    void otherMethodsThanPostGet405(String method) {
        RawXksRequest.Response response = request().method(method).body("").send();

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.headers().get("allow")).isEqualTo("POST");
    }

    @Test
    void unsignedRequestFailsAuthentication() {
        assertError(request().unsigned().send(), 401, "AuthenticationFailedException");
    }

    @Test
    void signatureForAnotherServiceFailsAuthentication() {
        assertError(request().service("kms").send(), 401, "AuthenticationFailedException");
    }

    @Test
    void alteredBodyFailsAuthentication() {
        RawXksRequest.Response response = request()
            .body("{\"requestMetadata\":{\"kmsRequestId\":\"r-1\",\"kmsOperation\":\"KmsHealthCheck\"}}")
            .sendingBody("{\"requestMetadata\":{\"kmsRequestId\":\"r-2\",\"kmsOperation\":\"KmsHealthCheck\"}}")
            .send();

        assertError(response, 401, "AuthenticationFailedException");
    }

    @ParameterizedTest(name = "signed {0} s from now -> HTTP {1}")
    @MethodSource("signingDates")
    void requestDatedMoreThanFiveMinutesAwayFailsAuthentication(long secondsFromNow, int status) {
        RawXksRequest.Response response = request().signedAt(SandboxXksProxyTest.NOW.plusSeconds(secondsFromNow))
            .send();

        assertThat(response.status()).isEqualTo(status);
    }

    static Stream<Arguments> signingDates() {
        long limit = SigV4Verifier.MAX_CLOCK_SKEW.toSeconds();
        return Stream.of(Arguments.of(-(limit + 1), 401), Arguments.of(-limit, 200), Arguments.of(0L, 200),
                Arguments.of(limit, 200), Arguments.of(limit + 1, 401));
    }

    @Test
    void fiveMinutesIsTheWindowTheSpecAsksFor() {
        assertThat(SigV4Verifier.MAX_CLOCK_SKEW).isEqualTo(Duration.ofMinutes(5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidBodies")
    void bodyWithoutTheRequiredRequestMetadataIsAValidationError(String description, String body) {
        assertError(request().body(body).send(), 400, "ValidationException");
    }

    static Stream<Arguments> invalidBodies() {
        return Stream.of(Arguments.of("empty object", "{}"),
                Arguments.of("requestMetadata empty", "{\"requestMetadata\":{}}"),
                Arguments.of("kmsRequestId missing", "{\"requestMetadata\":{\"kmsOperation\":\"KmsHealthCheck\"}}"),
                Arguments.of("kmsOperation missing", "{\"requestMetadata\":{\"kmsRequestId\":\"r-1\"}}"),
                Arguments.of("kmsRequestId a number",
                        "{\"requestMetadata\":{\"kmsRequestId\":1,\"kmsOperation\":\"KmsHealthCheck\"}}"),
                Arguments.of("kmsOperation null",
                        "{\"requestMetadata\":{\"kmsRequestId\":\"r-1\",\"kmsOperation\":null}}"),
                Arguments.of("requestMetadata a string", "{\"requestMetadata\":\"r-1\"}"),
                Arguments.of("not JSON", "requestMetadata"), Arguments.of("empty body", ""),
                Arguments.of("trailing content",
                        "{\"requestMetadata\":{\"kmsRequestId\":\"r\",\"kmsOperation\":\"KmsHealthCheck\"}} x"));
    }

    @Test
    void unknownOperationOpaqueIdAndExtraMetadataAreAccepted() {
        // The spec: kmsRequestId is opaque, an unknown kmsOperation must not be rejected,
        // and KMS may add fields.
        RawXksRequest.Response response = request().body("""
                {"requestMetadata": {"kmsRequestId": "not-a-uuid", "kmsOperation": "SomeFutureOperation",
                                     "awsPrincipalArn": "arn:aws:iam::111122223333:role/Tester"}}""").send();

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void bodyAtTheSizeLimitIsReadAndOneByteMoreIsRefused() {
        String atLimit = padded(SandboxXksProxy.MAX_REQUEST_BYTES);
        String overLimit = padded(SandboxXksProxy.MAX_REQUEST_BYTES + 1);

        assertThat(request().body(atLimit).send().status()).isEqualTo(200);
        assertError(request().body(overLimit).send(), 400, "ValidationException");
    }

    @Test
    void queryStringIsAnInvalidUriPath() {
        assertError(request().path("/sandbox/xks-proxy/tenant-a/kms/xks/v1/health?x=1").send(), 404,
                "InvalidUriPathException");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/sandbox/xks-proxy/tenant-a/kms/xks/v1/keys/tenant-a-aes-1/sign",
            "/sandbox/xks-proxy/tenant-a/kms/xks/v1", "/sandbox/xks-proxy/tenant-a/kms/xks/v1/health/",
            "/sandbox/xks-proxy/tenant-%61/kms/xks/v1/health" })
    void pathsOtherThanARegisteredHealthUriAreInvalidUriPaths(String path) {
        assertError(request().path(path).send(), 404, "InvalidUriPathException");
    }

    private RawXksRequest request() {
        return new RawXksRequest(port);
    }

    private static String padded(int length) {
        String start = "{\"requestMetadata\":{\"kmsRequestId\":\"r-1\",\"kmsOperation\":\"KmsHealthCheck\"},\"pad\":\"";
        String end = "\"}";
        return start + "x".repeat(length - start.length() - end.length()) + end;
    }

    private static void assertError(RawXksRequest.Response response, int status, String errorName) {
        assertThat(response.status()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errorName").stringValue()).isEqualTo(errorName);
        String message = body.get("errorMessage").stringValue();
        assertThat(message).hasSizeLessThan(512).matches("[\\x20-\\x7e]*");
    }

}
