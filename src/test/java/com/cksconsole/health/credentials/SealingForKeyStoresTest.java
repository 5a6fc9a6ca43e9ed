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
 * The keystore module's sealing port over {@link SecretSealer}: what it seals opens with
 * the same purpose and binding only, and what does not open is empty (the guided change
 * then asks for the secret again) rather than an error.
 */
class SealingForKeyStoresTest {

    static final String SECRET = "Z3VpZGVkLWNoYW5nZS1zZWNyZXQtZm9yLXRoZS1wb3J0LXRlc3Q=";

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>(
            new KeyEncryptionKeys(MonitoringCredentialsTest.KEK_1, List.of()));

    private final SealingForKeyStores sealing = new SealingForKeyStores(
            new SecretSealer(keys::get, new EnvelopeCipher(new SecureRandom())));

    @Test
    void whatItSealsOpensWithItsPurposeAndBindingOnly() {
        var sealed = sealing.seal("guided", List.of("run-1", "store-1"), Secret.of(SECRET));

        assertThat(sealed.kekId()).isEqualTo("kek-1");
        assertThat(sealed.toString()).doesNotContain(SECRET).doesNotContain(sealed.ciphertext());
        assertThat(sealing.open("guided", List.of("run-1", "store-1"), sealed)).map(Secret::reveal).contains(SECRET);
        assertThat(sealing.open("guided", List.of("run-2", "store-1"), sealed)).isEmpty();
        assertThat(sealing.open("credential-rotation/new-secret", List.of("run-1", "store-1"), sealed)).isEmpty();
    }

    @Test
    void underAKeyNoLongerConfiguredItDoesNotOpen() {
        var sealed = sealing.seal("guided", List.of("run-1"), Secret.of(SECRET));
        keys.set(new KeyEncryptionKeys(MonitoringCredentialsTest.KEK_2, List.of()));

        assertThat(sealing.open("guided", List.of("run-1"), sealed)).isEmpty();
    }

    @Test
    void withoutAKeyEncryptionKeyItIsNotAvailableAndSealsNothing() {
        var none = new SealingForKeyStores(new SecretSealer(() -> {
            throw new IllegalStateException("console.health.credentials.key-encryption-key is required");
        }, new EnvelopeCipher(new SecureRandom())));

        assertThat(none.available()).isFalse();
        assertThatThrownBy(() -> none.seal("guided", List.of("run-1"), Secret.of(SECRET)))
            .isInstanceOf(IllegalStateException.class);
    }

}
