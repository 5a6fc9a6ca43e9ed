package com.cksconsole.audit;

import java.security.SecureRandom;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

/**
 * The chain key and the checkpoint signing key: configured (required in aws mode), or in
 * sandbox mode generated once and kept in owner-only files under
 * {@code console.audit.key-directory}. Never in the database.
 */
final class AuditKeys {

    static final String CHAIN_KEY_FILE = "audit-chain.key";
    static final String SIGNING_KEY_FILE = "audit-checkpoint-signing.key";

    private AuditKeys() {
    }

    static ChainKey chainKey(AuditProperties properties, boolean awsMode) {
        String configured = configured(properties.chainKey(), "console.audit.chain-key", awsMode,
                "Base64 of 32 random bytes ('openssl rand -base64 32')");
        return ChainKey.ofBase64(configured != null ? configured : OwnerOnlyKeyFile.loadOrCreate(
                properties.keyDirectory().resolve(CHAIN_KEY_FILE), "console.audit.chain-key", AuditKeys::randomKey));
    }

    static CheckpointKey checkpointKey(AuditProperties properties, boolean awsMode) {
        String configured = configured(properties.checkpointSigningKey(), "console.audit.checkpoint-signing-key",
                awsMode, "an Ed25519 private key ('openssl genpkey -algorithm ed25519 -outform DER | base64 -w0')");
        return CheckpointKey.ofPkcs8(configured != null ? configured
                : OwnerOnlyKeyFile.loadOrCreate(properties.keyDirectory().resolve(SIGNING_KEY_FILE),
                        "console.audit.checkpoint-signing-key", () -> CheckpointKey.generate().privateKeyBase64()));
    }

    private static @Nullable String configured(@Nullable String value, String property, boolean awsMode, String what) {
        if (value != null && !value.isBlank()) {
            return value;
        }
        if (awsMode) {
            throw new IllegalStateException(property + " is required in aws mode: set it to " + what
                    + ", kept in your secret store and the same on every instance");
        }
        return null;
    }

    private static String randomKey() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

}
