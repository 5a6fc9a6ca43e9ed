package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;

import com.cksconsole.support.AwsCli;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Every key operation of the sandbox through the real AWS CLI, as a custodian would try
 * them: a CloudHSM key's whole life (create, describe, alias, encrypt and decrypt with an
 * encryption context, data key, disable, enable, describe, tags, schedule and cancel the
 * deletion) and an external key through the sandbox XKS proxy. Its own database, so that
 * the keys it leaves do not meet other tests.
 */
@ConsoleApplicationTest
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:sandbox-keys-cli;DB_CLOSE_DELAY=-1")
class SandboxKeysCliTest {

    /** The seeded CONNECTED CloudHSM key store of the default account. */
    private static final String FINANCE_HSM = "cks-5f3a9c0e1d2b4a687";

    /** The seeded CONNECTED external key store (proxy path /tenant-a). */
    private static final String TENANT_A_XKS = "cks-2d9c6a1f8e4b7035c";

    @LocalServerPort
    int port;

    private AwsCli aws;

    @BeforeEach
    void cli() {
        aws = AwsCli.against(port);
    }

    private JsonNode ok(String... args) {
        var result = aws.run("kms", args);
        assertThat(result.exitCode()).as(String.join(" ", args) + ": " + result.stderr()).isZero();
        return result.stdout().isBlank() ? null : result.json();
    }

    private String refused(String... args) {
        var result = aws.run("kms", args);
        assertThat(result.exitCode()).as(String.join(" ", args)).isNotZero();
        return result.stderr();
    }

    private static Path file(byte[] content) throws IOException {
        Path path = Files.createTempFile("cli-", ".bin");
        path.toFile().deleteOnExit();
        Files.write(path, content);
        return path;
    }

    @Test
    void aCloudHsmKeyLivesItsWholeLifeThroughTheCli() throws IOException {
        JsonNode created = ok("create-key", "--custom-key-store-id", FINANCE_HSM, "--origin", "AWS_CLOUDHSM",
                "--description", "made by the CLI test", "--tags", "TagKey=owner,TagValue=cli");
        String keyId = created.get("KeyMetadata").get("KeyId").asString();
        assertThat(created.get("KeyMetadata").get("CustomKeyStoreId").asString()).isEqualTo(FINANCE_HSM);
        assertThat(created.get("KeyMetadata").get("Origin").asString()).isEqualTo("AWS_CLOUDHSM");
        assertThat(created.get("KeyMetadata").get("CloudHsmClusterId").asString()).isEqualTo("cluster-jxhlf7644ne");

        ok("create-alias", "--alias-name", "alias/cli/payroll", "--target-key-id", keyId);
        JsonNode described = ok("describe-key", "--key-id", "alias/cli/payroll");
        assertThat(described.get("KeyMetadata").get("KeyId").asString()).isEqualTo(keyId);
        assertThat(described.get("KeyMetadata").get("KeyState").asString()).isEqualTo("Enabled");
        JsonNode aliases = ok("list-aliases", "--key-id", keyId);
        assertThat(aliases.get("Aliases").get(0).get("AliasName").asString()).isEqualTo("alias/cli/payroll");
        JsonNode keys = ok("list-keys");
        assertThat(keys.get("Keys").toString()).contains(keyId);

        byte[] plaintext = "salary file 2026-12".getBytes(StandardCharsets.UTF_8);
        JsonNode encrypted = ok("encrypt", "--key-id", "alias/cli/payroll", "--plaintext", "fileb://" + file(plaintext),
                "--encryption-context", "purpose=cli-test");
        Path blob = file(Base64.getDecoder().decode(encrypted.get("CiphertextBlob").asString()));
        JsonNode decrypted = ok("decrypt", "--ciphertext-blob", "fileb://" + blob, "--encryption-context",
                "purpose=cli-test");
        assertThat(Base64.getDecoder().decode(decrypted.get("Plaintext").asString())).isEqualTo(plaintext);
        assertThat(decrypted.get("KeyId").asString()).endsWith(keyId);
        assertThat(refused("decrypt", "--ciphertext-blob", "fileb://" + blob, "--encryption-context", "purpose=other"))
            .contains("InvalidCiphertextException");
        JsonNode dataKey = ok("generate-data-key", "--key-id", keyId, "--number-of-bytes", "32");
        assertThat(Base64.getDecoder().decode(dataKey.get("Plaintext").asString())).hasSize(32);

        ok("disable-key", "--key-id", keyId);
        assertThat(refused("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + file(plaintext)))
            .contains("DisabledException");
        ok("enable-key", "--key-id", keyId);
        ok("update-key-description", "--key-id", keyId, "--description", "described again");
        assertThat(ok("describe-key", "--key-id", keyId).get("KeyMetadata").get("Description").asString())
            .isEqualTo("described again");
        ok("tag-resource", "--key-id", keyId, "--tags", "TagKey=data-class,TagValue=confidential");
        assertThat(ok("list-resource-tags", "--key-id", keyId).get("Tags").toString()).contains("owner")
            .contains("data-class");
        ok("untag-resource", "--key-id", keyId, "--tag-keys", "owner");
        assertThat(ok("list-resource-tags", "--key-id", keyId).get("Tags").toString()).doesNotContain("owner");

        assertThat(refused("schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "6"))
            .contains("ValidationException");
        JsonNode scheduled = ok("schedule-key-deletion", "--key-id", keyId, "--pending-window-in-days", "7");
        assertThat(scheduled.get("KeyState").asString()).isEqualTo("PendingDeletion");
        assertThat(scheduled.get("PendingWindowInDays").asInt()).isEqualTo(7);
        ok("cancel-key-deletion", "--key-id", keyId);
        assertThat(ok("describe-key", "--key-id", keyId).get("KeyMetadata").get("KeyState").asString())
            .isEqualTo("Disabled");
        ok("delete-alias", "--alias-name", "alias/cli/payroll");
        assertThat(refused("describe-key", "--key-id", "alias/cli/payroll")).contains("NotFoundException");
    }

    @Test
    void anExternalKeyIsCreatedOnlyForAnUsableExternalKeyAndEncryptsThroughTheProxy() throws IOException {
        assertThat(refused("create-key", "--custom-key-store-id", TENANT_A_XKS, "--origin", "EXTERNAL_KEY_STORE",
                "--xks-key-id", "tenant-a-disabled"))
            .contains("XksKeyInvalidConfigurationException");
        assertThat(refused("create-key", "--custom-key-store-id", TENANT_A_XKS, "--origin", "EXTERNAL_KEY_STORE",
                "--xks-key-id", "no-such-key"))
            .contains("XksKeyNotFoundException");
        assertThat(refused("create-key", "--custom-key-store-id", TENANT_A_XKS, "--origin", "EXTERNAL_KEY_STORE",
                "--xks-key-id", "tenant-a-aes-1"))
            .as("the seeded key already uses it")
            .contains("XksKeyAlreadyInUseException");

        JsonNode created = ok("create-key", "--custom-key-store-id", TENANT_A_XKS, "--origin", "EXTERNAL_KEY_STORE",
                "--xks-key-id", "tenant-a-aes-2");
        String keyId = created.get("KeyMetadata").get("KeyId").asString();
        assertThat(created.get("KeyMetadata").get("XksKeyConfiguration").get("Id").asString())
            .isEqualTo("tenant-a-aes-2");

        byte[] plaintext = "orders of tenant A".getBytes(StandardCharsets.UTF_8);
        JsonNode encrypted = ok("encrypt", "--key-id", keyId, "--plaintext", "fileb://" + file(plaintext));
        Path blob = file(Base64.getDecoder().decode(encrypted.get("CiphertextBlob").asString()));
        JsonNode decrypted = ok("decrypt", "--ciphertext-blob", "fileb://" + blob);
        assertThat(Base64.getDecoder().decode(decrypted.get("Plaintext").asString())).isEqualTo(plaintext);
    }

}
