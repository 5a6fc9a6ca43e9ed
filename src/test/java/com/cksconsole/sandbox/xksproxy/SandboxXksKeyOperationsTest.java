package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.cksconsole.xks.XksCiphertext;
import com.cksconsole.xks.XksDecryptInput;
import com.cksconsole.xks.XksEncryptInput;
import com.cksconsole.xks.XksKeyCall;
import com.cksconsole.xks.XksKeyFailureKind;
import com.cksconsole.xks.XksKeyMetadata;
import com.cksconsole.xks.XksKeyResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;
import com.cksconsole.xks.XksRequestMetadata;

/**
 * The console's XKS client against the built-in proxy over HTTP: GetKeyMetadata, Encrypt
 * and Decrypt over the seeded external keys, and each error the spec names for them (XKS
 * proxy API specification, "GetKeyMetadata", "Encrypt", "Decrypt", "Error codes").
 */
@SandboxXksProxyTest
class SandboxXksKeyOperationsTest {

    private static final String PUBLIC = SandboxXksProxyBehaviourTest.PUBLIC;

    private static final String TENANT_A_PATH = "/tenant-a/kms/xks/v1";

    private static final byte[] PLAINTEXT = "a data key, 32 bytes long.......".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] AAD = "kms-encryption-context".getBytes(StandardCharsets.US_ASCII);

    private static final XksRequestMetadata CREATE_KEY = new XksRequestMetadata("arn:aws:iam::111122223333:user/Alice",
            null, "CreateKey", "req-create", null);

    private static final XksRequestMetadata ENCRYPT = new XksRequestMetadata("arn:aws:iam::111122223333:user/Alice",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "GenerateDataKey",
            "req-encrypt", null);

    private static final XksRequestMetadata DECRYPT = new XksRequestMetadata("arn:aws:iam::111122223333:user/Alice",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", "Decrypt", "req-decrypt",
            null);

    @Autowired
    XksProxyClient client;

    @Test
    void enabledKeyIsDescribedAsTheSpecsUsableKey() {
        XksKeyMetadata metadata = ok(client.getKeyMetadata(call("tenant-a-aes-1", CREATE_KEY)));

        assertThat(metadata).isEqualTo(new XksKeyMetadata("AES_256", List.of("ENCRYPT", "DECRYPT"), "ENABLED"));
    }

    @Test
    void disabledKeyIsDescribedAsDisabledNotRefused() {
        assertThat(ok(client.getKeyMetadata(call("tenant-a-disabled", CREATE_KEY))).keyStatus()).isEqualTo("DISABLED");
    }

    @Test
    void keysOfTheWrongSpecOrUsageAreDescribedAsConfigured() {
        assertThat(ok(client.getKeyMetadata(call("tenant-a-sign-only", CREATE_KEY))).keyUsage()).containsExactly("SIGN",
                "VERIFY");
        assertThat(ok(client.getKeyMetadata(call("tenant-a-rsa", CREATE_KEY))).keySpec()).isEqualTo("RSA_2048");
    }

    @Test
    void encryptThenDecryptGivesThePlaintextBack() {
        XksCiphertext encrypted = ok(
                client.encrypt(call("tenant-a-aes-1", ENCRYPT), new XksEncryptInput(PLAINTEXT, AAD, true)));

        assertThat(encrypted.ciphertext()).hasSameSizeAs(PLAINTEXT).isNotEqualTo(PLAINTEXT);
        assertThat(encrypted.initializationVector()).hasSize(12);
        assertThat(encrypted.authenticationTag()).hasSize(16);
        assertThat(encrypted.ciphertextMetadata()).hasSizeLessThanOrEqualTo(20);
        // The client has checked the integrity value against Appendix C already.
        assertThat(encrypted.ciphertextDataIntegrityValue()).hasSize(32);
        byte[] plaintext = ok(client.decrypt(call("tenant-a-aes-1", DECRYPT), XksDecryptInput.of(encrypted, AAD)));
        assertThat(plaintext).isEqualTo(PLAINTEXT);
    }

    @Test
    void encryptWithoutAadOrIntegrityValueRoundTrips() {
        XksCiphertext encrypted = ok(
                client.encrypt(
                        call("private-aes-2", ENCRYPT, "https://xks-private.sandbox.example.com", "/kms/xks/v1",
                                SandboxXksProxyBehaviourTest.PRIVATE_KEY),
                        new XksEncryptInput(PLAINTEXT, null, false)));

        assertThat(encrypted.ciphertextDataIntegrityValue()).isNull();
        assertThat(ok(client.decrypt(call("private-aes-2", DECRYPT, "https://xks-private.sandbox.example.com",
                "/kms/xks/v1", SandboxXksProxyBehaviourTest.PRIVATE_KEY), XksDecryptInput.of(encrypted, null))))
            .isEqualTo(PLAINTEXT);
    }

    @Test
    void eachEncryptUsesAFreshIv() {
        XksCiphertext first = ok(
                client.encrypt(call("tenant-a-aes-1", ENCRYPT), new XksEncryptInput(PLAINTEXT, null, false)));
        XksCiphertext second = ok(
                client.encrypt(call("tenant-a-aes-1", ENCRYPT), new XksEncryptInput(PLAINTEXT, null, false)));

        assertThat(first.initializationVector()).isNotEqualTo(second.initializationVector());
        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
    }

    @Test
    void theSpecsMinimumSizesAreAccepted() {
        // 4,300 bytes of plaintext and 8,192 bytes of AAD must be supported.
        byte[] plaintext = new byte[4300];
        byte[] aad = new byte[8192];
        Arrays.fill(plaintext, (byte) 7);
        Arrays.fill(aad, (byte) 9);

        XksCiphertext encrypted = ok(
                client.encrypt(call("tenant-a-aes-2", ENCRYPT), new XksEncryptInput(plaintext, aad, true)));

        assertThat(ok(client.decrypt(call("tenant-a-aes-2", DECRYPT), XksDecryptInput.of(encrypted, aad))))
            .isEqualTo(plaintext);
    }

    @Test
    void anotherKeyCannotDecrypt() {
        XksCiphertext encrypted = ok(
                client.encrypt(call("tenant-a-aes-1", ENCRYPT), new XksEncryptInput(PLAINTEXT, AAD, false)));

        failed(client.decrypt(call("tenant-a-aes-2", DECRYPT), XksDecryptInput.of(encrypted, AAD)), 400,
                XksKeyFailureKind.INVALID_CIPHERTEXT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperings")
    void tamperedCiphertextIsAnInvalidCiphertext(String what, Function<XksDecryptInput, XksDecryptInput> tamper) {
        XksCiphertext encrypted = ok(
                client.encrypt(call("tenant-a-aes-3", ENCRYPT), new XksEncryptInput(PLAINTEXT, AAD, false)));

        failed(client.decrypt(call("tenant-a-aes-3", DECRYPT), tamper.apply(XksDecryptInput.of(encrypted, AAD))), 400,
                XksKeyFailureKind.INVALID_CIPHERTEXT);
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                Arguments.of("ciphertext bit flipped",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(flip(in.ciphertext()),
                                in.initializationVector(), in.authenticationTag(), in.ciphertextMetadata(),
                                in.additionalAuthenticatedData())),
                Arguments.of("tag bit flipped",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), flip(in.authenticationTag()), in.ciphertextMetadata(),
                                in.additionalAuthenticatedData())),
                Arguments.of("IV bit flipped",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                flip(in.initializationVector()), in.authenticationTag(), in.ciphertextMetadata(),
                                in.additionalAuthenticatedData())),
                Arguments.of("AAD changed",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), in.authenticationTag(), in.ciphertextMetadata(),
                                flip(in.additionalAuthenticatedData()))),
                Arguments.of("AAD left out",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), in.authenticationTag(), in.ciphertextMetadata(), null)),
                Arguments.of("ciphertext metadata changed",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), in.authenticationTag(), flip(in.ciphertextMetadata()),
                                in.additionalAuthenticatedData())),
                Arguments.of("ciphertext metadata left out",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), in.authenticationTag(), null,
                                in.additionalAuthenticatedData())),
                Arguments.of("tag 15 bytes",
                        (Function<XksDecryptInput, XksDecryptInput>) in -> new XksDecryptInput(in.ciphertext(),
                                in.initializationVector(), Arrays.copyOf(in.authenticationTag(), 15),
                                in.ciphertextMetadata(), in.additionalAuthenticatedData())));
    }

    @Test
    void unknownKeyIsNotFoundForEveryOperation() {
        failed(client.getKeyMetadata(call("no-such-key", CREATE_KEY)), 404, XksKeyFailureKind.KEY_NOT_FOUND);
        failed(client.encrypt(call("no-such-key", ENCRYPT), new XksEncryptInput(PLAINTEXT, null, false)), 404,
                XksKeyFailureKind.KEY_NOT_FOUND);
        failed(client.decrypt(call("no-such-key", DECRYPT), anyCiphertext()), 404, XksKeyFailureKind.KEY_NOT_FOUND);
    }

    @Test
    void keysArePerPathPrefix() {
        // tenant-b's key does not exist behind tenant-a's prefix.
        failed(client.getKeyMetadata(call("tenant-b-aes-1", CREATE_KEY)), 404, XksKeyFailureKind.KEY_NOT_FOUND);
    }

    @Test
    void disabledKeyCannotEncryptOrDecrypt() {
        failed(client.encrypt(call("tenant-a-disabled", ENCRYPT), new XksEncryptInput(PLAINTEXT, null, false)), 400,
                XksKeyFailureKind.INVALID_STATE);
        failed(client.decrypt(call("tenant-a-disabled", DECRYPT), anyCiphertext()), 400,
                XksKeyFailureKind.INVALID_STATE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "tenant-a-sign-only", "tenant-a-rsa" })
    void keyOfTheWrongUsageOrSpecCannotEncryptOrDecrypt(String externalKeyId) {
        failed(client.encrypt(call(externalKeyId, ENCRYPT), new XksEncryptInput(PLAINTEXT, null, false)), 400,
                XksKeyFailureKind.INVALID_KEY_USAGE);
        failed(client.decrypt(call(externalKeyId, DECRYPT), anyCiphertext()), 400, XksKeyFailureKind.INVALID_KEY_USAGE);
    }

    @Test
    void wrongSecretFailsAuthenticationForEveryOperation() {
        var wrong = new XksProxyCredential("SANDBOXTENANTAKEYID234", "x".repeat(44));

        failed(client.getKeyMetadata(call("tenant-a-aes-1", CREATE_KEY, PUBLIC, TENANT_A_PATH, wrong)), 401,
                XksKeyFailureKind.AUTHENTICATION_FAILED);
        failed(client.encrypt(call("tenant-a-aes-1", ENCRYPT, PUBLIC, TENANT_A_PATH, wrong),
                new XksEncryptInput(PLAINTEXT, null, false)), 401, XksKeyFailureKind.AUTHENTICATION_FAILED);
        failed(client.decrypt(call("tenant-a-aes-1", DECRYPT, PUBLIC, TENANT_A_PATH, wrong), anyCiphertext()), 401,
                XksKeyFailureKind.AUTHENTICATION_FAILED);
    }

    @Test
    void unservedPrefixIsAnInvalidUriPath() {
        failed(client.getKeyMetadata(call("tenant-a-aes-1", CREATE_KEY, PUBLIC, "/nobody/kms/xks/v1",
                SandboxXksProxyBehaviourTest.TENANT_A)), 404, XksKeyFailureKind.INVALID_URI_PATH);
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("behaviours")
    void aPrefixsBehaviourAppliesToKeyOperations(String prefix, Integer status, XksKeyFailureKind kind) {
        failed(client.encrypt(call("any-key", ENCRYPT, SandboxXksProxyBehaviourTest.LAB, prefix + "/kms/xks/v1",
                SandboxXksProxyBehaviourTest.LAB_KEY), new XksEncryptInput(PLAINTEXT, null, false)), status, kind);
    }

    static Stream<Arguments> behaviours() {
        return Stream.of(Arguments.of("/throttled", 429, XksKeyFailureKind.THROTTLED),
                Arguments.of("/internal-error", 500, XksKeyFailureKind.INTERNAL),
                Arguments.of("/unavailable", 500, XksKeyFailureKind.INTERNAL),
                Arguments.of("/access-denied", 403, XksKeyFailureKind.ACCESS_DENIED),
                Arguments.of("/reject-path", 404, XksKeyFailureKind.INVALID_URI_PATH),
                Arguments.of("/malformed", 200, XksKeyFailureKind.INVALID_RESPONSE),
                Arguments.of("/slow", null, XksKeyFailureKind.TIMED_OUT));
    }

    private static XksDecryptInput anyCiphertext() {
        return new XksDecryptInput(new byte[8], new byte[12], new byte[16], null, null);
    }

    private static byte[] flip(byte[] bytes) {
        byte[] copy = bytes.clone();
        copy[0] ^= 1;
        return copy;
    }

    private static XksKeyCall call(String externalKeyId, XksRequestMetadata metadata) {
        return call(externalKeyId, metadata, PUBLIC, TENANT_A_PATH, SandboxXksProxyBehaviourTest.TENANT_A);
    }

    private static XksKeyCall call(String externalKeyId, XksRequestMetadata metadata, String endpoint, String uriPath,
            XksProxyCredential credential) {
        return new XksKeyCall(URI.create(endpoint), uriPath, credential, "us-east-1", externalKeyId, metadata);
    }

    private static <T> T ok(XksKeyResult<T> result) {
        assertThat(result).isInstanceOf(XksKeyResult.Ok.class);
        return ((XksKeyResult.Ok<T>) result).value();
    }

    private static void failed(XksKeyResult<?> result, Integer status, XksKeyFailureKind kind) {
        assertThat(result).isInstanceOfSatisfying(XksKeyResult.Failed.class, failed -> {
            assertThat(failed.kind()).isEqualTo(kind);
            assertThat(failed.httpStatus()).isEqualTo(status);
        });
    }

}
