package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * KMS keys live in the sandbox database: the example keys of the seeded stores, and keys,
 * aliases, tags, states and ciphertexts across a restart (the key material is derived
 * from a secret kept in the database, so an old ciphertext still decrypts).
 */
class KeyPersistenceTest {

    @TempDir
    Path directory;

    private final SandboxApplications applications = new SandboxApplications();

    @AfterEach
    void stopApplications() {
        applications.close();
    }

    private String h2File() {
        return "jdbc:h2:file:" + directory.resolve("console").toAbsolutePath();
    }

    @Test
    void theConnectedSeededStoresHoldExampleKeys() {
        var app = applications.start(h2File());

        try (KmsClient kms = SandboxApplications.kms(app, "us-east-1")) {
            var payroll = kms.describeKey(b -> b.keyId("alias/finance/payroll")).keyMetadata();
            assertThat(payroll.keyId()).isEqualTo("5c1f7a3e-2b9d-4e61-8a0f-3d7c9e5b1a42");
            assertThat(payroll.customKeyStoreId()).isEqualTo("cks-5f3a9c0e1d2b4a687");
            assertThat(payroll.origin()).isEqualTo(OriginType.AWS_CLOUDHSM);
            assertThat(payroll.keyState()).isEqualTo(KeyState.ENABLED);
            assertThat(kms.listResourceTags(b -> b.keyId(payroll.keyId())).tags())
                .contains(Tag.builder().tagKey("team").tagValue("finance").build());
            assertThat(kms.describeKey(b -> b.keyId("alias/finance/ledger-2024")).keyMetadata().keyState())
                .isEqualTo(KeyState.DISABLED);
            var orders = kms.describeKey(b -> b.keyId("alias/tenant-a/orders")).keyMetadata();
            assertThat(orders.origin()).isEqualTo(OriginType.EXTERNAL_KEY_STORE);
            assertThat(orders.xksKeyConfiguration().id()).isEqualTo("tenant-a-aes-1");
            assertThat(kms.listKeys().keys()).hasSize(3);
            // The seeded CloudHSM key works.
            var blob = kms.encrypt(b -> b.keyId("alias/finance/payroll").plaintext(SdkBytes.fromUtf8String("x")))
                .ciphertextBlob();
            assertThat(kms.decrypt(b -> b.ciphertextBlob(blob)).plaintext().asUtf8String()).isEqualTo("x");
        }
    }

    @Test
    void keysAliasesTagsStatesAndCiphertextsSurviveARestart() {
        String url = h2File();
        String region = SandboxKmsTestSupport.newRegion();
        var first = applications.start(url);
        String key;
        String disabled;
        SdkBytes blob;
        try (KmsClient kms = SandboxApplications.kms(first, region)) {
            var aws = first.getBean(SimulatedAws.class);
            String store = SandboxPersistenceTest.connectedSpareStore(kms, aws, "p-keys");
            key = kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM).description("kept"))
                .keyMetadata()
                .keyId();
            disabled = kms.createKey(b -> b.customKeyStoreId(store).origin(OriginType.AWS_CLOUDHSM))
                .keyMetadata()
                .keyId();
            kms.disableKey(b -> b.keyId(disabled));
            kms.createAlias(b -> b.aliasName("alias/kept").targetKeyId(key));
            kms.tagResource(b -> b.keyId(key).tags(Tag.builder().tagKey("team").tagValue("x").build()));
            blob = kms
                .encrypt(b -> b.keyId(key)
                    .plaintext(SdkBytes.fromUtf8String("survives"))
                    .encryptionContext(Map.of("k", "v")))
                .ciphertextBlob();
        }
        applications.stop(first);

        var second = applications.start(url);
        try (KmsClient kms = SandboxApplications.kms(second, region)) {
            var metadata = kms.describeKey(b -> b.keyId("alias/kept")).keyMetadata();
            assertThat(metadata.keyId()).isEqualTo(key);
            assertThat(metadata.description()).isEqualTo("kept");
            assertThat(kms.describeKey(b -> b.keyId(disabled)).keyMetadata().keyState()).isEqualTo(KeyState.DISABLED);
            assertThat(kms.listAliases().aliases()).extracting(AliasListEntry::aliasName).containsExactly("alias/kept");
            assertThat(kms.listResourceTags(b -> b.keyId(key)).tags()).hasSize(1);
            assertThat(kms.decrypt(b -> b.ciphertextBlob(blob).encryptionContext(Map.of("k", "v")))
                .plaintext()
                .asUtf8String()).isEqualTo("survives");
        }
    }

}
