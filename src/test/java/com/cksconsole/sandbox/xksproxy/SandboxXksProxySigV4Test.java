package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.json.JsonMapper;

/**
 * The proxy verifies a signature over whatever headers the request's SignedHeaders lists,
 * as a real proxy must (XKS proxy API specification, "Authentication"): exactly
 * {@code host;x-amz-date} as KMS signs, {@code content-type} too as curl signs, or more.
 * Signatures here are computed by hand after SigV4's published algorithm.
 */
@SandboxXksProxyTest
class SandboxXksProxySigV4Test {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String ENCRYPT_PATH = "/sandbox/xks-proxy/tenant-a/kms/xks/v1/keys/tenant-a-aes-1/encrypt";

    private static final String ENCRYPT_BODY = """
            {"requestMetadata": {"awsPrincipalArn": "arn:aws:iam::111122223333:user/Alice",
              "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k-1", "kmsOperation": "Encrypt",
              "kmsRequestId": "r-1"},
             "plaintext": "SGVsbG8gV29ybGQh", "encryptionAlgorithm": "AES_GCM"}""";

    @LocalServerPort
    int port;

    @Test
    void kmsStyleSignatureOverHostAndDateOnlyIsAccepted() {
        assertThat(request().signedHeaders("host", "x-amz-date").send().status()).isEqualTo(200);
    }

    @Test
    void kmsStyleSignatureIsAcceptedForAKeyOperation() {
        var response = request().path(ENCRYPT_PATH).body(ENCRYPT_BODY).signedHeaders("host", "x-amz-date").send();

        assertThat(response.status()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).has("ciphertext")).isTrue();
    }

    @Test
    void signatureThatAlsoCoversContentTypeIsAccepted() {
        assertThat(request().signedHeaders("content-type", "host", "x-amz-date").send().status()).isEqualTo(200);
    }

    @Test
    void signatureOverExtraHeadersIsAccepted() {
        var response = request().header("X-Trace-Id", "trace  with   spaces ")
            .signedHeaders("content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-trace-id")
            .send();

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void signatureWithoutHostIsRefused() {
        assertUnauthenticated(request().signedHeaders("content-type", "x-amz-date").send());
    }

    @Test
    void signatureWithoutTheDateIsRefused() {
        assertUnauthenticated(request().signedHeaders("content-type", "host").send());
    }

    @Test
    void signedHeaderThatDidNotArriveIsRefused() {
        assertUnauthenticated(request().signedHeaders("host", "x-amz-date", "x-missing").send());
    }

    @Test
    void headerChangedAfterSigningIsRefused() {
        // Signed for one Host, sent with another.
        assertUnauthenticated(
                request().signedHeaders("host", "x-amz-date").signedForHost("xks-lab.sandbox.example.com").send());
    }

    @Test
    void bodyChangedAfterSigningIsRefused() {
        assertUnauthenticated(request().signedHeaders("host", "x-amz-date")
            .sendingBody("{\"requestMetadata\":{\"kmsRequestId\":\"r-2\",\"kmsOperation\":\"KmsHealthCheck\"}}")
            .send());
    }

    @Test
    void wrongSecretIsRefused() {
        assertUnauthenticated(request().credential("SANDBOXTENANTAKEYID234", "y".repeat(44))
            .signedHeaders("host", "x-amz-date")
            .send());
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-1", "eu-west-1", "ap-southeast-2" })
    void scopeInAnyExistingRegionIsAccepted(String region) {
        assertThat(request().region(region).signedHeaders("host", "x-amz-date").send().status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = { "us-east-99", "moon-base-1", "useast1" })
    void scopeInARegionThatDoesNotExistIsRefused(String region) {
        assertUnauthenticated(request().region(region).signedHeaders("host", "x-amz-date").send());
    }

    @Test
    void scopeForAnotherServiceIsRefused() {
        assertUnauthenticated(request().service("kms").signedHeaders("host", "x-amz-date").send());
    }

    @Test
    void expiredDateIsRefused() {
        assertUnauthenticated(request().signedAt(SandboxXksProxyTest.NOW.minusSeconds(301))
            .signedHeaders("host", "x-amz-date")
            .send());
    }

    private RawXksRequest request() {
        return new RawXksRequest(port);
    }

    private static void assertUnauthenticated(RawXksRequest.Response response) {
        assertThat(response.status()).isEqualTo(401);
        assertThat(JSON.readTree(response.body()).get("errorName").stringValue())
            .isEqualTo("AuthenticationFailedException");
    }

}
