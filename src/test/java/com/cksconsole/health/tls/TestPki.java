package com.cksconsole.health.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;

/**
 * Certificates for the TLS check's tests, issued with BouncyCastle as the sandbox issues
 * its cluster certificates: P-256 keys (fast to generate), SHA-256 signatures.
 */
final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    /**
     * A key pair and its certificate, with the issuer's chain above it (not the root).
     */
    record Issued(KeyPair keys, X509Certificate certificate, List<X509Certificate> chainAbove) {

        /** The chain a server presents: this certificate first, then the ones above. */
        X509Certificate[] chain() {
            var chain = new ArrayList<X509Certificate>();
            chain.add(certificate);
            chain.addAll(chainAbove);
            return chain.toArray(X509Certificate[]::new);
        }

        String pem() {
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

    static Issued rootCa(String commonName, Instant now) {
        KeyPair keys = keyPair();
        return new Issued(keys, sign(commonName, keys, null, now.minusSeconds(3600), now.plusSeconds(86400L * 365),
                true, List.of(), List.of()), List.of());
    }

    static Issued intermediateCa(String commonName, Issued issuer, Instant now) {
        KeyPair keys = keyPair();
        return new Issued(keys, sign(commonName, keys, issuer, now.minusSeconds(3600), now.plusSeconds(86400L * 365),
                true, List.of(), List.of()), intermediatesAbove(issuer));
    }

    static Issued leaf(String commonName, @Nullable Issued issuer, Instant notBefore, Instant notAfter,
            List<String> dnsNames, List<String> ipAddresses) {
        KeyPair keys = keyPair();
        List<X509Certificate> above = issuer == null ? List.of() : intermediatesAbove(issuer);
        return new Issued(keys, sign(commonName, keys, issuer, notBefore, notAfter, false, dnsNames, ipAddresses),
                above);
    }

    /**
     * The certificates a server sends above its leaf: every CA up to, not including, the
     * root.
     */
    private static List<X509Certificate> intermediatesAbove(Issued issuer) {
        var chain = new ArrayList<X509Certificate>();
        if (!issuer.certificate().getSubjectX500Principal().equals(issuer.certificate().getIssuerX500Principal())) {
            chain.add(issuer.certificate());
            chain.addAll(issuer.chainAbove());
        }
        return chain;
    }

    // X500Name keeps the written order (the root-most RDN first), which RFC 2253 prints
    // reversed: the CN first.
    private static X509Certificate sign(String commonName, KeyPair keys, @Nullable Issued issuer, Instant notBefore,
            Instant notAfter, boolean ca, List<String> dnsNames, List<String> ipAddresses) {
        try {
            X500Name subject = new X500Name("O=Custom Key Store Console tests,CN=" + commonName);
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            var extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            var names = new ArrayList<GeneralName>();
            dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
            for (String ip : ipAddresses) {
                names.add(new GeneralName(GeneralName.iPAddress, InetAddress.getByName(ip).getHostAddress()));
            }
            if (!names.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            var signingKey = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
            return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signingKey)));
        }
        catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

}
