package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import tools.jackson.databind.JsonNode;

/**
 * The AWS JSON 1.1 wire format, checked on raw HTTP: requests built exactly as the AWS
 * CLI sends them, responses read byte by byte (status, content type, request ID header,
 * body shape).
 */
class KmsWireProtocolTest extends SandboxKmsTestSupport {

    private RawKmsRequests raw;

    @BeforeEach
    void rawClient() {
        raw = new RawKmsRequests(port);
    }

    @Test
    void successAnswersJson11WithARequestIdAndModelShapedBody() {
        String id = createCloudHsm("wire-store");

        var response = raw.call(region, "TrentService.DescribeCustomKeyStores", "{}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(UUID.fromString(response.header("x-amzn-RequestId"))).isNotNull();
        JsonNode body = response.json();
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("CustomKeyStores", "Truncated");
        assertThat(body.get("Truncated").isBoolean()).isTrue();
        JsonNode entry = body.get("CustomKeyStores").get(0);
        assertThat(entry.propertyNames()).containsExactlyInAnyOrder("CustomKeyStoreId", "CustomKeyStoreName",
                "CustomKeyStoreType", "ConnectionState", "CreationDate", "CloudHsmClusterId", "TrustAnchorCertificate");
        assertThat(entry.get("CustomKeyStoreId").stringValue()).isEqualTo(id).matches("cks-[0-9a-f]{17}");
        assertThat(entry.get("CreationDate").isNumber()).isTrue();
        assertThat(entry.get("CreationDate").decimalValue().doubleValue())
            .isCloseTo(Instant.now().toEpochMilli() / 1000.0, offset(60.0));
        assertThat(response.body()).doesNotContain(SPARE_CLUSTER_PASSWORD);
    }

    @Test
    void createAnswersTheNewIdOnly() {
        String body = "{\"CustomKeyStoreName\":\"wire-create\",\"CloudHsmClusterId\":\"" + SPARE_CLUSTER + "\","
                + "\"TrustAnchorCertificate\":" + quoted(trustAnchorOf(SPARE_CLUSTER)) + "," + "\"KeyStorePassword\":\""
                + SPARE_CLUSTER_PASSWORD + "\"}";

        var response = raw.call(region, "TrentService.CreateCustomKeyStore", body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().propertyNames()).containsExactly("CustomKeyStoreId");
        assertThat(response.json().get("CustomKeyStoreId").stringValue()).matches("cks-[0-9a-f]{17}");
    }

    @Test
    void errorsCarryTypeAndMessageInBodyAndTheTypeHeader() {
        var response = raw.call(region, "TrentService.DescribeCustomKeyStores",
                "{\"CustomKeyStoreId\":\"cks-0123456789abcdef0\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo("CustomKeyStoreNotFoundException");
        assertThat(UUID.fromString(response.header("x-amzn-RequestId"))).isNotNull();
        assertThat(response.json().propertyNames()).containsExactly("__type", "message");
        assertThat(response.json().get("__type").stringValue()).isEqualTo("CustomKeyStoreNotFoundException");
        assertThat(response.json().get("message").stringValue()).contains("cks-0123456789abcdef0");
    }

    @Test
    void updateConnectDisconnectAndDeleteAnswerAnEmptyObject() {
        String id = createCloudHsm("wire-empty-answers");
        String idBody = "{\"CustomKeyStoreId\":\"" + id + "\"}";

        var update = raw.call(region, "TrentService.UpdateCustomKeyStore",
                "{\"CustomKeyStoreId\":\"" + id + "\",\"NewCustomKeyStoreName\":\"wire-renamed\"}");
        var delete = raw.call(region, "TrentService.DeleteCustomKeyStore", idBody);

        assertThat(List.of(update.body(), delete.body())).containsOnly("{}");
        String other = createCloudHsm("wire-connect");
        assertThat(raw.call(region, "TrentService.ConnectCustomKeyStore", "{\"CustomKeyStoreId\":\"" + other + "\"}")
            .body()).isEqualTo("{}");
        awaitState(other, ConnectionStateType.CONNECTED);
        assertThat(raw.call(region, "TrentService.DisconnectCustomKeyStore", "{\"CustomKeyStoreId\":\"" + other + "\"}")
            .body()).isEqualTo("{}");
    }

    @Test
    void theTrailingSlashPathTheJavaSdkUsesIsServedToo() {
        String body = "{}";
        var headers = raw.signedHeaders("/sandbox/kms/", region, "TrentService.DescribeCustomKeyStores", body,
                Instant.now());

        var response = raw.post("/sandbox/kms/", headers, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("CustomKeyStores").isEmpty()).isTrue();
        assertThat(response.json().get("Truncated").booleanValue()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = { "TrentService.ReEncrypt", "TrentService.", "OtherService.DescribeCustomKeyStores",
            "DescribeCustomKeyStores" })
    void anUnknownTargetIsUnknownOperationException(String target) {
        var response = raw.call(region, target, "{}");

        assertError(response, "UnknownOperationException");
    }

    @Test
    void aMissingTargetIsUnknownOperationException() {
        var headers = raw.signedHeaders("/sandbox/kms", region, null, "{}", Instant.now());

        var response = raw.post("/sandbox/kms", headers, "{}");

        assertThat(headers).doesNotContainKey("X-Amz-Target");
        assertError(response, "UnknownOperationException");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "not json", "[]", "\"text\"", "42", "{\"CustomKeyStoreName\":}" })
    void malformedJsonIsSerializationException(String body) {
        var response = raw.call(region, "TrentService.DescribeCustomKeyStores", body);

        assertError(response, "SerializationException");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"CustomKeyStoreName\":42}", "{\"CustomKeyStoreName\":true}",
            "{\"CustomKeyStoreName\":{}}", "{\"CustomKeyStoreName\":[\"a\"]}", "{\"Limit\":\"5\"}", "{\"Limit\":2.5}",
            "{\"Limit\":99999999999}", "{\"Marker\":1}" })
    void wrongJsonTypesAreSerializationException(String body) {
        var response = raw.call(region, "TrentService.DescribeCustomKeyStores", body);

        assertError(response, "SerializationException");
    }

    @Test
    void aCredentialThatIsNotAStructureIsSerializationExceptionWithoutEchoingIt() {
        var response = raw.call(region, "TrentService.CreateCustomKeyStore",
                "{\"CustomKeyStoreName\":\"x\"," + "\"XksProxyAuthenticationCredential\":\"SECRETSECRETSECRET\"}");

        assertError(response, "SerializationException");
        assertThat(response.body()).doesNotContain("SECRETSECRETSECRET");
    }

    @Test
    void unknownMembersAndNullsAreIgnored() {
        var response = raw.call(region, "TrentService.DescribeCustomKeyStores",
                "{\"SomethingNew\":{\"x\":[1,2]},\"CustomKeyStoreName\":null,\"Limit\":null}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("Truncated").booleanValue()).isFalse();
    }

    @Test
    void anEmptyBodyCountsAsAnEmptyObject() {
        var response = raw.call(region, "TrentService.DescribeCustomKeyStores", "");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void creationDateIsEpochSecondsWithAFraction() {
        createCloudHsm("wire-date");

        var response = raw.call(region, "TrentService.DescribeCustomKeyStores", "{}");

        assertThat(response.body()).containsPattern("\"CreationDate\":\\d{10}\\.\\d{3}[,}]");
    }

    static void assertError(RawKmsRequests.Response response, String type) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("__type").stringValue()).isEqualTo(type);
        assertThat(response.header("x-amzn-ErrorType")).isEqualTo(type);
        assertThat(response.json().get("message").stringValue()).isNotBlank();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n") + "\"";
    }

}
