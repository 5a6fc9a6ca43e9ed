package com.cksconsole.keystore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * A short description of a CloudHSM trust anchor certificate: subject, issuer and
 * validity when the text parses as an X.509 certificate, otherwise its first and last
 * characters and its length.
 *
 * @param subject null when the text is not a certificate
 */
public record TrustAnchorSummary(@Nullable String subject, @Nullable String issuer, @Nullable Instant notBefore,
        @Nullable Instant notAfter, String head, String tail, int length) {

    private static final int SHOWN = 24;

    public static TrustAnchorSummary of(String pem) {
        String trimmed = pem.strip();
        String head = trimmed.substring(0, Math.min(SHOWN, trimmed.length()));
        String tail = trimmed.substring(Math.max(0, trimmed.length() - SHOWN));
        try {
            var factory = CertificateFactory.getInstance("X.509");
            var certificate = (X509Certificate) factory
                .generateCertificate(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.US_ASCII)));
            // RFC 1779 puts a space after each comma, so a long name wraps between its
            // parts on a narrow screen.
            return new TrustAnchorSummary(certificate.getSubjectX500Principal().getName(X500Principal.RFC1779),
                    certificate.getIssuerX500Principal().getName(X500Principal.RFC1779),
                    certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), head, tail,
                    pem.length());
        }
        catch (CertificateException | RuntimeException notACertificate) {
            return new TrustAnchorSummary(null, null, null, null, head, tail, pem.length());
        }
    }

    public boolean isCertificate() {
        return subject != null;
    }
}
