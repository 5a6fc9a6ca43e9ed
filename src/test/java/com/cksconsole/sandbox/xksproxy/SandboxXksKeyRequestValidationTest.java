package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies of the key operations built by hand: the requestMetadata members each
 * operation requires, and the payload members (XKS proxy API specification,
 * "GetKeyMetadata", "Encrypt", "Decrypt", "Error codes").
 */
@SandboxXksProxyTest
class SandboxXksKeyRequestValidationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String KEYS = "/sandbox/xks-proxy/tenant-a/kms/xks/v1/keys/";

    private static final String FULL_METADATA = """
            "requestMetadata": {"awsPrincipalArn": "arn:aws:iam::111122223333:user/Alice",
              "kmsKeyArn": "arn:aws:kms:us-east-1:111122223333:key/k-1", "kmsOperation": "Encrypt",
              "kmsRequestId": "r-1"}""";

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} without {1}")
    @MethodSource("missingMetadata")
    void missingRequiredMetadataIsAValidationError(String operation, String member) {
        String metadata = metadataWithout(member);
        String payload = switch (operation) {
            case "encrypt" -> ", \"plaintext\": \"SGVsbG8=\", \"encryptionAlgorithm\": \"AES_GCM\"";
            case "decrypt" -> ", \"ciphertext\": \"SGVsbG8=\", \"encryptionAlgorithm\": \"AES_GCM\","
                    + " \"initializationVector\": \"AAAAAAAAAAAAAAAA\", \"authenticationTag\": \"AAAAAAAAAAAAAAAAAAAAAA==\"";
            default -> "";
        };

        assertError(post("tenant-a-aes-1/" + operation, "{" + metadata + payload + "}"), 400, "ValidationException");
    }

    static Stream<Arguments> missingMetadata() {
        return Stream.of(Arguments.of("metadata", "awsPrincipalArn"), Arguments.of("metadata", "kmsOperation"),
                Arguments.of("metadata", "kmsRequestId"), Arguments.of("encrypt", "awsPrincipalArn"),
                Arguments.of("encrypt", "kmsKeyArn"), Arguments.of("encrypt", "kmsOperation"),
                Arguments.of("encrypt", "kmsRequestId"), Arguments.of("decrypt", "awsPrincipalArn"),
                Arguments.of("decrypt", "kmsKeyArn"), Arguments.of("decrypt", "kmsOperation"),
                Arguments.of("decrypt", "kmsRequestId"));
    }

    @Test
    void getKeyMetadataNeedsNoKmsKeyArnAndIgnoresUnknownMembers() {
        var response = post("tenant-a-aes-1/metadata", """
                {"requestMetadata": {"awsPrincipalArn": "AWS Internal", "kmsOperation": "CreateKey",
                  "kmsRequestId": "not-a-uuid", "someFutureField": "x"}}""");

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("keySpec", "keyUsage", "keyStatus");
    }

    @Test
    void requestWithoutRequestMetadataIsAValidationError() {
        assertError(post("tenant-a-aes-1/metadata", "{}"), 400, "ValidationException");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEncrypts")
    void invalidEncryptPayloadIsAValidationError(String what, String payload) {
        assertError(post("tenant-a-aes-1/encrypt", "{" + FULL_METADATA + payload + "}"), 400, "ValidationException");
    }

    static Stream<Arguments> invalidEncrypts() {
        return Stream.of(Arguments.of("no plaintext", ", \"encryptionAlgorithm\": \"AES_GCM\""),
                Arguments.of("plaintext not Base64", ", \"plaintext\": \"%%%\", \"encryptionAlgorithm\": \"AES_GCM\""),
                Arguments.of("no algorithm", ", \"plaintext\": \"SGVsbG8=\""),
                Arguments.of("another algorithm",
                        ", \"plaintext\": \"SGVsbG8=\", \"encryptionAlgorithm\": \"RSAES_OAEP_SHA_256\""),
                Arguments.of("another integrity algorithm",
                        ", \"plaintext\": \"SGVsbG8=\", \"encryptionAlgorithm\":"
                                + " \"AES_GCM\", \"ciphertextDataIntegrityValueAlgorithm\": \"MD5\""),
                Arguments.of("AAD not Base64", ", \"plaintext\": \"SGVsbG8=\", \"encryptionAlgorithm\": \"AES_GCM\","
                        + " \"additionalAuthenticatedData\": \"***\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCiphertexts")
    void missingOrMalformedCiphertextPartsAreAnInvalidCiphertext(String what, String payload) {
        assertError(
                post("tenant-a-aes-1/decrypt",
                        "{" + FULL_METADATA + ", \"encryptionAlgorithm\": \"AES_GCM\"" + payload + "}"),
                400, "InvalidCiphertextException");
    }

    static Stream<Arguments> invalidCiphertexts() {
        String iv12 = "AAAAAAAAAAAAAAAA";
        String tag16 = "AAAAAAAAAAAAAAAAAAAAAA==";
        return Stream.of(
                Arguments.of("no ciphertext",
                        ", \"initializationVector\": \"" + iv12 + "\", \"authenticationTag\": \"" + tag16 + "\""),
                Arguments.of("no IV", ", \"ciphertext\": \"SGVsbG8=\", \"authenticationTag\": \"" + tag16 + "\""),
                Arguments.of("no tag", ", \"ciphertext\": \"SGVsbG8=\", \"initializationVector\": \"" + iv12 + "\""),
                Arguments.of("IV of 11 bytes",
                        ", \"ciphertext\": \"SGVsbG8=\", \"initializationVector\": "
                                + "\"AAAAAAAAAAAAAAA=\", \"authenticationTag\": \"" + tag16 + "\""),
                Arguments.of("metadata of 21 bytes",
                        ", \"ciphertext\": \"SGVsbG8=\", \"initializationVector\": \"" + iv12
                                + "\", \"authenticationTag\": \"" + tag16
                                + "\", \"ciphertextMetadata\": \"AAAAAAAAAAAAAAAAAAAAAAAAAAAA\""),
                Arguments.of("wrong tag for this ciphertext",
                        ", \"ciphertext\": \"SGVsbG8=\", \"initializationVector\": \"" + iv12
                                + "\", \"authenticationTag\": \"" + tag16 + "\""));
    }

    @Test
    void externalKeyIdOutsideTheSpecsAlphabetIsNotFound() {
        assertError(post("tenant-a~aes/metadata", "{" + FULL_METADATA + "}"), 404, "KeyNotFoundException");
    }

    private RawXksRequest.Response post(String keyAndOperation, String body) {
        return new RawXksRequest(port).path(KEYS + keyAndOperation)
            .body(body)
            .signedHeaders("host", "x-amz-date")
            .send();
    }

    private static String metadataWithout(String member) {
        var members = new StringBuilder("\"requestMetadata\": {");
        String[][] all = { { "awsPrincipalArn", "arn:aws:iam::111122223333:user/Alice" },
                { "kmsKeyArn", "arn:aws:kms:us-east-1:111122223333:key/k-1" }, { "kmsOperation", "Encrypt" },
                { "kmsRequestId", "r-1" } };
        String separator = "";
        for (String[] pair : all) {
            if (!pair[0].equals(member)) {
                members.append(separator).append('"').append(pair[0]).append("\": \"").append(pair[1]).append('"');
                separator = ", ";
            }
        }
        return members.append('}').toString();
    }

    private static void assertError(RawXksRequest.Response response, int status, String errorName) {
        assertThat(response.status()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errorName").stringValue()).isEqualTo(errorName);
        assertThat(body.get("errorMessage").stringValue()).hasSizeLessThan(512).matches("[\\x20-\\x7e]*");
    }

}
