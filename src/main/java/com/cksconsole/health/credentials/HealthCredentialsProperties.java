package com.cksconsole.health.credentials;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How monitoring credentials are encrypted.
 *
 * @param keyEncryptionKey the key-encryption key (KEK) that encrypts each credential's
 * data key: Base64 of 32 random bytes ({@code openssl rand -base64 32}), from the
 * environment or a secret store, never the database; the same on every instance. Required
 * in aws mode to store or read a monitoring credential. In sandbox mode, when unset, one
 * is generated at first use and kept in {@code key-directory} (owner-only file
 * permissions)
 * @param keyEncryptionKeyId the name stored with each row encrypted under
 * {@code key-encryption-key}; empty: derived from the key ({@code sha256-<16 hex>})
 * @param previousKeyEncryptionKeys earlier KEKs by ID (ID to Base64 of 32 bytes), only to
 * decrypt the rows a rotation has not re-encrypted yet; remove one once a rotation
 * reported no row left under it
 * @param keyDirectory where sandbox mode keeps the KEK it generates
 * ({@code health-credentials-kek.key}); not used for a configured KEK
 * @param kmsKeyId a KMS key (key ID, key ARN, alias name or alias ARN) to use as the
 * key-encryption key instead of {@code key-encryption-key}: each data key then comes from
 * GenerateDataKey and is opened with Decrypt, with the row's binding as encryption
 * context, so reading a credential needs KMS's permission and shows in CloudTrail. Meant
 * for aws mode; the sandbox serves the same operations. Empty: the configured AES key
 * @param kmsKeyTarget the name of the registered target (account and Region) whose KMS
 * holds {@code kms-key-id}, called with that target's role; empty: the default target
 * @param previousKmsKeyIds earlier KMS keys of the same target, only to decrypt rows a
 * rotation has not re-encrypted yet
 * @param rotate {@code true}: start, re-encrypt every data key under
 * {@code key-encryption-key}, report the counts and exit (exit status 0 when every row is
 * under it, 1 otherwise)
 */
@ConfigurationProperties("console.health.credentials")
record HealthCredentialsProperties(@Nullable String keyEncryptionKey, @DefaultValue("") String keyEncryptionKeyId,
        @DefaultValue Map<String, String> previousKeyEncryptionKeys, @DefaultValue("./data") Path keyDirectory,
        @DefaultValue("") String kmsKeyId, @DefaultValue("") String kmsKeyTarget,
        @DefaultValue List<String> previousKmsKeyIds, @DefaultValue("false") boolean rotate) {

    HealthCredentialsProperties {
        previousKmsKeyIds = List.copyOf(previousKmsKeyIds);
    }

    @Override
    public String toString() {
        return "HealthCredentialsProperties[keyEncryptionKey=" + (keyEncryptionKey == null ? "<unset>" : "<redacted>")
                + ", keyEncryptionKeyId=" + keyEncryptionKeyId + ", previousKeyEncryptionKeys="
                + previousKeyEncryptionKeys.keySet() + " (keys redacted), keyDirectory=" + keyDirectory + ", kmsKeyId="
                + kmsKeyId + ", kmsKeyTarget=" + kmsKeyTarget + ", previousKmsKeyIds=" + previousKmsKeyIds + ", rotate="
                + rotate + "]";
    }
}
