package com.cksconsole.keystore;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test certificates: a CA (the trust anchor) and a cluster certificate it signed, as PEM,
 * made with BouncyCastle (EC P-256, fast to generate).
 */
final class Certificates {

    /** A trust anchor and the cluster certificate it signed. */
    record Family(String trustAnchor, String clusterCertificate, KeyPair caKeys) {
    }

    private static final Map<String, Family> FAMILIES = new ConcurrentHashMap<>();

    private static final AtomicLong SERIAL = new AtomicLong(1);

    private Certificates() {
    }

    /** The family's certificates, valid from a day ago for ten years; one per name. */
    static Family family(String name) {
        return FAMILIES.computeIfAbsent(name, family -> issue(family,
                Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS), Duration.ofDays(3652)));
    }

    /** A new CA named {@code customerCA <name>}, valid from {@code notBefore}. */
    static Family issue(String name, Instant notBefore, Duration validity) {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            KeyPair ca = generator.generateKeyPair();
            KeyPair cluster = generator.generateKeyPair();
            var caName = new X500Name("C=US, O=Test, CN=customerCA " + name);
            Date from = Date.from(notBefore);
            Date to = Date.from(notBefore.plus(validity));
            var anchor = new JcaX509v3CertificateBuilder(caName, serial(), from, to, caName, ca.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
            var clusterCertificate = new JcaX509v3CertificateBuilder(caName, serial(), from, to,
                    new X500Name("C=US, O=Test, CN=cluster " + name), cluster.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
            return new Family(pem(anchor), pem(clusterCertificate), ca);
        }
        catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return BigInteger.valueOf(SERIAL.getAndIncrement());
    }

    private static String pem(X509CertificateHolder certificate) {
        var text = new StringWriter();
        try (var writer = new JcaPEMWriter(text)) {
            writer.writeObject(certificate);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

}
