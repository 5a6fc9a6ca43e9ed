package com.cksconsole.health.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The TLS check against real TLS servers on 127.0.0.1, with certificates issued for each
 * test. The injected clock stands at the real time, since the JDK judges a certificate's
 * validity by the real time.
 */
class TlsEndpointCheckTest {

    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final Duration DAY = Duration.ofDays(1);

    private static final Duration HOUR = Duration.ofHours(1);

    @TempDir
    Path folder;

    @ParameterizedTest(name = "notAfter = now {0} -> {1} days")
    @CsvSource({ "P30DT1H, 30", "P30D, 30", "P29DT23H, 29", "PT1H, 0", "PT0S, 0", "-PT1H, -1", "-P1D, -1",
            "-P1DT1S, -2" })
    void daysUntilExpiryAreWholeDaysRoundedDown(String untilExpiry, long days) throws IOException {
        var ca = TestPki.rootCa("Test Root", NOW);
        var leaf = TestPki.leaf("xks.example.com", ca, NOW.minus(Duration.ofDays(10)),
                NOW.plus(Duration.parse(untilExpiry)), List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            TlsCheckResult result = check(server, "xks.example.com", anchor(ca));

            assertThat(result.daysUntilExpiry()).isEqualTo(days);
            assertThat(result.leaf().notAfter()).isEqualTo(NOW.plus(Duration.parse(untilExpiry)));
        }
    }

    @Test
    void anExpiredLeafIsReportedAsAnUntrustedChainWithItsCertificate() throws IOException {
        var ca = TestPki.rootCa("Test Root", NOW);
        var leaf = TestPki.leaf("xks.example.com", ca, NOW.minus(Duration.ofDays(10)), NOW.minus(HOUR),
                List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            TlsCheckResult result = check(server, "xks.example.com", anchor(ca));

            assertThat(result.outcome()).isEqualTo(TlsOutcome.UNTRUSTED_CHAIN);
            assertThat(result.chainTrusted()).isFalse();
            assertThat(result.daysUntilExpiry()).isEqualTo(-1);
            assertThat(result.hostNameMatches()).isTrue();
        }
    }

    @Test
    void aValidChainToAConfiguredAnchorIsReachableAndTrusted() throws IOException {
        var ca = TestPki.rootCa("Test Root", NOW);
        var leaf = TestPki.leaf("xks.example.com", ca, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            TlsCheckResult result = check(server, "XKS.Example.com", anchor(ca));

            assertThat(result.outcome()).isEqualTo(TlsOutcome.REACHABLE);
            assertThat(result.detail()).isNull();
            assertThat(result.chainTrusted()).isTrue();
            assertThat(result.hostNameMatches()).isTrue();
            assertThat(result.host()).isEqualTo("xks.example.com");
            assertThat(result.checkedAt()).isEqualTo(NOW);
            assertThat(result.leaf().subject()).isEqualTo("CN=xks.example.com,O=Custom Key Store Console tests");
            assertThat(result.leaf().issuer()).isEqualTo("CN=Test Root,O=Custom Key Store Console tests");
            assertThat(result.leaf().dnsNames()).containsExactly("xks.example.com");
            assertThat(result.leaf().notBefore()).isEqualTo(NOW.minus(DAY));
            assertThat(result.leaf().sha256Fingerprint()).hasSize(64);
            assertThat(result.cipherSuite()).startsWith("TLS_");
        }
    }

    @Test
    void aSelfSignedCertificateIsUntrustedWithoutTheAnchorAndTrustedWithIt() throws IOException {
        var self = TestPki.leaf("xks.example.com", null, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(self)) {
            TlsCheckResult untrusted = check(server, "xks.example.com", List.of());
            TlsCheckResult trusted = check(server, "xks.example.com", anchor(self));

            assertThat(untrusted.outcome()).isEqualTo(TlsOutcome.UNTRUSTED_CHAIN);
            assertThat(untrusted.chainTrusted()).isFalse();
            assertThat(untrusted.detail()).isNotBlank();
            assertThat(untrusted.chain()).hasSize(1);
            assertThat(untrusted.protocol()).isNotNull();
            assertThat(trusted.outcome()).isEqualTo(TlsOutcome.REACHABLE);
            assertThat(trusted.chainTrusted()).isTrue();
        }
    }

    @Test
    void aChainOfLeafAndIntermediateIsReportedInTheServersOrder() throws IOException {
        var root = TestPki.rootCa("Test Root", NOW);
        var intermediate = TestPki.intermediateCa("Test Intermediate", root, NOW);
        var leaf = TestPki.leaf("xks.example.com", intermediate, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            TlsCheckResult result = check(server, "xks.example.com", anchor(root));

            assertThat(result.outcome()).isEqualTo(TlsOutcome.REACHABLE);
            assertThat(result.chain()).extracting(TlsCertificate::subject, TlsCertificate::issuer)
                .containsExactly(
                        tuple("CN=xks.example.com,O=Custom Key Store Console tests",
                                "CN=Test Intermediate,O=Custom Key Store Console tests"),
                        tuple("CN=Test Intermediate,O=Custom Key Store Console tests",
                                "CN=Test Root,O=Custom Key Store Console tests"));
        }
    }

    @Test
    void aWildcardCertificateMatchesOneLabelOnly() throws IOException {
        var ca = TestPki.rootCa("Test Root", NOW);
        var leaf = TestPki.leaf("*.example.com", ca, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("*.example.com"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            var check = checker(Map.of("xks.example.com", server.address(), "a.b.example.com", server.address(),
                    "example.com", server.address()), anchor(ca));

            assertThat(check.check("xks.example.com").hostNameMatches()).isTrue();
            assertThat(check.check("a.b.example.com").hostNameMatches()).isFalse();
            assertThat(check.check("example.com").hostNameMatches()).isFalse();
            // A host name mismatch does not make the chain untrusted: both are reported.
            assertThat(check.check("example.com").outcome()).isEqualTo(TlsOutcome.REACHABLE);
        }
    }

    @Test
    void anExactSubjectAltNameMatchesAndAnotherHostDoesNot() throws IOException {
        var ca = TestPki.rootCa("Test Root", NOW);
        var leaf = TestPki.leaf("proxy", ca, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("xks.example.com", "proxy.example.org"), List.of());
        try (var server = new LocalTlsServer(leaf)) {
            var check = checker(Map.of("proxy.example.org", server.address(), "other.example.org", server.address()),
                    anchor(ca));

            assertThat(check.check("proxy.example.org").hostNameMatches()).isTrue();
            TlsCheckResult mismatch = check.check("other.example.org");
            assertThat(mismatch.hostNameMatches()).isFalse();
            assertThat(mismatch.chainTrusted()).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({ "TLSv1.2", "TLSv1.3" })
    void theNegotiatedProtocolIsReported(String protocol) throws IOException {
        var self = TestPki.leaf("xks.example.com", null, NOW.minus(DAY), NOW.plus(Duration.ofDays(90)),
                List.of("xks.example.com"), List.of());
        try (var server = new LocalTlsServer(self, protocol)) {
            TlsCheckResult result = check(server, "xks.example.com", anchor(self));

            assertThat(result.protocol()).isEqualTo(protocol);
            assertThat(result.cipherSuite()).isNotBlank();
        }
    }

    @Test
    void nothingListeningIsUnreachable() throws IOException {
        int port;
        try (var closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        var check = checker(Map.of("xks.example.com", "127.0.0.1:" + port), List.of());

        TlsCheckResult result = check.check("xks.example.com");

        assertThat(result.outcome()).isEqualTo(TlsOutcome.UNREACHABLE);
        assertThat(result.port()).isEqualTo(port);
        assertThat(result.chain()).isEmpty();
        assertThat(result.daysUntilExpiry()).isNull();
        assertThat(result.protocol()).isNull();
    }

    @Test
    void aServerThatAcceptsTcpButNeverHandshakesTimesOut() throws IOException {
        // The kernel completes the TCP connection from the backlog; nobody ever answers.
        try (var silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var check = new TlsEndpointCheck(new TlsCheckProperties(Duration.ofMillis(200), List.of(),
                    Map.of("xks.example.com", "127.0.0.1:" + silent.getLocalPort())), false, CLOCK);

            TlsCheckResult result = check.check("xks.example.com");

            assertThat(result.outcome()).isEqualTo(TlsOutcome.TIMED_OUT);
            assertThat(result.chain()).isEmpty();
        }
    }

    /**
     * A TLS record header announcing 16 KiB, then one byte every 50 ms: each read ends
     * well within the 300 ms budget, so only the check's deadline cuts it off (at this
     * pace the record alone would take 13 minutes).
     */
    @Test
    @Timeout(value = 10, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aServerThatAnswersOneByteAtATimeIsCutOffAtTheDeadline() throws IOException {
        var drip = Executors.newSingleThreadScheduledExecutor();
        try (var slow = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            drip.execute(() -> {
                try {
                    Socket connection = slow.accept();
                    connection.getOutputStream().write(new byte[] { 0x16, 0x03, 0x03, 0x40, 0x00 });
                    drip.scheduleAtFixedRate(() -> {
                        try {
                            connection.getOutputStream().write(0);
                        }
                        catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, 50, 50, TimeUnit.MILLISECONDS);
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            var check = new TlsEndpointCheck(new TlsCheckProperties(Duration.ofMillis(300), List.of(),
                    Map.of("xks.example.com", "127.0.0.1:" + slow.getLocalPort())), false, CLOCK);
            long started = System.nanoTime();

            TlsCheckResult result = check.check("xks.example.com");

            assertThat(result.outcome()).isEqualTo(TlsOutcome.TIMED_OUT);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
        }
        finally {
            drip.shutdownNow();
        }
    }

    @Test
    void aServerThatDoesNotSpeakTlsFailsTheHandshake() throws IOException {
        try (var plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var answering = new Thread(() -> {
                try (var connection = plain.accept()) {
                    connection.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                    connection.getOutputStream().flush();
                    connection.getInputStream().read();
                }
                catch (IOException e) {
                    // the client went away
                }
            });
            answering.setDaemon(true);
            answering.start();
            var check = checker(Map.of("xks.example.com", "127.0.0.1:" + plain.getLocalPort()), List.of());

            TlsCheckResult result = check.check("xks.example.com");

            assertThat(result.outcome()).isEqualTo(TlsOutcome.HANDSHAKE_FAILED);
            assertThat(result.detail()).isNotBlank();
        }
    }

    @Test
    void inSandboxModeAnUnlistedHostIsUnreachableWithoutAConnection() {
        var check = new TlsEndpointCheck(new TlsCheckProperties(Duration.ofSeconds(5), List.of(), Map.of()), true,
                CLOCK);

        TlsCheckResult result = check.check("xks.example.com");

        assertThat(result.outcome()).isEqualTo(TlsOutcome.UNREACHABLE);
        assertThat(result.port()).isEqualTo(443);
        assertThat(result.detail()).contains("console.health.tls.hosts");
    }

    private TlsCheckResult check(LocalTlsServer server, String host, List<Path> anchors) {
        return checker(Map.of(host.toLowerCase(Locale.ROOT), server.address()), anchors).check(host);
    }

    private static TlsEndpointCheck checker(Map<String, String> hosts, List<Path> anchors) {
        return new TlsEndpointCheck(new TlsCheckProperties(Duration.ofSeconds(5), anchors, hosts), false, CLOCK);
    }

    private List<Path> anchor(TestPki.Issued issued) throws IOException {
        Path file = Files.createTempFile(folder, "anchor", ".pem");
        Files.writeString(file, issued.pem());
        return List.of(file);
    }

}
