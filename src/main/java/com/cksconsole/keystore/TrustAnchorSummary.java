package com.cksconsole.keystore;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

import org.jspecify.annotations.Nullable;

/**
 * A short description of a CloudHSM trust anchor certificate: subject, issuer, validity
 * and SHA-256 fingerprint when the text parses as an X.509 certificate, otherwise its
 * first and last characters and its length.
 *
 * @param subject null when the text is not a certificate
 * @param sha256 the SHA-256 fingerprint of the DER encoding, upper-case hex pairs
 * separated by colons (as {@code openssl x509 -fingerprint -sha256} prints it); null when
 * the text is not a certificate
 */
public record TrustAnchorSummary(@Nullable String subject, @Nullable String issuer, @Nullable Instant notBefore,
        @Nullable Instant notAfter, String head, String tail, int length, @Nullable String sha256) {

    private static final int SHOWN = 24;

    public static TrustAnchorSummary of(String pem) {
        String trimmed = pem.strip();
        String head = trimmed.substring(0, Math.min(SHOWN, trimmed.length()));
        String tail = trimmed.substring(Math.max(0, trimmed.length() - SHOWN));
        return certificate(trimmed).map(certificate -> of(certificate, head, tail, pem.length()))
            .orElseGet(() -> new TrustAnchorSummary(null, null, null, null, head, tail, pem.length(), null));
    }

    static TrustAnchorSummary of(X509Certificate certificate, String head, String tail, int length) {
        // RFC 1779 puts a space after each comma, so a long name wraps between its parts
        // on a narrow screen.
        return new TrustAnchorSummary(certificate.getSubjectX500Principal().getName(X500Principal.RFC1779),
                certificate.getIssuerX500Principal().getName(X500Principal.RFC1779),
                certificate.getNotBefore().toInstant(), certificate.getNotAfter().toInstant(), head, tail, length,
                fingerprint(certificate));
    }

    public boolean isCertificate() {
        return subject != null;
    }

    /** Whether the certificate's validity ended before {@code now}. */
    public boolean expiredAt(Instant now) {
        return notAfter != null && notAfter.isBefore(now);
    }

    /**
     * Whether two PEM texts hold the same certificate (the same DER bytes; texts that are
     * not certificates: the same text apart from surrounding white space).
     */
    public static boolean sameCertificate(String a, String b) {
        Optional<X509Certificate> first = certificate(a.strip());
        Optional<X509Certificate> second = certificate(b.strip());
        if (first.isPresent() && second.isPresent()) {
            return Arrays.equals(der(first.get()), der(second.get()));
        }
        return a.strip().equals(b.strip());
    }

    static Optional<X509Certificate> certificate(String pem) {
        try {
            var factory = CertificateFactory.getInstance("X.509");
            return Optional.of((X509Certificate) factory
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
        }
        catch (CertificateException | RuntimeException notACertificate) {
            return Optional.empty();
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der(certificate));
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        }
        catch (CertificateEncodingException e) {
            throw new IllegalStateException("A parsed certificate has an encoding", e);
        }
    }

}
