package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * KMS keys in external key stores through the real SDK and the sandbox XKS proxy (its
 * /tenant-b prefix serves tenant-b-aes-1..3, tenant-b-disabled, tenant-b-sign-only and
 * tenant-b-rsa): CreateKey checks the external key with GetKeyMetadata, the cryptographic
 * operations encrypt twice (KMS's layer, then the proxy's), and proxy failures become the
 * KMS errors of the XKS proxy API specification, "Error codes", KMS considerations.
 */
class ExternalKeysTest extends SandboxKmsTestSupport {

    private static final Map<String, String> CONTEXT = Map.of("tenant", "b", "purpose", "test");

    private static final String PROXY_REJECTED_CIPHERTEXT = "The external key store proxy rejected the request "
            + "because the specified ciphertext or encryption context is corrupted, missing, or otherwise invalid.";

    @Autowired
    JdbcClient jdbc;

    private String connectedXks(String name) {
        String id = createPublicXks(name);
        connectAndAwait(id, ConnectionStateType.CONNECTED);
        return id;
    }

    private String xksKey(String store, String xksKeyId) {
        return kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.EXTERNAL_KEY_STORE).xksKeyId(xksKeyId))
            .keyMetadata()
            .keyId();
    }

    private static SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    @Test
    void aKeyOnAnEnabledAes256ExternalKeyIsCreatedAndDescribed() {
        String store = connectedXks("x-create");

        var metadata = kms
            .createKey(b -> b.customKeyStoreId(store)
                .origin(OriginType.EXTERNAL_KEY_STORE)
                .xksKeyId("tenant-b-aes-1")
                .description("external"))
            .keyMetadata();

        assertThat(metadata.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(metadata.origin()).isEqualTo(OriginType.EXTERNAL_KEY_STORE);
        assertThat(metadata.customKeyStoreId()).isEqualTo(store);
        assertThat(metadata.xksKeyConfiguration().id()).isEqualTo("tenant-b-aes-1");
        assertThat(metadata.cloudHsmClusterId()).isNull();
        assertThat(kms.describeKey(b -> b.keyId(metadata.keyId())).keyMetadata()).isEqualTo(metadata);
    }

    @Test
    void anUnknownExternalKeyIsNotFound() {
        String store = connectedXks("x-unknown");

        var error = kmsError(() -> xksKey(store, "no-such-key"), "XksKeyNotFoundException");

        assertThat(message(error)).contains("was not found in its external key manager");
    }

    @Test
    void aDisabledExternalKeyIsAnInvalidConfiguration() {
        String store = connectedXks("x-disabled");

        var error = kmsError(() -> xksKey(store, "tenant-b-disabled"), "XksKeyInvalidConfigurationException");

        assertThat(message(error)).isEqualTo("The status of the external key must be ENABLED. The status of "
                + "specified external key is DISABLED.");
    }

    @Test
    void anExternalKeyThatCannotEncryptAndDecryptIsAnInvalidConfiguration() {
        String store = connectedXks("x-usage");

        var error = kmsError(() -> xksKey(store, "tenant-b-sign-only"), "XksKeyInvalidConfigurationException");

        assertThat(message(error)).startsWith("The key usage of the external key must include ENCRYPT and DECRYPT.");
    }

    @Test
    void anExternalKeyOfAnotherSpecIsAnInvalidConfiguration() {
        String store = connectedXks("x-spec");

        var error = kmsError(() -> xksKey(store, "tenant-b-rsa"), "XksKeyInvalidConfigurationException");

        assertThat(message(error)).isEqualTo("The key spec of the external key must be AES_256. The key spec of "
                + "specified external key is RSA_2048.");
    }

    @Test
    void anExternalKeyServesOneKmsKeyPerStore() {
        String store = connectedXks("x-in-use");
        xksKey(store, "tenant-b-aes-2");

        kmsError(() -> xksKey(store, "tenant-b-aes-2"), "XksKeyAlreadyInUseException");
        xksKey(store, "tenant-b-aes-3");
    }

    @Test
    void aKeyPendingDeletionStillHoldsItsExternalKey() {
        String store = connectedXks("x-in-use-pending");
        String key = xksKey(store, "tenant-b-aes-1");
        kms.scheduleKeyDeletion(b -> b.keyId(key));

        kmsError(() -> xksKey(store, "tenant-b-aes-1"), "XksKeyAlreadyInUseException");
    }

    @Test
    void theXksKeyIdNeedsTheExternalOriginAndTheModelsShape() {
        String store = connectedXks("x-shape");

        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.EXTERNAL_KEY_STORE)),
                "UnsupportedOperationException");
        kmsError(() -> xksKey(store, "k".repeat(129)), "ValidationException");
        kmsError(() -> xksKey(store, "bad key"), "ValidationException");
    }

    @Test
    void aDisconnectedExternalStoreGetsNoKeys() {
        String store = createPublicXks("x-disconnected");

        var error = kmsError(() -> xksKey(store, "tenant-b-aes-1"), "CustomKeyStoreInvalidStateException");

        assertThat(message(error)).isEqualTo(KeyRegion.XKS_NOT_CONNECTED);
    }

    @Test
    void aProxyThatFailsDuringCreateKeyIsAnInvalidStoreState() {
        String store = connectedXks("x-internal");
        new SimulatedWorldChanges(jdbc).proxyPathBecomes(store, "/internal-error/kms/xks/v1", LAB.accessKeyId(),
                LAB.rawSecretAccessKey());

        var error = kmsError(() -> xksKey(store, "lab-aes-1"), "CustomKeyStoreInvalidStateException");

        assertThat(message(error)).startsWith("The external key store proxy rejected the request because it cannot "
                + "communicate with the external key manager.");
    }

    @Test
    void aProxyThatRejectsTheCredentialIsAnInvalidStoreState() {
        String store = connectedXks("x-auth");
        new SimulatedWorldChanges(jdbc).proxyPathBecomes(store, "/tenant-b/kms/xks/v1",
                UNKNOWN_CREDENTIAL.accessKeyId(), UNKNOWN_CREDENTIAL.rawSecretAccessKey());

        var error = kmsError(() -> xksKey(store, "tenant-b-aes-1"), "CustomKeyStoreInvalidStateException");

        assertThat(message(error)).contains("could not authenticate AWS KMS");
    }

    @Test
    void encryptAndDecryptRoundTripThroughTheProxy() {
        String key = xksKey(connectedXks("x-roundtrip"), "tenant-b-aes-1");

        var encrypted = kms.encrypt(b -> b.keyId(key).plaintext(bytes("secret")).encryptionContext(CONTEXT));
        var decrypted = kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT));

        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("secret");
        assertThat(decrypted.keyId()).endsWith(":key/" + key);
    }

    @Test
    void aFullSizePlaintextFitsTheBlobAndTheProxyLimits() {
        String key = xksKey(connectedXks("x-size"), "tenant-b-aes-1");

        var blob = kms.encrypt(b -> b.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4096]))).ciphertextBlob();

        assertThat(blob.asByteArray().length).isLessThanOrEqualTo(6144);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asByteArray()).hasSize(4096);
    }

    @Test
    void generateDataKeyWorksThroughTheProxy() {
        String key = xksKey(connectedXks("x-datakey"), "tenant-b-aes-1");

        var dataKey = kms.generateDataKey(b -> b.keyId(key).keySpec(DataKeySpec.AES_256));
        var withoutPlaintext = kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key).numberOfBytes(16));

        assertThat(kms.decrypt(b -> b.ciphertextBlob(dataKey.ciphertextBlob())).plaintext())
            .isEqualTo(dataKey.plaintext());
        assertThat(kms.decrypt(b -> b.ciphertextBlob(withoutPlaintext.ciphertextBlob())).plaintext().asByteArray())
            .hasSize(16);
    }

    @Test
    void anotherEncryptionContextIsRejectedByTheProxy() {
        String key = xksKey(connectedXks("x-context"), "tenant-b-aes-1");
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x")).encryptionContext(CONTEXT)).ciphertextBlob();

        var error = kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "KMSInvalidStateException", 409);

        assertThat(message(error)).isEqualTo(PROXY_REJECTED_CIPHERTEXT);
    }

    @Test
    void aTamperedCiphertextIsRejectedByTheProxy() {
        String key = xksKey(connectedXks("x-tamper"), "tenant-b-aes-1");
        byte[] blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("tamper me"))).ciphertextBlob().asByteArray();
        byte[] tampered = blob.clone();
        tampered[blob.length - 1] ^= 0x01;

        var error = kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(tampered))),
                "KMSInvalidStateException", 409);

        assertThat(message(error)).isEqualTo(PROXY_REJECTED_CIPHERTEXT);
    }

    @Test
    void twoKmsKeysOnTheSameProxyDoNotShareCiphertexts() {
        String store = connectedXks("x-two");
        String first = xksKey(store, "tenant-b-aes-1");
        String second = xksKey(store, "tenant-b-aes-2");
        var blob = kms.encrypt(b -> b.keyId(first).plaintext(bytes("x"))).ciphertextBlob();

        kmsError(() -> kms.decrypt(b -> b.keyId(second).ciphertextBlob(blob)), "IncorrectKeyException");
    }

    @Test
    void keysOfADisconnectedExternalStoreAreUnavailable() {
        String store = connectedXks("x-down");
        String key = xksKey(store, "tenant-b-aes-1");
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        disconnectAndAwait(store);

        var error = kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException",
                409);
        assertThat(message(error)).isEqualTo(KeyRegion.XKS_NOT_CONNECTED);
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "KMSInvalidStateException", 409);
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.UNAVAILABLE);
    }

    @Test
    void aProxyFailureDuringEncryptIsKmsInvalidStateAndLeavesTheKeyEnabled() {
        String store = connectedXks("x-broken");
        String key = xksKey(store, "tenant-b-aes-1");
        new SimulatedWorldChanges(jdbc).proxyPathBecomes(store, "/throttled/kms/xks/v1", LAB.accessKeyId(),
                LAB.rawSecretAccessKey());

        var error = kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException",
                409);

        assertThat(message(error))
            .startsWith("The external key store proxy rejected the request due to a very high " + "request rate.");
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
    }

}
