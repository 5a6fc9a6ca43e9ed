package com.cksconsole.sandbox.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import com.cksconsole.health.tls.TlsEndpointDirectory;
import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.tls.SandboxTlsProperties.Endpoint;

/**
 * One local TLS server per {@code console.sandbox.tls-endpoints} entry (127.0.0.1, a free
 * port, a daemon thread), presenting a leaf for the host (or {@code *.<parent>}) that
 * expires {@code expires-in} after start-up on the application clock, signed by a CA
 * generated at start-up (BouncyCastle, P-256, SHA-256), which the TLS check trusts as an
 * anchor. It completes handshakes and closes; it serves nothing else.
 */
@Component
@ConditionalOnSandboxMode
class SandboxTlsEndpoints implements TlsEndpointDirectory, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxTlsEndpoints.class);

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Pattern HOST = Pattern
        .compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+");

    private static final char[] NO_PASSWORD = "sandbox".toCharArray();

    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final @Nullable Issued ca;

    private final Map<String, Server> servers;

    SandboxTlsEndpoints(SandboxTlsProperties properties, Clock clock) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        var seen = new HashMap<String, Endpoint>();
        for (int i = 0; i < properties.tlsEndpoints().size(); i++) {
            Endpoint endpoint = properties.tlsEndpoints().get(i);
            String where = "console.sandbox.tls-endpoints[" + i + "] ('" + endpoint.host() + "')";
            String host = endpoint.host().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(host).matches()) {
                throw new IllegalStateException(where + ": host must be a DNS name with at least two labels");
            }
            if (endpoint.expiresIn() == null) {
                throw new IllegalStateException(where + ": expires-in is required, e.g. 30d");
            }
            if (seen.put(host, endpoint) != null) {
                throw new IllegalStateException(where + ": this host is listed twice");
            }
        }
        Issued authority = properties.tlsEndpoints().isEmpty() ? null : issue("Custom Key Store Console sandbox TLS CA",
                keyPair(), null, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)), true, List.of());
        this.ca = authority;
        var started = new HashMap<String, Server>();
        try {
            if (authority != null) {
                seen.forEach((host, endpoint) -> started.put(host, start(authority, host, endpoint, now)));
            }
        }
        catch (RuntimeException e) {
            started.values().forEach(Server::close);
            throw e;
        }
        this.servers = Map.copyOf(started);
    }

    @Override
    public Optional<InetSocketAddress> addressOf(String host) {
        Server server = servers.get(host.toLowerCase(Locale.ROOT));
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    @Override
    public List<X509Certificate> trustAnchors() {
        return ca == null ? List.of() : List.of(ca.certificate());
    }

    /** The leaf one host's endpoint presents (for tests and logs). */
    Optional<X509Certificate> leafOf(String host) {
        return Optional.ofNullable(servers.get(host.toLowerCase(Locale.ROOT))).map(Server::leaf);
    }

    @Override
    public void destroy() {
        servers.values().forEach(Server::close);
    }

    private static Server start(Issued ca, String host, Endpoint endpoint, Instant now) {
        Duration expiresIn = endpoint.expiresIn();
        if (expiresIn == null) {
            throw new IllegalStateException("validated before");
        }
        String name = endpoint.wildcard() ? "*." + host.substring(host.indexOf('.') + 1) : host;
        Instant notAfter = now.plus(expiresIn);
        // An expired certificate was valid once: its validity starts well before its end.
        Instant notBefore = (notAfter.isBefore(now) ? notAfter : now).minus(Duration.ofDays(30));
        KeyPair keys = keyPair();
        X509Certificate leaf = issue(name, keys, ca, notBefore, notAfter, false, List.of(name)).certificate();
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            keyStore.setKeyEntry("leaf", keys.getPrivate(), NO_PASSWORD,
                    new X509Certificate[] { leaf, ca.certificate() });
            var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keyStore, NO_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), null, null);
            var socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            var server = new Server(host, socket, leaf);
            var thread = new Thread(server::serve, "sandbox-tls-" + host);
            thread.setDaemon(true);
            thread.start();
            log.info("Sandbox TLS endpoint for {} on {}: certificate for {} expires {}", host,
                    socket.getLocalSocketAddress(), name, notAfter);
            return server;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("console.sandbox.tls-endpoints: could not start the endpoint of " + host,
                    e);
        }
    }

    /** One endpoint's server socket. */
    private record Server(String host, SSLServerSocket socket, X509Certificate leaf) {

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", socket.getLocalPort());
        }

        void serve() {
            while (!socket.isClosed()) {
                try (Socket accepted = socket.accept()) {
                    accepted.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
                    ((SSLSocket) accepted).startHandshake();
                }
                catch (SocketException closedOrReset) {
                    if (socket.isClosed()) {
                        return;
                    }
                }
                catch (IOException e) {
                    // A client that gave up or did not speak TLS: wait for the next.
                    log.debug("Sandbox TLS endpoint {}: {}", host, e.toString());
                }
            }
        }

        void close() {
            try {
                socket.close();
            }
            catch (IOException e) {
                log.debug("Sandbox TLS endpoint {}: closing: {}", host, e.toString());
            }
        }

    }

    /** A certificate and the key pair it certifies. */
    private record Issued(KeyPair keys, X509Certificate certificate) {
    }

    private static Issued issue(String commonName, KeyPair keys, @Nullable Issued issuer, Instant notBefore,
            Instant notAfter, boolean isCa, List<String> dnsNames) {
        try {
            X500Name subject = new X500Name("O=Custom Key Store Console sandbox,CN=" + commonName);
            KeyPair issuerKeys = issuer == null ? keys : issuer.keys();
            X500Name issuerName = issuer == null ? subject
                    : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
            var builder = new JcaX509v3CertificateBuilder(issuerName, new BigInteger(127, RANDOM).add(BigInteger.ONE),
                    Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
            var extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(isCa ? KeyUsage.keyCertSign | KeyUsage.cRLSign : KeyUsage.digitalSignature));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    extensions.createSubjectKeyIdentifier(keys.getPublic()));
            if (!dnsNames.isEmpty()) {
                var names = new ArrayList<GeneralName>();
                dnsNames.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(names.toArray(GeneralName[]::new)));
            }
            var certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
            return new Issued(keys, certificate);
        }
        catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("Could not issue a sandbox TLS certificate", e);
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
