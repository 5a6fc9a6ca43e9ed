package com.cksconsole.health.credentials;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.cksconsole.audit.OwnerOnlyKeyFile;
import com.cksconsole.health.credentials.internal.Kek;
import com.cksconsole.health.credentials.internal.KeyEncryptionKey;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;

/**
 * The KEKs from {@code console.health.credentials.*}: configured (required in aws mode),
 * or in sandbox mode generated once and kept in an owner-only file, as the audit keys
 * are.
 */
final class KeyEncryptionKeyLoader {

    static final String PROPERTY = "console.health.credentials.key-encryption-key";

    static final String PREVIOUS_PROPERTY = "console.health.credentials.previous-key-encryption-keys";

    static final String KEK_FILE = "health-credentials-kek.key";

    private KeyEncryptionKeyLoader() {
    }

    static final String KMS_KEY_PROPERTY = "console.health.credentials.kms-key-id";

    /** Makes the KEK of a KMS key (of the configured target). */
    interface KmsKeks {

        Kek of(String keyId);

    }

    /**
     * The KEKs: a KMS key when {@code kms-key-id} is set (the configured AES keys, if
     * any, then only decrypt rows not yet rotated onto it), else the configured or
     * generated AES key.
     */
    static KeyEncryptionKeys load(HealthCredentialsProperties properties, boolean awsMode, KmsKeks kmsKeks) {
        if (properties.kmsKeyId().isBlank()) {
            return load(properties, awsMode);
        }
        List<Kek> previous = new ArrayList<>();
        String configured = properties.keyEncryptionKey();
        if (configured != null && !configured.isBlank()) {
            previous.add(KeyEncryptionKey.ofBase64(properties.keyEncryptionKeyId(), configured, PROPERTY));
        }
        previous.addAll(previousAesKeys(properties));
        for (String keyId : properties.previousKmsKeyIds()) {
            previous.add(kmsKeks.of(keyId));
        }
        return new KeyEncryptionKeys(kmsKeks.of(properties.kmsKeyId()), previous);
    }

    static KeyEncryptionKeys load(HealthCredentialsProperties properties, boolean awsMode) {
        String configured = properties.keyEncryptionKey();
        String base64;
        if (configured != null && !configured.isBlank()) {
            base64 = configured;
        }
        else if (awsMode) {
            throw new IllegalStateException(PROPERTY + " is required in aws mode to store or read monitoring "
                    + "credentials: set it to Base64 of 32 random bytes ('openssl rand -base64 32'), kept in your "
                    + "secret store and the same on every instance");
        }
        else {
            base64 = OwnerOnlyKeyFile.loadOrCreate(properties.keyDirectory().resolve(KEK_FILE), PROPERTY,
                    KeyEncryptionKeyLoader::randomKey);
        }
        var current = KeyEncryptionKey.ofBase64(properties.keyEncryptionKeyId(), base64, PROPERTY);
        return new KeyEncryptionKeys(current, previousAesKeys(properties));
    }

    private static List<Kek> previousAesKeys(HealthCredentialsProperties properties) {
        List<Kek> previous = new ArrayList<>();
        for (Map.Entry<String, String> entry : properties.previousKeyEncryptionKeys().entrySet()) {
            previous.add(KeyEncryptionKey.ofBase64(entry.getKey(), entry.getValue(),
                    PREVIOUS_PROPERTY + "." + entry.getKey()));
        }
        return previous;
    }

    private static String randomKey() {
        byte[] random = new byte[KeyEncryptionKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

}
