package com.cksconsole.keystore;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsConstraints;

/**
 * An uploaded trust anchor certificate ({@code customerCA.crt}: the certificate of the CA
 * that signed the cluster's certificate when the cluster was initialized; AWS CloudHSM
 * User Guide, "Initialize the cluster"), checked strictly before it is offered to
 * CreateCustomKeyStore: at most {@link #MAX_BYTES} bytes (KMS's TrustAnchorCertificate
 * limit, AWS KMS API Reference, "CreateCustomKeyStore"), ASCII PEM, exactly one
 * {@code CERTIFICATE} block and nothing else, and that block an X.509 certificate.
 *
 * <p>
 * An expired certificate is accepted: KMS documents no validity check of the trust
 * anchor, and the cluster certificate it signed still verifies with its key;
 * {@link TrustAnchorSummary#expiredAt} lets a page warn.
 *
 * @param pem the upload as text, stripped of surrounding white space
 */
public record TrustAnchor(String pem, TrustAnchorSummary summary, X509Certificate certificate) {

    /** The largest upload: KMS's TrustAnchorCertificate maximum (characters, ASCII). */
    public static final int MAX_BYTES = KmsConstraints.TRUST_ANCHOR_CERTIFICATE_MAX;

    private static final Pattern BLOCK = Pattern
        .compile("-----BEGIN CERTIFICATE-----\\r?\\n([A-Za-z0-9+/=\\r\\n]+)-----END CERTIFICATE-----");

    private static final Pattern ANY_BEGIN = Pattern.compile("-----BEGIN ");

    /** Why an upload is not a trust anchor. */
    public enum Problem {

        EMPTY("The file is empty."),
        TOO_LARGE(
                "The file is larger than " + MAX_BYTES + " bytes, the most KMS accepts as a trust anchor certificate."),
        NOT_PEM("The file is not a PEM certificate: it must contain one block from -----BEGIN CERTIFICATE----- to "
                + "-----END CERTIFICATE----- in plain ASCII text (convert a DER file with openssl x509 -inform DER)."),
        NOT_ONE_CERTIFICATE("The file must contain exactly one certificate, the issuing CA's (customerCA.crt), and "
                + "nothing else: no chain, no key."),
        NOT_A_CERTIFICATE("The PEM block is not a readable X.509 certificate.");

        private final String sentence;

        Problem(String sentence) {
            this.sentence = sentence;
        }

        public String sentence() {
            return sentence;
        }

    }

    /**
     * The outcome of {@link #parse}: a trust anchor or the problem.
     */
    public record Parsed(@Nullable TrustAnchor anchor, @Nullable Problem problem) {

        public boolean valid() {
            return anchor != null;
        }

    }

    /**
     * Whether a cluster's certificate was issued by this trust anchor.
     *
     * @param reason the sentence that explains a mismatch; empty on a match
     */
    public record Match(boolean matches, String reason) {
    }

    public static Parsed parse(byte[] upload) {
        if (upload.length > MAX_BYTES) {
            return new Parsed(null, Problem.TOO_LARGE);
        }
        for (byte b : upload) {
            if (b < 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
                return new Parsed(null, Problem.NOT_PEM);
            }
        }
        String text = new String(upload, StandardCharsets.US_ASCII).strip();
        if (text.isEmpty()) {
            return new Parsed(null, Problem.EMPTY);
        }
        long blocks = ANY_BEGIN.matcher(text).results().count();
        if (blocks > 1) {
            return new Parsed(null, Problem.NOT_ONE_CERTIFICATE);
        }
        Matcher block = BLOCK.matcher(text);
        if (!block.matches()) {
            return new Parsed(null,
                    blocks == 1 && !text.startsWith("-----BEGIN CERTIFICATE-----") && text.startsWith("-----BEGIN ")
                            ? Problem.NOT_ONE_CERTIFICATE : Problem.NOT_PEM);
        }
        Optional<X509Certificate> certificate = TrustAnchorSummary.certificate(text);
        if (certificate.isEmpty()) {
            return new Parsed(null, Problem.NOT_A_CERTIFICATE);
        }
        TrustAnchorSummary summary = TrustAnchorSummary.of(text);
        return new Parsed(new TrustAnchor(text, summary, certificate.get()), null);
    }

    /**
     * Whether this CA issued the cluster certificate: the certificate's issuer is this
     * certificate's subject and its signature verifies with this certificate's public key
     * (what IncorrectTrustAnchorException of CreateCustomKeyStore guards against).
     * @param clusterCertificate the cluster's {@code Certificates.ClusterCertificate};
     * null before the cluster is initialized
     */
    public Match match(@Nullable String clusterCertificate) {
        if (clusterCertificate == null) {
            return new Match(false, "The cluster has no cluster certificate yet: it has not been initialized.");
        }
        Optional<X509Certificate> cluster = TrustAnchorSummary.certificate(clusterCertificate.strip());
        if (cluster.isEmpty()) {
            return new Match(false, "The cluster's certificate could not be read as an X.509 certificate.");
        }
        X509Certificate issued = cluster.get();
        if (!issued.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
            return new Match(false,
                    "The cluster certificate was issued by " + TrustAnchorSummary.of(clusterCertificate).issuer()
                            + ", not by this certificate's subject " + summary.subject()
                            + ": this is the trust anchor of another cluster.");
        }
        try {
            issued.verify(certificate.getPublicKey());
        }
        catch (GeneralSecurityException | RuntimeException notSignedByThisKey) {
            return new Match(false, "The cluster certificate names this certificate's subject as its issuer, but its "
                    + "signature does not verify with this certificate's key: another CA with the same name.");
        }
        return new Match(true, "");
    }

    @Override
    public String toString() {
        return "TrustAnchor[" + summary.subject() + ", sha256=" + summary.sha256() + "]";
    }

}
