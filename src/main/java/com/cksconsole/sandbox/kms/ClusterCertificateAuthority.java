package com.cksconsole.sandbox.kms;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the self-signed CA certificate a CloudHSM cluster is initialized with
 * ({@code customerCA.crt}), which KMS takes as a CloudHSM key store's trust anchor: RSA
 * 2048 with SHA-256, ten years, a CA that may sign the cluster certificate, as AWS's
 * "initialize the cluster" guide creates it with OpenSSL. The private key is dropped: the
 * sandbox only ever shows and compares the certificate.
 */
final class ClusterCertificateAuthority {

    static final Duration VALIDITY = Duration.ofDays(3652);

    private static final int RSA_BITS = 2048;

    private static final SecureRandom RANDOM = new SecureRandom();

    private ClusterCertificateAuthority() {
    }

    /**
     * The certificates of one backup family, as PEM text: the trust anchor (the owner's
     * issuing CA, {@code customerCA.crt}) and the cluster certificate it signed, which
     * every cluster of the family shows in DescribeClusters ({@code
     * Certificates.ClusterCertificate}; AWS CloudHSM User Guide: clusters that share a
     * backup history have the same cluster certificate).
     */
    record FamilyCertificates(String trustAnchor, String clusterCertificate) {
    }

    /**
     * A new trust anchor for the clusters of one backup family, valid from {@code now},
     * as PEM text.
     */
    static String issue(String backupFamily, Instant now) {
        return issueFamily(backupFamily, now).trustAnchor();
    }

    /**
     * A new trust anchor and the cluster certificate it signed. The CA's private key is
     * dropped afterwards: nothing else is ever signed with it.
     */
    static FamilyCertificates issueFamily(String backupFamily, Instant now) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS, RANDOM);
            KeyPair keys = generator.generateKeyPair();
            X500Name name = name("customerCA backup family " + backupFamily);
            Instant notBefore = now.truncatedTo(ChronoUnit.SECONDS);
            var builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(VALIDITY)), name, keys.getPublic());
            var extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate());
            X509CertificateHolder anchor = builder.build(signer);
            // The cluster's own key pair: as on a real cluster, its CSR's key is the
            // HSMs'
            // and only the certificate leaves the HSM.
            KeyPair clusterKeys = generator.generateKeyPair();
            var cluster = new JcaX509v3CertificateBuilder(name, serial(), Date.from(notBefore),
                    Date.from(notBefore.plus(VALIDITY)), name("cluster certificate backup family " + backupFamily),
                    clusterKeys.getPublic());
            cluster.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            cluster.addExtension(Extension.authorityKeyIdentifier, false,
                    extensions.createAuthorityKeyIdentifier(keys.getPublic()));
            X509CertificateHolder clusterCertificate = cluster
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()));
            return new FamilyCertificates(pem(anchor), pem(clusterCertificate));
        }
        catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not issue the sandbox trust anchor of backup family " + backupFamily,
                    e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "US")
            .addRDN(BCStyle.O, "Custom Key Store Console sandbox")
            .addRDN(BCStyle.OU, "Simulated CloudHSM")
            .addRDN(BCStyle.CN, commonName)
            .build();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
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
