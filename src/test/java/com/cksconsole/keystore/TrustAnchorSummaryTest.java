package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class TrustAnchorSummaryTest {

    @Test
    void aCertificateIsSummarisedBySubjectIssuerAndValidity() throws IOException {
        String pem;
        try (InputStream in = getClass().getResourceAsStream("/keystore/customerCA.crt")) {
            pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
        var summary = TrustAnchorSummary.of(pem);
        assertThat(summary.isCertificate()).isTrue();
        assertThat(summary.subject()).contains("CN=Sandbox Customer CA");
        assertThat(summary.issuer()).isEqualTo(summary.subject());
        assertThat(summary.notBefore()).isBefore(summary.notAfter());
    }

    @Test
    void textThatIsNoCertificateIsSummarisedByItsEndsAndLength() {
        String text = "-----BEGIN CERTIFICATE-----\n" + "x".repeat(100) + "\n-----END CERTIFICATE-----";
        var summary = TrustAnchorSummary.of(text);
        assertThat(summary.isCertificate()).isFalse();
        assertThat(summary.head()).isEqualTo("-----BEGIN CERTIFICATE--");
        assertThat(summary.tail()).isEqualTo("----END CERTIFICATE-----");
        assertThat(summary.length()).isEqualTo(text.length());
    }

}
