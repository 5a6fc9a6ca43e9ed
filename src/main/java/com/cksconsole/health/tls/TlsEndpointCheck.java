package com.cksconsole.health.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * Checks the TLS of an HTTPS endpoint {@code https://<host>} (port 443): one TCP
 * connection, one handshake, no application data. Never throws for a remote failure: the
 * failure is the result's {@link TlsOutcome}.
 */
public final class TlsEndpointCheck {

    static final int HTTPS_PORT = 443;

    private static final int MAX_DETAIL = 300;

    /**
     * One daemon thread for every check's deadline: it only closes sockets, and never
     * stops the JVM from exiting.
     */
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(task -> {
        var thread = new Thread(task, "tls-check-deadline");
        thread.setDaemon(true);
        return thread;
    });

    private final Duration timeout;

    private final Map<String, String> hosts;

    private final boolean sandboxMode;

    private final X509TrustManager trust;

    private final Clock clock;

    private final List<TlsEndpointDirectory> directories;

    /**
     * @param sandboxMode whether this application runs in sandbox mode, where only hosts
     * listed in {@code console.health.tls.hosts} are connected to
     */
    public TlsEndpointCheck(TlsCheckProperties properties, boolean sandboxMode, Clock clock) {
        this(properties, sandboxMode, clock, List.of());
    }

    /**
     * @param sandboxMode whether this application runs in sandbox mode, where only hosts
     * a directory or {@code console.health.tls.hosts} lists are connected to
     * @param directories asked first, in order, where a host is; their trust anchors are
     * trusted besides the JDK's and the configured ones
     */
    public TlsEndpointCheck(TlsCheckProperties properties, boolean sandboxMode, Clock clock,
            List<TlsEndpointDirectory> directories) {
        this.timeout = properties.timeout();
        var table = new HashMap<String, String>();
        properties.hosts()
            .forEach((host, address) -> table.put(host.toLowerCase(Locale.ROOT), validAddress(host, address)));
        this.hosts = Map.copyOf(table);
        this.sandboxMode = sandboxMode;
        this.directories = List.copyOf(directories);
        this.trust = trustManager(properties.trustAnchors(),
                this.directories.stream().flatMap(directory -> directory.trustAnchors().stream()).toList());
        this.clock = clock;
    }

    /**
     * Whether the check connects somewhere other than {@code <host>:443} for this host: a
     * directory or {@code console.health.tls.hosts} lists it (in sandbox mode, the only
     * hosts it connects to at all).
     */
    public boolean mapped(String host) {
        return addressOf(host.strip().toLowerCase(Locale.ROOT)) != null;
    }

    /**
     * Whether the check would connect anywhere for this host: a mapped host always; any
     * other only outside sandbox mode (a sandbox never sends anything to the outside
     * world).
     */
    public boolean reaches(String host) {
        return !sandboxMode || mapped(host);
    }

    private @Nullable String addressOf(String name) {
        return directories.stream()
            .map(directory -> directory.addressOf(name))
            .flatMap(Optional::stream)
            .findFirst()
            .map(address -> address.getHostString() + ":" + address.getPort())
            .orElse(hosts.get(name));
    }

    /** Checks {@code https://<host>}. */
    public TlsCheckResult check(String host) {
        String name = host.strip().toLowerCase(Locale.ROOT);
        Instant checkedAt = clock.instant();
        String configured = addressOf(name);
        if (configured == null && sandboxMode) {
            // A sandbox never sends anything to the outside world.
            return failed(name, HTTPS_PORT, checkedAt, TlsOutcome.UNREACHABLE,
                    "not listed in console.health.tls.hosts (sandbox mode)", null);
        }
        String address = configured == null ? name : configured.substring(0, configured.lastIndexOf(':'));
        int port = configured == null ? HTTPS_PORT
                : Integer.parseInt(configured.substring(configured.lastIndexOf(':') + 1));
        var capture = new CapturingTrustManager(trust);
        var expired = new AtomicBoolean();
        try (Socket plain = new Socket()) {
            // The socket timeouts bound each wait; the deadline bounds them all
            // together, against a server that answers one byte at a time.
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
                expired.set(true);
                closeQuietly(plain);
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            try {
                plain.connect(new InetSocketAddress(address, port), millis(timeout));
                plain.setSoTimeout(millis(timeout));
                try (SSLSocket tls = (SSLSocket) context(capture).getSocketFactory()
                    .createSocket(plain, name, port, false)) {
                    var parameters = tls.getSSLParameters();
                    if (!name.contains(":") && !name.matches("[0-9.]+")) {
                        parameters.setServerNames(List.of(new SNIHostName(name)));
                    }
                    tls.setSSLParameters(parameters);
                    tls.startHandshake();
                    var session = tls.getSession();
                    List<TlsCertificate> chain = certificates(capture.chain());
                    TlsOutcome outcome = capture.trusted() ? TlsOutcome.REACHABLE : TlsOutcome.UNTRUSTED_CHAIN;
                    return new TlsCheckResult(name, port, checkedAt, outcome, shortened(capture.rejection()),
                            session.getProtocol(), session.getCipherSuite(), chain, capture.trusted(),
                            hostNameMatches(name, capture.chain()), daysUntilExpiry(chain, checkedAt));
                }
            }
            finally {
                deadline.cancel(false);
            }
        }
        catch (IOException e) {
            if (expired.get() || e instanceof SocketTimeoutException) {
                return failed(name, port, checkedAt, TlsOutcome.TIMED_OUT, "no handshake within " + timeout, capture);
            }
            if (e instanceof UnknownHostException) {
                return failed(name, port, checkedAt, TlsOutcome.UNREACHABLE, "unknown host", capture);
            }
            if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
                return failed(name, port, checkedAt, TlsOutcome.UNREACHABLE, e.getMessage(), capture);
            }
            // The connection opened (connect failures are ConnectException) and no
            // handshake completed on it: an SSLException, or the server closed it.
            return failed(name, port, checkedAt, TlsOutcome.HANDSHAKE_FAILED, e.getMessage(), capture);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        }
        catch (IOException e) {
            // closing is all the deadline does; the check reports TIMED_OUT
        }
    }

    private static String validAddress(String host, String address) {
        String trimmed = address.strip();
        int colon = trimmed.lastIndexOf(':');
        try {
            int port = Integer.parseInt(trimmed.substring(colon + 1));
            if (colon > 0 && port > 0 && port < 65536) {
                return trimmed;
            }
        }
        catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException("console.health.tls.hosts: the address of '" + host + "' must be address:port");
    }

    private TlsCheckResult failed(String host, int port, Instant checkedAt, TlsOutcome outcome, @Nullable String detail,
            @Nullable CapturingTrustManager capture) {
        // A handshake may fail after the certificates arrived: report them all the same.
        List<X509Certificate> presented = capture == null ? List.of() : capture.chain();
        List<TlsCertificate> chain = certificates(presented);
        return new TlsCheckResult(host, port, checkedAt, outcome, shortened(detail), null, null, chain,
                capture != null && capture.trusted(), !presented.isEmpty() && hostNameMatches(host, presented),
                daysUntilExpiry(chain, checkedAt));
    }

    private static SSLContext context(CapturingTrustManager capture) {
        try {
            // A fresh context per check: no resumed session, so the chain is always sent.
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] { capture }, null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("The JDK offers no TLS context", e);
        }
    }

    private static boolean hostNameMatches(String host, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            return false;
        }
        X509Certificate leaf = chain.get(0);
        return HostNameMatcher.matches(host, subjectAltNames(leaf, 2), subjectAltNames(leaf, 7), commonName(leaf));
    }

    private static @Nullable Long daysUntilExpiry(List<TlsCertificate> chain, Instant now) {
        if (chain.isEmpty()) {
            return null;
        }
        long seconds = Duration.between(now, chain.get(0).notAfter()).getSeconds();
        return Math.floorDiv(seconds, Duration.ofDays(1).getSeconds());
    }

    private static List<TlsCertificate> certificates(List<X509Certificate> chain) {
        return chain.stream()
            .map(certificate -> new TlsCertificate(certificate.getSubjectX500Principal().getName(),
                    certificate.getIssuerX500Principal().getName(), certificate.getSerialNumber().toString(16),
                    fingerprint(certificate), certificate.getNotBefore().toInstant(),
                    certificate.getNotAfter().toInstant(), subjectAltNames(certificate, 2),
                    subjectAltNames(certificate, 7)))
            .toList();
    }

    /** The subjectAltName entries of one type (2: dNSName, 7: iPAddress, RFC 5280). */
    private static List<String> subjectAltNames(X509Certificate certificate, int type) {
        try {
            Collection<List<?>> names = certificate.getSubjectAlternativeNames();
            if (names == null) {
                return List.of();
            }
            var values = new ArrayList<String>();
            for (List<?> entry : names) {
                if (entry.size() == 2 && Integer.valueOf(type).equals(entry.get(0))
                        && entry.get(1) instanceof String value) {
                    values.add(value);
                }
            }
            return values;
        }
        catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private static @Nullable String commonName(X509Certificate certificate) {
        try {
            // The most specific CN is the last one (RFC 2818 section 3.1).
            String commonName = null;
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    commonName = String.valueOf(rdn.getValue());
                }
            }
            return commonName;
        }
        catch (InvalidNameException e) {
            return null;
        }
    }

    private static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not fingerprint a certificate", e);
        }
    }

    private static @Nullable String shortened(@Nullable String detail) {
        if (detail == null || detail.length() <= MAX_DETAIL) {
            return detail;
        }
        return detail.substring(0, MAX_DETAIL);
    }

    private static int millis(Duration duration) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, duration.toMillis()));
    }

    /**
     * The JDK's default trust anchors (including {@code javax.net.ssl.trustStore} when
     * set) plus the configured extra ones.
     */
    private static X509TrustManager trustManager(List<Path> extraAnchors, List<X509Certificate> directoryAnchors) {
        try {
            X509TrustManager jdk = x509(null);
            if (extraAnchors.isEmpty() && directoryAnchors.isEmpty()) {
                return jdk;
            }
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            int index = 0;
            for (X509Certificate anchor : jdk.getAcceptedIssuers()) {
                anchors.setCertificateEntry("jdk-" + index++, anchor);
            }
            for (X509Certificate anchor : directoryAnchors) {
                anchors.setCertificateEntry("directory-" + index++, anchor);
            }
            var factory = CertificateFactory.getInstance("X.509");
            for (Path file : extraAnchors) {
                try (InputStream in = Files.newInputStream(file)) {
                    Collection<? extends Certificate> read = factory.generateCertificates(in);
                    if (read.isEmpty()) {
                        throw new IllegalStateException(
                                "console.health.tls.trust-anchors: " + file + " holds no certificate");
                    }
                    for (Certificate certificate : read) {
                        anchors.setCertificateEntry("extra-" + index++, certificate);
                    }
                }
            }
            return x509(anchors);
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("console.health.tls.trust-anchors: could not load the trust anchors", e);
        }
    }

    private static X509TrustManager x509(@Nullable KeyStore anchors) throws GeneralSecurityException {
        var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(anchors);
        return Optional.of(factory.getTrustManagers())
            .stream()
            .flatMap(Arrays::stream)
            .filter(X509TrustManager.class::isInstance)
            .map(X509TrustManager.class::cast)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("The JDK offers no X.509 trust manager"));
    }

}
