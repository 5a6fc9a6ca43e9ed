package com.cksconsole.keystore;

import java.util.List;
import java.util.Optional;

/**
 * Holds a secret encrypted, so that a feature of this module can keep it in the database
 * for as long as it needs it (a guided change's new KeyStorePassword or XKS secret access
 * key, until its update step has sent it) and any console instance can take the work
 * over. Implemented by the health module over the monitoring credentials' envelope
 * encryption and key-encryption key (docs/security.md, "Where secrets are held"); this
 * module declares the port so that it does not depend on health (health depends on it).
 *
 * <p>
 * A sealed secret opens only with the purpose and binding it was sealed with (its
 * additional authenticated data), so a value copied onto another run or store does not
 * open.
 */
public interface SecretSealing {

    /** No key-encryption key: callers keep their secrets in memory only. */
    SecretSealing NONE = new SecretSealing() {

        @Override
        public boolean available() {
            return false;
        }

        @Override
        public Sealed seal(String purpose, List<String> binding, Secret secret) {
            throw new IllegalStateException("No key-encryption key is configured");
        }

        @Override
        public Optional<Secret> open(String purpose, List<String> binding, Sealed sealed) {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "SecretSealing.NONE";
        }
    };

    /**
     * Whether secrets can be sealed now (a key-encryption key is configured); without
     * one, callers keep them in memory only.
     */
    boolean available();

    /**
     * Encrypts {@code secret} bound to {@code purpose} and {@code binding}.
     * @throws IllegalStateException no key-encryption key is configured
     * @throws RuntimeException the key-encryption key could not be used (a KMS key KMS
     * would not use now)
     */
    Sealed seal(String purpose, List<String> binding, Secret secret);

    /**
     * The secret {@link #seal} was given; empty when it cannot be opened here: its
     * key-encryption key is not configured, or the purpose, binding or ciphertext differ
     * from those it was sealed with.
     */
    Optional<Secret> open(String purpose, List<String> binding, Sealed sealed);

    /**
     * A sealed secret as stored: AES-256-GCM under a fresh data key, the data key
     * encrypted under the key-encryption key named by {@code kekId} (all Base64 but the
     * ID). Holds nothing readable without that key.
     */
    record Sealed(String encryptedDataKey, String kekId, String iv, String ciphertext) {

        @Override
        public String toString() {
            return "Sealed[kekId=" + kekId + "]";
        }
    }

}
