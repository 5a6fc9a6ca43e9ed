package com.cksconsole.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.cksconsole.xks.CannedXksProxyServer.Canned;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The key operations send what the spec asks (path, SigV4, requestMetadata, Base64
 * members) and accept only answers that pass KMS's checks (XKS proxy API specification,
 * "Encrypt", "Decrypt", "GetKeyMetadata", "Error codes", Appendix C).
 */
class HttpXksProxyClientKeyOperationsTest {

    private static final String HOST = "xks.unit.example.com";

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T10:15:01Z"), ZoneOffset.UTC);

    private static final XksProxyCredential CREDENTIAL = new XksProxyCredential("UNITTESTKEYIDAAAA2345",
            "c2FuZGJveC1vbmx5LW5vdC1hLXJlYWwtc2VjcmV0ISE=");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final byte[] PLAINTEXT = "Hello World!".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] AAD = "project=nile,department=marketing".getBytes(StandardCharsets.US_ASCII);

    private static final XksRequestMetadata ENCRYPT_METADATA = new XksRequestMetadata(
            "arn:aws:iam::111122223333:user/Alice", "arn:aws:kms:us-east-1:111122223333:key/k-1", "Encrypt", "req-1",
            "ebs");

    private CannedXksProxyServer proxy;

    private HttpXksProxyClient client;

    @BeforeEach
    void start() {
        proxy = new CannedXksProxyServer();
        client = new HttpXksProxyClient(
                new XksHostTable(Map.of(HOST, "http://127.0.0.1:" + proxy.port() + "/base"), true, () -> null),
                Duration.ofSeconds(5), CLOCK);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    @Test
    void specsIntegrityValueTestVectorIsReproduced() {
        byte[] value = XksKeyAnswers.integrityValue(b64("cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n"),
                b64("a2V5X3ZlcnNpb249MQ=="), b64("HMrlRw85cAJUd5Ax"), b64("ghxkK1txeDNn3q8Y"),
                b64("vBxN2ncH1oEkR8WVXpmyYQ=="));

        assertThat(Base64.getEncoder().encodeToString(value)).isEqualTo("qHA/ImC9h5HsLRXqCyPmWgYx7tzyoTplzILbP0fPXsc=");
    }

    @Test
    void encryptSendsTheSpecsRequestSignedForTheProxyService() {
        proxy.answer(Canned.json(200, encryptAnswer(12, 12, 16, null, false)));

        client.encrypt(call("tenant-key-1", ENCRYPT_METADATA), new XksEncryptInput(PLAINTEXT, AAD, true));

        CannedXksProxyServer.Received received = proxy.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawPath()).isEqualTo("/base/tenant/kms/xks/v1/keys/tenant-key-1/encrypt");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("Authorization")).contains("/20260301/us-east-1/kms-xks-proxy/aws4_request")
            .contains("SignedHeaders=host;");
        JsonNode body = JSON.readTree(received.bodyText());
        assertThat(body.get("plaintext").stringValue()).isEqualTo("SGVsbG8gV29ybGQh");
        assertThat(body.get("encryptionAlgorithm").stringValue()).isEqualTo("AES_GCM");
        assertThat(body.get("additionalAuthenticatedData").stringValue())
            .isEqualTo("cHJvamVjdD1uaWxlLGRlcGFydG1lbnQ9bWFya2V0aW5n");
        assertThat(body.get("ciphertextDataIntegrityValueAlgorithm").stringValue()).isEqualTo("SHA_256");
        JsonNode metadata = body.get("requestMetadata");
        assertThat(metadata.get("awsPrincipalArn").stringValue()).isEqualTo("arn:aws:iam::111122223333:user/Alice");
        assertThat(metadata.get("kmsKeyArn").stringValue()).isEqualTo("arn:aws:kms:us-east-1:111122223333:key/k-1");
        assertThat(metadata.get("kmsOperation").stringValue()).isEqualTo("Encrypt");
        assertThat(metadata.get("kmsRequestId").stringValue()).isEqualTo("req-1");
        assertThat(metadata.get("kmsViaService").stringValue()).isEqualTo("ebs");
        assertThat(metadata.has("awsSourceVpc")).isFalse();
    }

    @Test
    void getKeyMetadataSendsNoKmsKeyArnAndNoPayload() {
        proxy.answer(Canned.json(200,
                "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"ENCRYPT\",\"DECRYPT\"]," + "\"keyStatus\":\"ENABLED\"}"));

        XksKeyResult<XksKeyMetadata> result = client.getKeyMetadata(call("k1",
                new XksRequestMetadata("arn:aws:iam::111122223333:user/Alice", null, "CreateKey", "req-2", null)));

        assertThat(result).isInstanceOfSatisfying(XksKeyResult.Ok.class, ok -> assertThat(ok.value())
            .isEqualTo(new XksKeyMetadata("AES_256", List.of("ENCRYPT", "DECRYPT"), "ENABLED")));
        CannedXksProxyServer.Received received = proxy.received().get(0);
        assertThat(received.rawPath()).isEqualTo("/base/tenant/kms/xks/v1/keys/k1/metadata");
        JsonNode body = JSON.readTree(received.bodyText());
        assertThat(body.propertyNames()).containsExactly("requestMetadata");
        assertThat(body.get("requestMetadata").propertyNames()).containsExactlyInAnyOrder("awsPrincipalArn",
                "kmsOperation", "kmsRequestId");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"keySpec\":\"AES_256\",\"keyUsage\":[],\"keyStatus\":\"ENABLED\"}",
            "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"encrypt\"],\"keyStatus\":\"ENABLED\"}",
            "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"ENCRYPT\"],\"keyStatus\":\"PENDING\"}",
            "{\"keyUsage\":[\"ENCRYPT\"],\"keyStatus\":\"ENABLED\"}",
            "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"A\",\"B\",\"C\",\"D\",\"E\",\"F\",\"G\",\"H\",\"I\",\"J\",\"K\"],"
                    + "\"keyStatus\":\"ENABLED\"}" })
    void keyMetadataOutsideTheSpecIsAnInvalidResponse(String body) {
        proxy.answer(Canned.json(200, body));

        assertFailed(client.getKeyMetadata(call("k1", ENCRYPT_METADATA)), XksKeyFailureKind.INVALID_RESPONSE);
    }

    @Test
    void keyMetadataWithTenUsagesIsAccepted() {
        proxy.answer(Canned.json(200, "{\"keySpec\":\"AES_256\",\"keyUsage\":[\"A\",\"B\",\"C\",\"D\",\"E\",\"F\","
                + "\"G\",\"H\",\"ENCRYPT\",\"DECRYPT\"],\"keyStatus\":\"DISABLED\"}"));

        assertThat(client.getKeyMetadata(call("k1", ENCRYPT_METADATA))).isInstanceOf(XksKeyResult.Ok.class);
    }

    @Test
    void wellFormedEncryptAnswerIsReturned() {
        proxy.answer(Canned.json(200, encryptAnswer(12, 12, 16, 20, true)));

        XksKeyResult<XksCiphertext> result = client.encrypt(call("k1", ENCRYPT_METADATA),
                new XksEncryptInput(PLAINTEXT, null, true));

        assertThat(result).isInstanceOfSatisfying(XksKeyResult.Ok.class, ok -> {
            XksCiphertext ciphertext = (XksCiphertext) ok.value();
            assertThat(ciphertext.ciphertext()).hasSize(12);
            assertThat(ciphertext.ciphertextMetadata()).hasSize(20);
            assertThat(ciphertext.ciphertextDataIntegrityValue()).hasSize(32);
        });
    }

    @ParameterizedTest(name = "ciphertext {0}, IV {1}, tag {2}, metadata {3} -> ok {4}")
    @CsvSource({ "11, 12, 16, , false", "13, 12, 16, , false", "12, 11, 16, , false", "12, 16, 16, , true",
            "12, 17, 16, , false", "12, 12, 15, , false", "12, 12, 17, , false", "12, 12, 16, 20, true",
            "12, 12, 16, 21, false", "12, 12, 16, 0, true" })
    void encryptAnswerLengthsAreCheckedAsKmsChecksThem(int ciphertext, int iv, int tag, Integer metadata, boolean ok) {
        proxy.answer(Canned.json(200, encryptAnswer(ciphertext, iv, tag, metadata, false)));

        XksKeyResult<XksCiphertext> result = client.encrypt(call("k1", ENCRYPT_METADATA),
                new XksEncryptInput(PLAINTEXT, null, false));

        if (ok) {
            assertThat(result).isInstanceOf(XksKeyResult.Ok.class);
        }
        else {
            assertFailed(result, XksKeyFailureKind.INVALID_RESPONSE);
        }
    }

    @Test
    void requestedIntegrityValueThatIsMissingIsAnInvalidResponse() {
        proxy.answer(Canned.json(200, encryptAnswer(12, 12, 16, null, false)));

        assertFailed(client.encrypt(call("k1", ENCRYPT_METADATA), new XksEncryptInput(PLAINTEXT, AAD, true)),
                XksKeyFailureKind.INVALID_RESPONSE);
    }

    @Test
    void integrityValueOverOtherBytesIsAnInvalidResponse() {
        // Computed without the AAD the client sent.
        proxy.answer(Canned.json(200, encryptAnswer(12, 12, 16, null, true)));

        assertFailed(client.encrypt(call("k1", ENCRYPT_METADATA), new XksEncryptInput(PLAINTEXT, AAD, true)),
                XksKeyFailureKind.INVALID_RESPONSE);
    }

    @Test
    void decryptSendsEveryMemberAndReturnsThePlaintext() {
        proxy.answer(Canned.json(200, "{\"plaintext\":\"SGVsbG8gV29ybGQh\"}"));

        XksKeyResult<byte[]> result = client.decrypt(call("k1", ENCRYPT_METADATA),
                new XksDecryptInput(new byte[12], new byte[12], new byte[16], new byte[3], AAD));

        assertThat(result).isInstanceOfSatisfying(XksKeyResult.Ok.class,
                ok -> assertThat((byte[]) ok.value()).isEqualTo(PLAINTEXT));
        assertThat(result.toString()).doesNotContain("Hello").contains("<12 bytes>");
        JsonNode body = JSON.readTree(proxy.received().get(0).bodyText());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("requestMetadata", "ciphertext",
                "encryptionAlgorithm", "initializationVector", "authenticationTag", "ciphertextMetadata",
                "additionalAuthenticatedData");
        assertThat(proxy.received().get(0).rawPath()).endsWith("/keys/k1/decrypt");
    }

    @ParameterizedTest
    @ValueSource(ints = { 11, 13 })
    void decryptedPlaintextOfAnotherLengthIsAnInvalidResponse(int length) {
        proxy.answer(
                Canned.json(200, "{\"plaintext\":\"" + Base64.getEncoder().encodeToString(new byte[length]) + "\"}"));

        assertFailed(
                client.decrypt(call("k1", ENCRYPT_METADATA),
                        new XksDecryptInput(new byte[12], new byte[12], new byte[16], null, null)),
                XksKeyFailureKind.INVALID_RESPONSE);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({ "404, KeyNotFoundException, KEY_NOT_FOUND", "400, InvalidStateException, INVALID_STATE",
            "400, InvalidKeyUsageException, INVALID_KEY_USAGE", "400, InvalidCiphertextException, INVALID_CIPHERTEXT",
            "400, ValidationException, VALIDATION", "401, AuthenticationFailedException, AUTHENTICATION_FAILED",
            "403, AccessDeniedException, ACCESS_DENIED", "404, InvalidUriPathException, INVALID_URI_PATH",
            "429, ThrottlingException, THROTTLED", "503, DependencyTimeoutException, DEPENDENCY_TIMEOUT",
            "500, InternalException, INTERNAL", "501, UnsupportedOperationException, UNSUPPORTED_OPERATION",
            "418, SomeFutureException, INVALID_RESPONSE" })
    void proxyErrorNamesMapOneToOne(int status, String errorName, XksKeyFailureKind expected) {
        proxy.answer(Canned.json(status, "{\"errorName\":\"" + errorName + "\",\"errorMessage\":\"for the log\"}"));

        XksKeyResult.Failed<byte[]> failed = assertFailed(client.decrypt(call("k1", ENCRYPT_METADATA),
                new XksDecryptInput(new byte[12], new byte[12], new byte[16], null, null)), expected);

        assertThat(failed.httpStatus()).isEqualTo(status);
        assertThat(failed.proxyErrorName()).isEqualTo(errorName);
    }

    @Test
    void errorWithoutJsonIsAnInvalidResponse() {
        proxy.answer(Canned.text(502, "text/html", "<html>Bad Gateway</html>"));

        assertFailed(client.getKeyMetadata(call("k1", ENCRYPT_METADATA)), XksKeyFailureKind.INVALID_RESPONSE);
    }

    @Test
    void hostOutsideTheTableIsUnreachableAndNothingIsSent() {
        var call = new XksKeyCall(URI.create("https://elsewhere.example.com"), "/kms/xks/v1", CREDENTIAL, "us-east-1",
                "k1", ENCRYPT_METADATA);

        assertFailed(client.getKeyMetadata(call), XksKeyFailureKind.UNREACHABLE);
        assertThat(proxy.received()).isEmpty();
    }

    @Test
    void slowProxyTimesOut() {
        proxy.answer(Canned.heldBack());
        var fast = new HttpXksProxyClient(
                new XksHostTable(Map.of(HOST, "http://127.0.0.1:" + proxy.port() + "/base"), true, () -> null),
                Duration.ofMillis(250), CLOCK);

        assertFailed(fast.getKeyMetadata(call("k1", ENCRYPT_METADATA)), XksKeyFailureKind.TIMED_OUT);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "a/b", "a b", "k?x" })
    void externalKeyIdKmsWouldRefuseIsACallerBug(String externalKeyId) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.getKeyMetadata(call(externalKeyId, ENCRYPT_METADATA)));
    }

    @Test
    void externalKeyIdOf128CharactersIsSentAnd129IsRefused() {
        proxy.answer(Canned.json(404, "{\"errorName\":\"KeyNotFoundException\"}"));

        assertFailed(client.getKeyMetadata(call("k".repeat(128), ENCRYPT_METADATA)), XksKeyFailureKind.KEY_NOT_FOUND);
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client.getKeyMetadata(call("k".repeat(129), ENCRYPT_METADATA)));
    }

    @Test
    void byteFieldsNeverAppearInToString() {
        var input = new XksEncryptInput(PLAINTEXT, AAD, true);
        var decrypt = new XksDecryptInput(new byte[12], new byte[12], new byte[16], null, AAD);
        var ciphertext = new XksCiphertext(PLAINTEXT, new byte[12], new byte[16], null, null);

        assertThat(input.toString()).isEqualTo(
                "XksEncryptInput[plaintext=<12 bytes>, additionalAuthenticatedData=<33 bytes>, wantCiphertextDataIntegrityValue=true]");
        assertThat(decrypt.toString()).contains("ciphertextMetadata=null").doesNotContain("[B@");
        assertThat(ciphertext.toString()).contains("ciphertext=<12 bytes>").doesNotContain("[B@");
        assertThat(new XksEncryptInput(PLAINTEXT.clone(), AAD.clone(), true)).isEqualTo(input).hasSameHashCodeAs(input);
        assertThat(new XksEncryptInput(PLAINTEXT, null, true)).isNotEqualTo(input);
    }

    private static XksKeyCall call(String externalKeyId, XksRequestMetadata metadata) {
        return new XksKeyCall(URI.create("https://" + HOST), "/tenant/kms/xks/v1", CREDENTIAL, "us-east-1",
                externalKeyId, metadata);
    }

    /** An Encrypt answer of these lengths; the integrity value, if any, over no AAD. */
    private static String encryptAnswer(int ciphertext, int iv, int tag, Integer metadata, boolean integrity) {
        byte[] c = new byte[ciphertext];
        byte[] i = new byte[iv];
        byte[] t = new byte[tag];
        byte[] m = metadata == null ? null : new byte[metadata];
        var answer = new StringBuilder("{\"ciphertext\":\"").append(enc(c))
            .append("\",\"initializationVector\":\"")
            .append(enc(i))
            .append("\",\"authenticationTag\":\"")
            .append(enc(t))
            .append('"');
        if (m != null) {
            answer.append(",\"ciphertextMetadata\":\"").append(enc(m)).append('"');
        }
        if (integrity) {
            answer.append(",\"ciphertextDataIntegrityValue\":\"")
                .append(enc(XksKeyAnswers.integrityValue(null, m, i, c, t)))
                .append('"');
        }
        return answer.append('}').toString();
    }

    private static String enc(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] b64(String value) {
        return Base64.getDecoder().decode(value);
    }

    private static <T> XksKeyResult.Failed<T> assertFailed(XksKeyResult<T> result, XksKeyFailureKind kind) {
        assertThat(result).isInstanceOf(XksKeyResult.Failed.class);
        XksKeyResult.Failed<T> failed = (XksKeyResult.Failed<T>) result;
        assertThat(failed.kind()).isEqualTo(kind);
        return failed;
    }

}
