package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.DataKeySpec;
import software.amazon.awssdk.services.kms.model.EncryptionAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * KMS keys in CloudHSM key stores through the real SDK: CreateKey and its refusals,
 * DescribeKey with every identifier form, and the cryptographic operations of the
 * simulated HSM (KMS API Reference, CreateKey, DescribeKey, Encrypt, Decrypt,
 * GenerateDataKey; KMS Developer Guide, "Key states of AWS KMS keys").
 */
class CloudHsmKeysTest extends SandboxKmsTestSupport {

    private static final Map<String, String> CONTEXT = Map.of("purpose", "test", "Department", "Finance");

    @Autowired
    JdbcClient jdbc;

    private SdkBytes bytes(String text) {
        return SdkBytes.fromUtf8String(text);
    }

    @Test
    void aKeyCreatedInAConnectedStoreIsEnabledAndDescribedAsACloudHsmKey() {
        String store = connectedCloudHsm("k-create");
        Instant before = Instant.now().minusSeconds(1);

        var metadata = kms
            .createKey(b -> b.customKeyStoreId(store)
                .origin(OriginType.AWS_CLOUDHSM)
                .keySpec(KeySpec.SYMMETRIC_DEFAULT)
                .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                .description("payroll"))
            .keyMetadata();

        assertThat(metadata.keyId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(metadata.arn()).isEqualTo("arn:aws:kms:" + region + ":" + ACCOUNT + ":key/" + metadata.keyId());
        assertThat(metadata.awsAccountId()).isEqualTo(ACCOUNT);
        assertThat(metadata.keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(metadata.enabled()).isTrue();
        assertThat(metadata.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
        assertThat(metadata.customKeyStoreId()).isEqualTo(store);
        assertThat(metadata.cloudHsmClusterId()).isEqualTo(SPARE_CLUSTER);
        assertThat(metadata.xksKeyConfiguration()).isNull();
        assertThat(metadata.description()).isEqualTo("payroll");
        assertThat(metadata.keySpec()).isEqualTo(KeySpec.SYMMETRIC_DEFAULT);
        assertThat(metadata.keyUsage()).isEqualTo(KeyUsageType.ENCRYPT_DECRYPT);
        assertThat(metadata.encryptionAlgorithms()).containsExactly(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(metadata.keyManagerAsString()).isEqualTo("CUSTOMER");
        assertThat(metadata.multiRegion()).isFalse();
        assertThat(metadata.deletionDate()).isNull();
        assertThat(metadata.creationDate()).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void aKeyWithoutDescriptionHasAnEmptyOne() {
        String key = cloudHsmKey(connectedCloudHsm("k-nodesc"));

        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().description()).isEmpty();
    }

    @Test
    void aStoreThatIsNotConnectedGetsNoKeys() {
        String store = createCloudHsm("k-disconnected");

        kmsError(() -> cloudHsmKey(store), "CustomKeyStoreInvalidStateException");
    }

    @Test
    void anUnknownStoreIsNotFound() {
        kmsError(() -> cloudHsmKey("cks-00000000000000000"), "CustomKeyStoreNotFoundException");
    }

    @Test
    void theOriginMustMatchTheStoreType() {
        String store = connectedCloudHsm("k-origin");

        kmsError(
                () -> kms.createKey(
                        b -> b.customKeyStoreId(store).origin(OriginType.EXTERNAL_KEY_STORE).xksKeyId("sandbox-key-1")),
                "UnsupportedOperationException");
    }

    @Test
    void aStoreIdNeedsACustomKeyStoreOrigin() {
        String store = connectedCloudHsm("k-no-origin");

        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store)), "UnsupportedOperationException");
        kmsError(() -> kms.createKey(b -> b.origin(OriginType.AWS_CLOUDHSM)), "UnsupportedOperationException");
    }

    @Test
    void anXksKeyIdIsOnlyForExternalKeyStoreKeys() {
        String store = connectedCloudHsm("k-xksid");

        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).xksKeyId("k1")),
                "UnsupportedOperationException");
    }

    @Test
    void onlySymmetricEncryptionKeysCanBeCreated() {
        String store = connectedCloudHsm("k-spec");

        kmsError(
                () -> kms.createKey(
                        b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).keySpec(KeySpec.RSA_2048)),
                "UnsupportedOperationException");
        kmsError(() -> kms.createKey(
                b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).keyUsage(KeyUsageType.SIGN_VERIFY)),
                "UnsupportedOperationException");
        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).multiRegion(true)),
                "UnsupportedOperationException");
    }

    @Test
    void aClusterThatLostItsSecondHsmGetsNoKeys() {
        String store = connectedCloudHsm("k-one-hsm");
        new SimulatedWorldChanges(jdbc).clusterBecomes(store, ONE_HSM_CLUSTER);

        var error = kmsError(() -> cloudHsmKey(store), "CloudHsmClusterInvalidConfigurationException");

        assertThat(message(error)).contains("two active HSMs");
    }

    @Test
    void twoHsmsInOneAvailabilityZoneAreNotEnough() {
        String store = connectedCloudHsm("k-same-zone");
        new SimulatedWorldChanges(jdbc).clusterBecomes(store, "cluster-samezonehsm2");

        kmsError(() -> cloudHsmKey(store), "CloudHsmClusterInvalidConfigurationException");
    }

    @Test
    void theDescriptionMayHave8192CharactersButNotMore() {
        String store = connectedCloudHsm("k-desc");

        var created = kms
            .createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).description("d".repeat(8192)))
            .keyMetadata();
        assertThat(created.description()).hasSize(8192);
        kmsError(
                () -> kms.createKey(
                        b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).description("d".repeat(8193))),
                "ValidationException");
    }

    @Test
    void aKeyMayBeCreatedWith50TagsButNot51() {
        String store = connectedCloudHsm("k-tags");
        Tag[] fifty = new Tag[51];
        for (int i = 0; i < fifty.length; i++) {
            fifty[i] = Tag.builder().tagKey("k" + i).tagValue("v" + i).build();
        }

        String key = kms.createKey(
                b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).tags(java.util.Arrays.copyOf(fifty, 50)))
            .keyMetadata()
            .keyId();
        assertThat(kms.listResourceTagsPaginator(b -> b.keyId(key)).tags()).hasSize(50);
        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).tags(fifty)),
                "LimitExceededException");
    }

    @Test
    void awsTagKeysAreReserved() {
        String store = connectedCloudHsm("k-aws-tag");

        kmsError(() -> kms.createKey(b -> b.customKeyStoreId(store)
            .origin(OriginType.AWS_CLOUDHSM)
            .tags(Tag.builder().tagKey("aws:owner").tagValue("x").build())), "TagException");
    }

    @Test
    void describeKeyAcceptsTheKeyIdTheKeyArnTheAliasNameAndTheAliasArn() {
        String key = cloudHsmKey(connectedCloudHsm("k-ids"));
        kms.createAlias(b -> b.aliasName("alias/payroll").targetKeyId(key));
        String prefix = "arn:aws:kms:" + region + ":" + ACCOUNT + ":";

        for (String id : new String[] { key, prefix + "key/" + key, "alias/payroll", prefix + "alias/payroll" }) {
            assertThat(kms.describeKey(b -> b.keyId(id)).keyMetadata().keyId()).as(id).isEqualTo(key);
        }
    }

    @Test
    void unknownKeysAndAliasesAreNotFound() {
        String key = cloudHsmKey(connectedCloudHsm("k-unknown"));
        String otherRegion = "arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/" + key;

        kmsError(() -> kms.describeKey(b -> b.keyId("1234abcd-12ab-34cd-56ef-1234567890ab")), "NotFoundException", 404);
        kmsError(() -> kms.describeKey(b -> b.keyId("alias/none")), "NotFoundException", 404);
        kmsError(() -> kms.describeKey(b -> b.keyId(otherRegion)), "NotFoundException", 404);
        kmsError(() -> kms.describeKey(b -> b.keyId("arn:aws:kms:broken")), "InvalidArnException");
    }

    @Test
    void keysOfADisconnectedStoreAreUnavailableAndComeBackInTheirOwnState() {
        String store = connectedCloudHsm("k-unavailable");
        String enabled = cloudHsmKey(store);
        String disabled = cloudHsmKey(store);
        String enabledLater = cloudHsmKey(store);
        kms.disableKey(b -> b.keyId(disabled));

        disconnectAndAwait(store);
        var unavailable = kms.describeKey(b -> b.keyId(enabled)).keyMetadata();
        assertThat(unavailable.keyState()).isEqualTo(KeyState.UNAVAILABLE);
        assertThat(unavailable.enabled()).isFalse();
        // Accepted while unavailable; visible after the reconnect.
        kms.disableKey(b -> b.keyId(enabledLater));
        assertThat(kms.describeKey(b -> b.keyId(enabledLater)).keyMetadata().keyState())
            .isEqualTo(KeyState.UNAVAILABLE);
        connectAndAwait(store, ConnectionStateType.CONNECTED);

        assertThat(kms.describeKey(b -> b.keyId(enabled)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
        assertThat(kms.describeKey(b -> b.keyId(disabled)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
        assertThat(kms.describeKey(b -> b.keyId(enabledLater)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void aKeyPendingDeletionStaysPendingDeletionWhileItsStoreIsDisconnected() {
        String store = connectedCloudHsm("k-pending-disc");
        String key = cloudHsmKey(store);
        disconnectAndAwait(store);

        kms.scheduleKeyDeletion(b -> b.keyId(key).pendingWindowInDays(7));

        var metadata = kms.describeKey(b -> b.keyId(key)).keyMetadata();
        assertThat(metadata.keyState()).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(metadata.deletionDate()).isNotNull();
    }

    // --- cryptography

    @Test
    void encryptAndDecryptRoundTripWithTheEncryptionContextAndWithoutKeyId() {
        String key = cloudHsmKey(connectedCloudHsm("k-roundtrip"));

        var encrypted = kms.encrypt(b -> b.keyId(key).plaintext(bytes("salary data")).encryptionContext(CONTEXT));
        var decrypted = kms.decrypt(b -> b.ciphertextBlob(encrypted.ciphertextBlob()).encryptionContext(CONTEXT));

        assertThat(encrypted.keyId()).endsWith(":key/" + key);
        assertThat(encrypted.encryptionAlgorithm()).isEqualTo(EncryptionAlgorithmSpec.SYMMETRIC_DEFAULT);
        assertThat(decrypted.plaintext().asUtf8String()).isEqualTo("salary data");
        assertThat(decrypted.keyId()).isEqualTo(encrypted.keyId());
    }

    @Test
    void encryptingTwiceGivesDifferentCiphertexts() {
        String key = cloudHsmKey(connectedCloudHsm("k-random"));

        var first = kms.encrypt(b -> b.keyId(key).plaintext(bytes("same")));
        var second = kms.encrypt(b -> b.keyId(key).plaintext(bytes("same")));

        assertThat(first.ciphertextBlob()).isNotEqualTo(second.ciphertextBlob());
    }

    @Test
    void anotherEncryptionContextDoesNotDecrypt() {
        String key = cloudHsmKey(connectedCloudHsm("k-context"));
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x")).encryptionContext(CONTEXT)).ciphertextBlob();

        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("purpose", "test"))),
                "InvalidCiphertextException");
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "InvalidCiphertextException");
        kmsError(() -> kms
            .decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("purpose", "test", "department", "Finance"))),
                "InvalidCiphertextException");
    }

    @Test
    void aTamperedCiphertextIsInvalid() {
        String key = cloudHsmKey(connectedCloudHsm("k-tamper"));
        byte[] blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("tamper me"))).ciphertextBlob().asByteArray();

        for (int position : new int[] { 0, 5, 40, blob.length / 2, blob.length - 1 }) {
            byte[] tampered = blob.clone();
            tampered[position] ^= 0x01;
            kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(tampered))),
                    "InvalidCiphertextException");
        }
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(new byte[] { 1, 2, 3 }))),
                "InvalidCiphertextException");
    }

    @Test
    void aCiphertextNamesItsKeyAndNoOtherKeyDecryptsIt() {
        String store = connectedCloudHsm("k-two-keys");
        String first = cloudHsmKey(store);
        String second = cloudHsmKey(store);
        byte[] blob = kms.encrypt(b -> b.keyId(first).plaintext(bytes("x"))).ciphertextBlob().asByteArray();

        kmsError(() -> kms.decrypt(b -> b.keyId(second).ciphertextBlob(SdkBytes.fromByteArray(blob))),
                "IncorrectKeyException");
        // The same blob under the other key's ID (same HSM cluster, other key material).
        byte[] moved = blob.clone();
        System.arraycopy(second.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, moved, 1, 36);
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(SdkBytes.fromByteArray(moved))), "InvalidCiphertextException");
        assertThat(kms.decrypt(b -> b.keyId(first).ciphertextBlob(SdkBytes.fromByteArray(blob)))
            .plaintext()
            .asUtf8String()).isEqualTo("x");
    }

    @Test
    void thePlaintextMayHave4096BytesButNotMore() {
        String key = cloudHsmKey(connectedCloudHsm("k-size"));

        var blob = kms.encrypt(b -> b.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4096]))).ciphertextBlob();
        assertThat(blob.asByteArray().length).isLessThanOrEqualTo(6144);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asByteArray()).hasSize(4096);
        kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[4097]))),
                "ValidationException");
        kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(SdkBytes.fromByteArray(new byte[0]))),
                "ValidationException");
    }

    @Test
    void generateDataKeyReturnsAKeyAndItsEncryptedCopy() {
        String key = cloudHsmKey(connectedCloudHsm("k-datakey"));

        var aes256 = kms.generateDataKey(b -> b.keyId(key).keySpec(DataKeySpec.AES_256).encryptionContext(CONTEXT));
        var aes128 = kms.generateDataKey(b -> b.keyId(key).keySpec(DataKeySpec.AES_128));

        assertThat(aes256.plaintext().asByteArray()).hasSize(32).isNotEqualTo(new byte[32]);
        assertThat(aes128.plaintext().asByteArray()).hasSize(16);
        assertThat(aes256.keyId()).endsWith(key);
        assertThat(kms.decrypt(b -> b.ciphertextBlob(aes256.ciphertextBlob()).encryptionContext(CONTEXT)).plaintext())
            .isEqualTo(aes256.plaintext());
    }

    @Test
    void numberOfBytesRangesFrom1To1024() {
        String key = cloudHsmKey(connectedCloudHsm("k-bytes"));

        assertThat(kms.generateDataKey(b -> b.keyId(key).numberOfBytes(1)).plaintext().asByteArray()).hasSize(1);
        assertThat(kms.generateDataKey(b -> b.keyId(key).numberOfBytes(1024)).plaintext().asByteArray()).hasSize(1024);
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).numberOfBytes(1025)), "ValidationException");
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).numberOfBytes(0)), "ValidationException");
    }

    @Test
    void generateDataKeyNeedsExactlyOneOfKeySpecAndNumberOfBytes() {
        String key = cloudHsmKey(connectedCloudHsm("k-onespec"));

        kmsError(() -> kms.generateDataKey(b -> b.keyId(key)), "ValidationException");
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).keySpec(DataKeySpec.AES_256).numberOfBytes(32)),
                "ValidationException");
    }

    @Test
    void generateDataKeyWithoutPlaintextReturnsOnlyTheEncryptedCopy() {
        String key = cloudHsmKey(connectedCloudHsm("k-noplain"));

        var response = kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key).keySpec(DataKeySpec.AES_256));

        assertThat(kms.decrypt(b -> b.ciphertextBlob(response.ciphertextBlob())).plaintext().asByteArray()).hasSize(32);
        assertThat(response.keyId()).endsWith(key);
    }

    @Test
    void aDisabledKeyIsRefusedWithDisabledException() {
        String key = cloudHsmKey(connectedCloudHsm("k-disabled"));
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        kms.disableKey(b -> b.keyId(key));
        String arn = kms.describeKey(b -> b.keyId(key)).keyMetadata().arn();

        var error = kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "DisabledException", 409);
        assertThat(message(error)).isEqualTo(arn + " is disabled.");
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "DisabledException", 409);
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).numberOfBytes(8)), "DisabledException", 409);
        kmsError(() -> kms.generateDataKeyWithoutPlaintext(b -> b.keyId(key).numberOfBytes(8)), "DisabledException",
                409);
    }

    @Test
    void aKeyPendingDeletionIsRefusedWithKmsInvalidState() {
        String key = cloudHsmKey(connectedCloudHsm("k-pending"));
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        String arn = kms.scheduleKeyDeletion(b -> b.keyId(key)).keyId();

        var error = kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException",
                409);
        assertThat(message(error)).isEqualTo(arn + " is pending deletion.");
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "KMSInvalidStateException", 409);
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).numberOfBytes(8)), "KMSInvalidStateException", 409);
    }

    @Test
    void aKeyOfADisconnectedStoreIsUnavailable() {
        String store = connectedCloudHsm("k-store-down");
        String key = cloudHsmKey(store);
        var blob = kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))).ciphertextBlob();
        String arn = kms.describeKey(b -> b.keyId(key)).keyMetadata().arn();
        disconnectAndAwait(store);

        var error = kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException",
                409);
        assertThat(message(error)).isEqualTo(arn + " is unavailable.");
        kmsError(() -> kms.decrypt(b -> b.ciphertextBlob(blob)), "KMSInvalidStateException", 409);
        kmsError(() -> kms.generateDataKey(b -> b.keyId(key).numberOfBytes(8)), "KMSInvalidStateException", 409);
    }

    @Test
    void aClusterWithoutActiveHsmsCannotEncrypt() {
        String store = connectedCloudHsm("k-no-hsm");
        String key = cloudHsmKey(store);
        new SimulatedWorldChanges(jdbc).clusterBecomes(store, INACTIVE_CLUSTER);

        kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x"))), "KMSInvalidStateException", 409);
        assertThat(kms.describeKey(b -> b.keyId(key)).keyMetadata().keyState()).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void onlyTheSymmetricAlgorithmApplies() {
        String key = cloudHsmKey(connectedCloudHsm("k-algorithm"));

        kmsError(() -> kms.encrypt(b -> b.keyId(key)
            .plaintext(bytes("x"))
            .encryptionAlgorithm(EncryptionAlgorithmSpec.RSAES_OAEP_SHA_256)), "InvalidKeyUsageException");
    }

    @Test
    void aDryRunThatWouldSucceedSaysSo() {
        String key = cloudHsmKey(connectedCloudHsm("k-dryrun"));

        kmsError(() -> kms.encrypt(b -> b.keyId(key).plaintext(bytes("x")).dryRun(true)), "DryRunOperationException",
                412);
    }

}
