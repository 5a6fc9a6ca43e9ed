package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.keystore.Secret;

/**
 * Secrets held for other features: sealed under the key-encryption key, opened only with
 * the purpose and binding they were sealed with, and never shown by {@code toString()}.
 */
class SecretSealerTest {

    static final String SECRET = "cm90YXRpb24tc2VjcmV0LWZvci10aGUtc2VhbGVyLXRlc3Q=";

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>(
            new KeyEncryptionKeys(MonitoringCredentialsTest.KEK_1, List.of()));

    private final SecretSealer sealer = new SecretSealer(keys::get, new EnvelopeCipher(new SecureRandom()));

    @Test
    void aSealedSecretOpensWithItsPurposeAndBinding() {
        var sealed = sealer.seal("rotation", List.of("run-1", "AKID"), Secret.of(SECRET));

        assertThat(sealer.open("rotation", List.of("run-1", "AKID"), sealed).reveal()).isEqualTo(SECRET);
        assertThat(sealed.toString()).doesNotContain(SECRET).doesNotContain(sealed.ciphertext());
        assertThat(sealed.ciphertext()).doesNotContain(SECRET);
    }

    @Test
    void anotherBindingOrPurposeDoesNotOpenIt() {
        var sealed = sealer.seal("rotation", List.of("run-1", "AKID"), Secret.of(SECRET));

        assertThatThrownBy(() -> sealer.open("rotation", List.of("run-2", "AKID"), sealed))
            .isInstanceOf(CredentialUnreadableException.class);
        assertThatThrownBy(() -> sealer.open("other", List.of("run-1", "AKID"), sealed))
            .isInstanceOf(CredentialUnreadableException.class);
        // Length-prefixed: moving a character from one value to the next is another
        // binding.
        assertThatThrownBy(() -> sealer.open("rotation", List.of("run-1A", "KID"), sealed))
            .isInstanceOf(CredentialUnreadableException.class);
    }

    @Test
    void aSecretUnderAKeyNoLongerConfiguredIsUnreadableAndSaysWhichKey() {
        var sealed = sealer.seal("rotation", List.of("run-1"), Secret.of(SECRET));
        keys.set(new KeyEncryptionKeys(MonitoringCredentialsTest.KEK_2, List.of()));

        assertThatThrownBy(() -> sealer.open("rotation", List.of("run-1"), sealed))
            .isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("'kek-1'");
    }

    @Test
    void withoutAKeyEncryptionKeyItIsNotAvailable() {
        var none = new SecretSealer(() -> {
            throw new IllegalStateException("console.health.credentials.key-encryption-key is required");
        }, new EnvelopeCipher(new SecureRandom()));

        assertThat(none.available()).isFalse();
        assertThat(sealer.available()).isTrue();
    }

}
