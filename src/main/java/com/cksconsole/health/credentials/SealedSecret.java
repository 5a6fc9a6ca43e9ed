package com.cksconsole.health.credentials;

import org.springframework.modulith.NamedInterface;

/**
 * A secret encrypted by {@link SecretSealer}: AES-256-GCM under a fresh data key, the
 * data key encrypted under the key-encryption key named by {@code kekId}. Holds nothing
 * readable without that key; safe to store in the database.
 */
@NamedInterface("sealed-secrets")
public record SealedSecret(String encryptedDataKey, String kekId, String iv, String ciphertext) {

    @Override
    public String toString() {
        return "SealedSecret[kekId=" + kekId + "]";
    }
}
