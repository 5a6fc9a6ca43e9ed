package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The seeded CloudHSM key stores carry their cluster's trust anchor, a real X.509
 * certificate, so the key store page shows its subject, issuer and validity instead of
 * "not readable as an X.509 certificate".
 */
@ConsoleApplicationTest
class SeededTrustAnchorApplicationTest {

    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
        .withZone(ZoneOffset.UTC);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    SimulatedAws aws;

    @Test
    void theSeededTrustAnchorIsACertificateWhoseSubjectIssuerAndValidityTheDetailPageShows() throws Exception {
        String pem = SeededKeyStores.of(context).describe(SeededKeyStores.FINANCE_HSM).trustAnchorCertificate();
        assertThat(pem).isEqualTo(aws.trustAnchor(aws.cluster("cluster-jxhlf7644ne").orElseThrow()));
        var certificate = ClusterCertificateAuthorityTest.parse(pem);
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());

        String subject = certificate.getSubjectX500Principal().getName(X500Principal.RFC1779);
        String issuer = certificate.getIssuerX500Principal().getName(X500Principal.RFC1779);
        var page = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD)
            .get("/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM)
            .body();

        assertThat(page).doesNotContain("Not readable as an X.509 certificate")
            .contains("<dt>Subject</dt><dd>" + subject + "</dd>")
            .contains("<dt>Issuer</dt><dd>" + issuer + "</dd>")
            .contains("<dt>Valid from</dt><dd>" + SHOWN.format(certificate.getNotBefore().toInstant()) + "</dd>")
            .contains("<dt>Valid until</dt><dd>" + SHOWN.format(certificate.getNotAfter().toInstant()) + "</dd>")
            .contains("CN=customerCA backup family A, OU=Simulated CloudHSM");
    }

}
