package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.TrustAnchor.Problem;

/**
 * The strict reading of an uploaded customerCA.crt and its comparison with a cluster
 * certificate.
 */
class TrustAnchorTest {

    private static final Certificates.Family FAMILY = Certificates.family("P");

    @Test
    void oneCertificateInPemIsATrustAnchorWithSubjectIssuerValidityAndFingerprint() {
        TrustAnchor.Parsed parsed = TrustAnchor.parse(bytes(FAMILY.trustAnchor()));

        assertThat(parsed.problem()).isNull();
        TrustAnchor anchor = parsed.anchor();
        assertThat(anchor).isNotNull();
        assertThat(anchor.summary().subject()).isEqualTo("CN=customerCA P, O=Test, C=US");
        assertThat(anchor.summary().issuer()).isEqualTo(anchor.summary().subject());
        assertThat(anchor.summary().notBefore()).isBefore(Instant.now());
        assertThat(anchor.summary().notAfter()).isAfter(Instant.now());
        assertThat(anchor.summary().sha256()).matches("([0-9A-F]{2}:){31}[0-9A-F]{2}");
        assertThat(anchor.summary().expiredAt(Instant.now())).isFalse();
    }

    @Test
    void twoCertificatesAreRefused() {
        assertThat(TrustAnchor.parse(bytes(FAMILY.trustAnchor() + FAMILY.clusterCertificate())).problem())
            .isEqualTo(Problem.NOT_ONE_CERTIFICATE);
    }

    @Test
    void aCertificateWithAKeyIsRefused() {
        String key = "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n"
                + "-----END PRIVATE KEY-----\n";
        assertThat(TrustAnchor.parse(bytes(FAMILY.trustAnchor() + key)).problem())
            .isEqualTo(Problem.NOT_ONE_CERTIFICATE);
    }

    @Test
    void textThatIsNotPemIsRefused() {
        assertThat(TrustAnchor.parse(bytes("just some text, no certificate")).problem()).isEqualTo(Problem.NOT_PEM);
        String body = FAMILY.trustAnchor()
            .replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        assertThat(TrustAnchor.parse(der).problem()).isEqualTo(Problem.NOT_PEM);
        assertThat(TrustAnchor.parse(bytes("Some words\n" + FAMILY.trustAnchor())).problem())
            .isEqualTo(Problem.NOT_PEM);
    }

    @Test
    void aPemBlockThatIsNotACertificateIsRefused() {
        assertThat(TrustAnchor.parse(bytes("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")).problem())
            .isEqualTo(Problem.NOT_A_CERTIFICATE);
    }

    @Test
    void anEmptyFileIsRefused() {
        assertThat(TrustAnchor.parse(new byte[0]).problem()).isEqualTo(Problem.EMPTY);
        assertThat(TrustAnchor.parse(bytes("\n \n")).problem()).isEqualTo(Problem.EMPTY);
    }

    @Test
    void anUploadOfTheMaximumSizeIsReadOneByteMoreIsRefused() {
        String pem = FAMILY.trustAnchor();
        String atMaximum = pem + "\n".repeat(TrustAnchor.MAX_BYTES - pem.length());
        assertThat(bytes(atMaximum)).hasSize(TrustAnchor.MAX_BYTES);

        assertThat(TrustAnchor.parse(bytes(atMaximum)).valid()).isTrue();
        assertThat(TrustAnchor.parse(bytes(atMaximum + "\n")).problem()).isEqualTo(Problem.TOO_LARGE);
    }

    @Test
    void anExpiredCertificateIsReadAndSaysItExpired() {
        Instant notBefore = Instant.now().minus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        var expired = Certificates.issue("X", notBefore, Duration.ofDays(10));

        TrustAnchor.Parsed parsed = TrustAnchor.parse(bytes(expired.trustAnchor()));

        assertThat(parsed.valid()).isTrue();
        assertThat(parsed.anchor().summary().expiredAt(Instant.now())).isTrue();
        assertThat(parsed.anchor().match(expired.clusterCertificate()).matches()).isTrue();
    }

    @Test
    void theAnchorThatSignedTheClusterCertificateMatches() {
        TrustAnchor anchor = TrustAnchor.parse(bytes(FAMILY.trustAnchor())).anchor();

        assertThat(anchor.match(FAMILY.clusterCertificate())).isEqualTo(new TrustAnchor.Match(true, ""));
    }

    @Test
    void anotherFamilysAnchorDoesNotMatch() {
        TrustAnchor other = TrustAnchor.parse(bytes(Certificates.family("Q").trustAnchor())).anchor();

        TrustAnchor.Match match = other.match(FAMILY.clusterCertificate());

        assertThat(match.matches()).isFalse();
        assertThat(match.reason()).contains("customerCA P", "customerCA Q");
    }

    @Test
    void aCaWithTheSameNameButAnotherKeyDoesNotMatch() {
        var impostor = Certificates.issue("P", Instant.now().truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(1));
        TrustAnchor anchor = TrustAnchor.parse(bytes(impostor.trustAnchor())).anchor();

        TrustAnchor.Match match = anchor.match(FAMILY.clusterCertificate());

        assertThat(match.matches()).isFalse();
        assertThat(match.reason()).contains("signature does not verify");
    }

    @Test
    void aClusterWithoutCertificateDoesNotMatch() {
        TrustAnchor anchor = TrustAnchor.parse(bytes(FAMILY.trustAnchor())).anchor();

        assertThat(anchor.match(null).matches()).isFalse();
        assertThat(anchor.match(null).reason()).contains("not been initialized");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

}
