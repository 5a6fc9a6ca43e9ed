package com.cksconsole.health.credentials;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.cksconsole.audit.OwnerOnlyKeyFile;
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
        List<KeyEncryptionKey> previous = new ArrayList<>();
        for (Map.Entry<String, String> entry : properties.previousKeyEncryptionKeys().entrySet()) {
            previous.add(KeyEncryptionKey.ofBase64(entry.getKey(), entry.getValue(),
                    PREVIOUS_PROPERTY + "." + entry.getKey()));
        }
        return new KeyEncryptionKeys(current, previous);
    }

    private static String randomKey() {
        byte[] random = new byte[KeyEncryptionKey.LENGTH_BYTES];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

}
