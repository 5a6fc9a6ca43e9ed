package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A secret cannot become a plain parameter; a replaced secret keeps only its keyed
 * fingerprint.
 */
class AuditParameterTest {

    private final SecretFingerprinter fingerprinter = new SecretFingerprinter(AuditFixture.FINGERPRINT_KEY, false,
            JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:unused")), Clock.systemUTC());

    @Test
    void aPlainParameterNamedLikeASecretIsRefused() {
        for (String name : new String[] { "KeyStorePassword", "XksProxyAuthenticationCredential.RawSecretAccessKey",
                "newPASSWORD", "clientSecret" }) {
            assertThatThrownBy(() -> AuditParameter.changed(name, null, "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretReplaced");
            assertThatThrownBy(() -> AuditParameter.value(name, "x")).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(AuditParameter.changed("XksProxyAuthenticationCredential.AccessKeyId", "A", "B").after())
            .isEqualTo("B");
    }

    @Test
    void aReplacedSecretHoldsOnlyItsFingerprint() {
        var parameter = fingerprinter.secretReplaced("KeyStorePassword", "Finance2026");
        assertThat(parameter.fingerprint()).matches("hmac-sha256:[0-9a-f]{8}:[0-9a-f]{64}");
        assertThat(parameter.toString()).doesNotContain("Finance2026");
        assertThat(AuditJson.parameters(java.util.List.of(parameter))).doesNotContain("Finance2026");
        assertThat(parameter.before()).isNull();
        assertThat(parameter.after()).isNull();
        assertThat(parameter.value()).isNull();
    }

    @Test
    void aSecretFingerprintCannotBeForgedFromArbitraryText() {
        assertThatThrownBy(() -> AuditParameter.secretReplaced("KeyStorePassword", "Finance2026"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theFingerprintIsAnHmacUnderTheConfiguredKey() throws Exception {
        var mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(AuditFixture.FINGERPRINT_KEY.getBytes(StandardCharsets.UTF_8),
                "HmacSHA256"));
        String expected = java.util.HexFormat.of()
            .formatHex(mac.doFinal("Finance2026".getBytes(StandardCharsets.UTF_8)));
        assertThat(fingerprinter.fingerprint("Finance2026")).endsWith(":" + expected);
        assertThat(
                fingerprinter.secretReplaced("p", java.nio.CharBuffer.wrap("Finance2026".toCharArray())).fingerprint())
            .isEqualTo(fingerprinter.fingerprint("Finance2026"));
    }

    @Test
    void anUploadedFileIsRecordedByNameSizeAndSha256() {
        var file = AuditParameter.uploadedFile("proxyConfiguration", "tenant-a.json", 7,
                "5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22");
        assertThat(file.size()).isEqualTo(7);
        assertThat(file.sha256()).isEqualTo("5041bf1f713df204784353e82f6a4a535931cb64f1f4b4a5aeaffcb720918b22");
        assertThat(file.fileName()).isEqualTo("tenant-a.json");
        assertThatThrownBy(() -> AuditParameter.uploadedFile("f", "x", 1, "NOT-HEX"))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overLongValuesAreCutVisibly() {
        var parameter = AuditParameter.changed("TrustAnchorCertificate", null, "A".repeat(10_000));
        assertThat(parameter.after()).hasSize(AuditParameter.MAX_VALUE_LENGTH).endsWith("[cut: 10000 characters]");
    }

    @Test
    void inAwsModeTheFingerprintKeyIsRequiredAndMustBeLongEnough() {
        var jdbc = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:unused"));
        assertThatThrownBy(() -> new SecretFingerprinter(null, true, jdbc, Clock.systemUTC()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("required in aws mode");
        assertThatThrownBy(() -> new SecretFingerprinter("x".repeat(31), true, jdbc, Clock.systemUTC()))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("at least 32");
        assertThat(new SecretFingerprinter("x".repeat(32), true, jdbc, Clock.systemUTC()).fingerprint("s"))
            .startsWith("hmac-sha256:");
    }

}
