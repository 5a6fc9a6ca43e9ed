package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.Secret;

/**
 * The shape of a monitoring credential: the XksProxyAuthenticationCredential rules of KMS
 * (KMS API Reference, CreateCustomKeyStore), at their boundaries.
 */
class MonitoringCredentialTest {

    static final String SECRET_43 = "a".repeat(43);

    static final String ACCESS_KEY_ID_20 = "A".repeat(20);

    @Test
    void accessKeyIdOf20To30CharactersIsAccepted() {
        assertThat(new MonitoringCredential("A".repeat(20), Secret.of(SECRET_43)).accessKeyId()).hasSize(20);
        assertThat(new MonitoringCredential("B".repeat(30), Secret.of(SECRET_43)).accessKeyId()).hasSize(30);
    }

    @Test
    void accessKeyIdOf19CharactersIsRefused() {
        assertThatThrownBy(() -> new MonitoringCredential("A".repeat(19), Secret.of(SECRET_43)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("greater than or equal to 20");
    }

    @Test
    void accessKeyIdOf31CharactersIsRefused() {
        assertThatThrownBy(() -> new MonitoringCredential("A".repeat(31), Secret.of(SECRET_43)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("less than or equal to 30");
    }

    @Test
    void accessKeyIdOutsideBase32AlphabetIsRefused() {
        assertThatThrownBy(() -> new MonitoringCredential("A".repeat(19) + "1", Secret.of(SECRET_43)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("pattern");
    }

    @Test
    void secretOf43To64CharactersIsAccepted() {
        assertThat(new MonitoringCredential(ACCESS_KEY_ID_20, Secret.of("a".repeat(43))).secretAccessKey().reveal())
            .hasSize(43);
        assertThat(new MonitoringCredential(ACCESS_KEY_ID_20, Secret.of("b/+=".repeat(16))).secretAccessKey().reveal())
            .hasSize(64);
    }

    @Test
    void secretOf42CharactersIsRefusedWithoutEchoingIt() {
        String secret = "s".repeat(42);
        assertThatThrownBy(() -> new MonitoringCredential(ACCESS_KEY_ID_20, Secret.of(secret)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("greater than or equal to 43")
            .hasMessageNotContaining(secret);
    }

    @Test
    void secretOf65CharactersIsRefusedWithoutEchoingIt() {
        String secret = "s".repeat(65);
        assertThatThrownBy(() -> new MonitoringCredential(ACCESS_KEY_ID_20, Secret.of(secret)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("less than or equal to 64")
            .hasMessageNotContaining(secret);
    }

    @Test
    void toStringShowsTheAccessKeyIdButNeverTheSecret() {
        String secret = "c2VjcmV0LW9mLXRoZS1tb25pdG9yaW5nLWNyZWRlbnRpYWw";
        assertThat(new MonitoringCredential(ACCESS_KEY_ID_20, Secret.of(secret)).toString()).contains(ACCESS_KEY_ID_20)
            .doesNotContain(secret);
    }

}
