package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The simulated clusters' trust anchors are real X.509 CA certificates, as OpenSSL makes
 * them for CloudHSM.
 */
class ClusterCertificateAuthorityTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:15:30.500Z");

    @Test
    void aTrustAnchorIsASelfSignedCaCertificateValidForTenYears() throws Exception {
        String pem = ClusterCertificateAuthority.issue("F", NOW);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("-----END CERTIFICATE-----\n");
        var certificate = parse(pem);
        assertThat(certificate.getSubjectX500Principal().getName())
            .isEqualTo("CN=customerCA backup family F,OU=Simulated CloudHSM,O=Custom Key Store Console sandbox,C=US");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        certificate.verify(certificate.getPublicKey()); // signed with its own key
        assertThat(certificate.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-12-04T10:15:30Z"));
        assertThat(certificate.getNotAfter().toInstant())
            .isEqualTo(Instant.parse("2026-12-04T10:15:30Z").plus(ClusterCertificateAuthority.VALIDITY));
        assertThat(certificate.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(certificate.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(certificate.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(certificate.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(pem.length()).as("within KMS's 5000 characters").isLessThan(5000);
    }

    @Test
    void everyTrustAnchorHasItsOwnKeyAndSerialNumber() throws Exception {
        var first = parse(ClusterCertificateAuthority.issue("F", NOW));
        var second = parse(ClusterCertificateAuthority.issue("F", NOW));

        assertThat(second.getPublicKey()).isNotEqualTo(first.getPublicKey());
        assertThat(second.getSerialNumber()).isNotEqualTo(first.getSerialNumber());
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

}
