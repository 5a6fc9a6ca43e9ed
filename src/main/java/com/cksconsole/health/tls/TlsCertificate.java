package com.cksconsole.health.tls;

import java.time.Instant;
import java.util.List;

/**
 * One certificate the server presented, as plain values.
 *
 * @param subject the subject's distinguished name (RFC 2253)
 * @param issuer the issuer's distinguished name (RFC 2253)
 * @param serialNumber the serial number, lower-case hex
 * @param sha256Fingerprint SHA-256 of the DER encoding, lower-case hex
 * @param dnsNames the subjectAltName dNSName entries, as written
 * @param ipAddresses the subjectAltName iPAddress entries, as the JDK writes them
 */
public record TlsCertificate(String subject, String issuer, String serialNumber, String sha256Fingerprint,
        Instant notBefore, Instant notAfter, List<String> dnsNames, List<String> ipAddresses) {

    public TlsCertificate {
        dnsNames = List.copyOf(dnsNames);
        ipAddresses = List.copyOf(ipAddresses);
    }

}
