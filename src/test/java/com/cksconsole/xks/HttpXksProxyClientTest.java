package com.cksconsole.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.cksconsole.xks.CannedXksProxyServer.Canned;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every proxy outcome maps to the result KMS would reach (XKS proxy API specification,
 * Errors).
 */
class HttpXksProxyClientTest {

    private static final String HOST = "xks.unit.example.com";

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:01Z");

    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static final XksProxyCredential CREDENTIAL = new XksProxyCredential("UNITTESTKEYIDAAAA2345",
            "c2FuZGJveC1vbmx5LW5vdC1hLXJlYWwtc2VjcmV0ISE=");

    private static final Duration GENEROUS = Duration.ofSeconds(5);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String HEALTHY = """
            {"xksProxyFleetSize": 2, "xksProxyVendor": "Acme Corp", "xksProxyModel": "Acme XKS Proxy 1.0",
             "ekmVendor": "Thales Group",
             "ekmFleetDetails": [
               {"id": "hsm-id-1", "model": "Luna 5.0", "healthStatus": "DEGRADED"},
               {"id": "hsm-id-2", "model": "Luna 5.1", "healthStatus": "ACTIVE"}]}
            """;

    private CannedXksProxyServer proxy;

    @BeforeEach
    void startProxy() {
        proxy = new CannedXksProxyServer();
    }

    @AfterEach
    void stopProxy() {
        proxy.close();
    }

    @Test
    void oneDegradedExternalKeyManagerStillCountsAsHealthy() {
        proxy.answer(Canned.json(200, HEALTHY));

        XksHealthCheckResult result = client(GENEROUS).getHealthStatus(request("/tenant-x/kms/xks/v1"));

        assertThat(result).isInstanceOfSatisfying(XksHealthCheckResult.Healthy.class, healthy -> {
            assertThat(healthy.report()).isEqualTo(new XksHealthReport(2, "Acme Corp", "Acme XKS Proxy 1.0",
                    "Thales Group", List.of(new XksHealthReport.EkmFleetMember("hsm-id-1", "Luna 5.0", "DEGRADED"),
                            new XksHealthReport.EkmFleetMember("hsm-id-2", "Luna 5.1", "ACTIVE"))));
            assertThat(healthy.latency()).isPositive();
        });
    }

    @Test
    void everyExternalKeyManagerUnavailableFailsWithTheReport() {
        proxy.answer(Canned.json(200, withEkms("UNAVAILABLE", "UNAVAILABLE")));

        XksHealthCheckResult result = client(GENEROUS).getHealthStatus(request("/kms/xks/v1"));

        XksHealthCheckResult.Failed failed = failed(result, XksFailureKind.ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE);
        assertThat(failed.httpStatus()).isEqualTo(200);
        assertThat(failed.report()).isNotNull();
        assertThat(failed.report().ekmFleetDetails()).hasSize(2);
        assertThat(failed.kind().kmsExceptionOnCreateOrUpdate()).isEqualTo("XksProxyUriUnreachableException");
        assertThat(failed.kind().connectionErrorCodeOnConnect()).isEqualTo("XKS_PROXY_NOT_REACHABLE");
    }

    @Test
    void oneAvailableAmongUnavailableExternalKeyManagersIsHealthy() {
        proxy.answer(Canned.json(200, withEkms("UNAVAILABLE", "DEGRADED", "UNAVAILABLE")));

        assertThat(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")))
            .isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({ "401, AuthenticationFailedException, AUTHENTICATION_FAILED",
            "404, InvalidUriPathException, INVALID_URI_PATH", "403, AccessDeniedException, ACCESS_DENIED",
            "400, ValidationException, VALIDATION_ERROR", "500, InternalException, INTERNAL_ERROR",
            "429, ThrottlingException, THROTTLED", "503, DependencyTimeoutException, DEPENDENCY_TIMEOUT",
            "400, InvalidStateException, INVALID_RESPONSE", "501, UnsupportedOperationException, INVALID_RESPONSE",
            "404, KeyNotFoundException, INVALID_RESPONSE", "418, SomeFutureException, INVALID_RESPONSE" })
    void proxyErrorNamesMapAsKmsMapsThem(int status, String errorName, XksFailureKind expected) {
        proxy.answer(Canned.json(status,
                "{\"errorName\": \"" + errorName + "\", \"errorMessage\": \"details for the proxy's log\"}"));

        XksHealthCheckResult.Failed failed = failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")), expected);

        assertThat(failed.httpStatus()).isEqualTo(status);
        assertThat(failed.proxyErrorName()).isEqualTo(errorName);
        assertThat(failed.report()).isNull();
    }

    @Test
    void errorBodyWithoutErrorMessageIsEnough() {
        proxy.answer(Canned.json(401, "{\"errorName\": \"AuthenticationFailedException\"}"));

        failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")), XksFailureKind.AUTHENTICATION_FAILED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorsWithoutAJsonErrorName")
    void httpErrorWithoutAJsonErrorNameIsAnInvalidResponse(String description, Canned answer) {
        proxy.answer(answer);

        XksHealthCheckResult.Failed failed = failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.INVALID_RESPONSE);

        assertThat(failed.httpStatus()).isEqualTo(answer.status());
        assertThat(failed.proxyErrorName()).isNull();
    }

    static Stream<Arguments> errorsWithoutAJsonErrorName() {
        return Stream.of(
                Arguments.of("502 with an HTML page", Canned.text(502, "text/html", "<html>Bad Gateway</html>")),
                Arguments.of("401 with no body at all", Canned.bytes(401, new byte[0])),
                Arguments.of("500 with JSON lacking errorName", Canned.json(500, "{\"message\": \"boom\"}")),
                Arguments.of("401 with a non-string errorName", Canned.json(401, "{\"errorName\": 401}")),
                Arguments.of("401 with a garbage errorName",
                        Canned.json(401, "{\"errorName\": \"<script>alert(1)</script>\"}")),
                Arguments.of("404 with a JSON array", Canned.json(404, "[\"InvalidUriPathException\"]")));
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = { 201, 204, 302 })
    void successOtherThan200IsAnInvalidResponse(int status) {
        proxy.answer(Canned.json(status, status == 204 ? "" : HEALTHY));

        XksHealthCheckResult.Failed failed = failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.INVALID_RESPONSE);

        assertThat(failed.httpStatus()).isEqualTo(status);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHealthBodies")
    void malformedHealthAnswerIsAnInvalidResponse(String description, String body) {
        proxy.answer(Canned.json(200, body));

        XksHealthCheckResult.Failed failed = failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.INVALID_RESPONSE);

        assertThat(failed.httpStatus()).isEqualTo(200);
        assertThat(failed.report()).isNull();
    }

    static Stream<Arguments> malformedHealthBodies() {
        return Stream.of(Arguments.of("xksProxyFleetSize missing", healthy(root -> root.remove("xksProxyFleetSize"))),
                Arguments.of("xksProxyVendor missing", healthy(root -> root.remove("xksProxyVendor"))),
                Arguments.of("xksProxyModel missing", healthy(root -> root.remove("xksProxyModel"))),
                Arguments.of("ekmVendor missing", healthy(root -> root.remove("ekmVendor"))),
                Arguments.of("ekmFleetDetails missing", healthy(root -> root.remove("ekmFleetDetails"))),
                Arguments.of("entry id missing", healthy(root -> firstEntry(root).remove("id"))),
                Arguments.of("entry model missing", healthy(root -> firstEntry(root).remove("model"))),
                Arguments.of("entry healthStatus missing", healthy(root -> firstEntry(root).remove("healthStatus"))),
                Arguments.of("fleet size 0 (min-1)", healthy(root -> root.put("xksProxyFleetSize", 0))),
                Arguments.of("fleet size negative", healthy(root -> root.put("xksProxyFleetSize", -1))),
                Arguments.of("fleet size fractional", healthy(root -> root.put("xksProxyFleetSize", 1.5))),
                Arguments.of("fleet size as string", healthy(root -> root.put("xksProxyFleetSize", "2"))),
                Arguments.of("fleet size beyond int", healthy(root -> root.put("xksProxyFleetSize", 3_000_000_000L))),
                Arguments.of("vendor not a string", healthy(root -> root.put("xksProxyVendor", 7))),
                Arguments.of("model null", healthy(root -> root.putNull("xksProxyModel"))),
                Arguments.of("ekmVendor an object", healthy(root -> root.putObject("ekmVendor"))),
                Arguments.of("ekmFleetDetails an object", healthy(root -> root.putObject("ekmFleetDetails"))),
                Arguments.of("0 EKM entries (min-1)", withEkms()),
                Arguments.of("11 EKM entries (max+1)", withEkms(repeat("ACTIVE", 11))),
                Arguments.of("unknown healthStatus", withEkms("ACTIVE", "HEALTHY")),
                Arguments.of("healthStatus in lower case", withEkms("active")),
                Arguments.of("entry not an object",
                        healthy(root -> ((ArrayNode) root.get("ekmFleetDetails")).add("x"))),
                Arguments.of("entry id a number", healthy(root -> firstEntry(root).put("id", 1))),
                Arguments.of("not JSON", "OK"), Arguments.of("empty body", ""), Arguments.of("JSON null", "null"),
                Arguments.of("top-level array", "[" + HEALTHY + "]"), Arguments.of("trailing content", HEALTHY + " {}"),
                Arguments.of("duplicate member",
                        HEALTHY.replace("\"ekmVendor\"", "\"ekmVendor\": \"a\", \"ekmVendor\"")),
                Arguments.of("an error body with 200", "{\"errorName\": \"InternalException\"}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryValidHealthBodies")
    void healthAnswerAtTheBoundariesIsValid(String description, String body) {
        proxy.answer(Canned.json(200, body));

        assertThat(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")))
            .isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    static Stream<Arguments> boundaryValidHealthBodies() {
        return Stream.of(Arguments.of("fleet size 1 (min)", healthy(root -> root.put("xksProxyFleetSize", 1))),
                Arguments.of("1 EKM entry (min)", withEkms("ACTIVE")),
                Arguments.of("10 EKM entries (max)", withEkms(repeat("ACTIVE", 10))), Arguments
                    .of("unknown extra members are ignored", healthy(root -> root.put("xksProxyBuild", "2026.03"))));
    }

    @Test
    void proxyThatDoesNotAnswerWithinTheBudgetTimesOut() {
        proxy.answer(Canned.heldBack());
        Duration budget = Duration.ofMillis(300);

        XksHealthCheckResult.Failed failed = failed(client(budget).getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.TIMED_OUT);

        assertThat(failed.httpStatus()).isNull();
        assertThat(failed.latency()).isGreaterThanOrEqualTo(budget).isLessThan(GENEROUS);
        assertThat(failed.kind().connectionErrorCodeOnConnect()).isEqualTo("XKS_PROXY_TIMED_OUT");
    }

    @Test
    void answerWhoseBodyDoesNotArriveWithinTheBudgetTimesOut() {
        proxy.answer(Canned.bodyHeldBack(HEALTHY));
        Duration budget = Duration.ofMillis(300);

        XksHealthCheckResult.Failed failed = failed(client(budget).getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.TIMED_OUT);

        assertThat(failed.latency()).isGreaterThanOrEqualTo(budget).isLessThan(GENEROUS);
    }

    @Test
    void refusedConnectionIsUnreachable() throws IOException {
        int closedPort;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var client = client(Map.of(HOST, "http://127.0.0.1:" + closedPort), true, () -> null, GENEROUS);

        XksHealthCheckResult.Failed failed = failed(client.getHealthStatus(request("/kms/xks/v1")),
                XksFailureKind.UNREACHABLE);

        assertThat(failed.httpStatus()).isNull();
        assertThat(failed.kind().kmsExceptionOnCreateOrUpdate()).isEqualTo("XksProxyUriUnreachableException");
    }

    @Test
    void hostOutsideTheTableIsUnreachableInSandboxModeAndNothingIsSent() {
        var client = client(Map.of(HOST, base()), true, () -> null, GENEROUS);

        XksHealthCheckResult.Failed failed = failed(
                client.getHealthStatus(request(URI.create("https://elsewhere.example.com"), "/kms/xks/v1")),
                XksFailureKind.UNREACHABLE);

        assertThat(failed.latency()).isZero();
        assertThat(proxy.received()).isEmpty();
    }

    @Test
    void hostLookupIgnoresCase() {
        proxy.answer(Canned.json(200, HEALTHY));

        XksHealthCheckResult result = client(GENEROUS)
            .getHealthStatus(request(URI.create("https://XKS.Unit.Example.com"), "/kms/xks/v1"));

        assertThat(result).isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    @Test
    void tlsFailureIsReportedAsSuch() throws IOException {
        try (var plainServer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            // Answers the TLS client hello with plain HTTP, as a proxy without TLS on its
            // port would.
            var answering = new Thread(() -> answerInPlainText(plainServer), "plain-text-answer");
            answering.setDaemon(true);
            answering.start();
            var client = client(Map.of(HOST, "https://127.0.0.1:" + plainServer.getLocalPort()), true, () -> null,
                    GENEROUS);

            XksHealthCheckResult.Failed failed = failed(client.getHealthStatus(request("/kms/xks/v1")),
                    XksFailureKind.TLS_HANDSHAKE_FAILED);

            assertThat(failed.kind().connectionErrorCodeOnConnect()).isEqualTo("XKS_PROXY_INVALID_TLS_CONFIGURATION");
        }
    }

    private static void answerInPlainText(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getOutputStream()
                .write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }
        catch (IOException closedByTheTest) {
            // The test is over.
        }
    }

    @Test
    void connectionDroppedWithoutAnAnswerIsAnInvalidResponse() {
        proxy.answer(Canned.droppedConnection());

        failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")), XksFailureKind.INVALID_RESPONSE);
    }

    @Test
    void oversizedAnswerIsAnInvalidResponse() {
        byte[] huge = new byte[HttpXksProxyClient.MAX_RESPONSE_BYTES + 1];
        Arrays.fill(huge, (byte) ' ');
        proxy.answer(Canned.bytes(200, huge));

        failed(client(GENEROUS).getHealthStatus(request("/kms/xks/v1")), XksFailureKind.INVALID_RESPONSE);
    }

    @Test
    void selfPlaceholderIsResolvedAtCallTime() {
        proxy.answer(Canned.json(200, HEALTHY));
        var port = new AtomicReference<@Nullable String>();
        var client = client(Map.of(HOST, "{self}/sandbox/xks-proxy"), true, port::get, GENEROUS);
        port.set(String.valueOf(proxy.port()));

        XksHealthCheckResult result = client.getHealthStatus(request("/tenant-a/kms/xks/v1"));

        assertThat(result).isInstanceOf(XksHealthCheckResult.Healthy.class);
        assertThat(proxy.received()).singleElement()
            .extracting(CannedXksProxyServer.Received::rawPath)
            .isEqualTo("/sandbox/xks-proxy/tenant-a/kms/xks/v1/health");
    }

    @Test
    void selfPlaceholderWithoutARunningWebServerIsUnreachable() {
        var client = client(Map.of(HOST, "{self}/sandbox/xks-proxy"), true, () -> null, GENEROUS);

        failed(client.getHealthStatus(request("/kms/xks/v1")), XksFailureKind.UNREACHABLE);
    }

    @Test
    void selfPlaceholderIsIgnoredInAwsModeBecauseTheBuiltInProxyDoesNotRunThere() {
        var client = client(Map.of(HOST, "{self}/sandbox/xks-proxy"), false, () -> String.valueOf(proxy.port()),
                GENEROUS);

        failed(client.getHealthStatus(request("/kms/xks/v1")), XksFailureKind.UNREACHABLE);
        assertThat(proxy.received()).isEmpty();
    }

    @Test
    void explicitTableEntryIsHonouredInAwsMode() {
        proxy.answer(Canned.json(200, HEALTHY));
        var client = client(Map.of(HOST, base()), false, () -> null, GENEROUS);

        assertThat(client.getHealthStatus(request("/kms/xks/v1"))).isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    @Test
    void requestHasTheShapeOfTheSpecsGetHealthStatus() throws Exception {
        proxy.answer(Canned.json(200, HEALTHY));

        client(GENEROUS)
            .getHealthStatus(new XksHealthCheckRequest(URI.create("https://" + HOST), "/tenant-x/kms/xks/v1",
                    CREDENTIAL, "eu-central-1", "ConnectCustomKeyStore", "0f7c2a9e-1d44-4c2b-9e0e-55aa11bb22cc"));

        CannedXksProxyServer.Received received = proxy.received().get(0);
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.rawPath()).isEqualTo("/base/tenant-x/kms/xks/v1/health");
        assertThat(received.header("Content-Type")).isEqualTo("application/json");
        assertThat(received.header("Host")).isEqualTo("127.0.0.1:" + proxy.port());
        assertThat(received.header("X-Amz-Date")).isEqualTo("20260301T101501Z");
        assertThat(received.header("Authorization")).matches("AWS4-HMAC-SHA256 "
                + "Credential=UNITTESTKEYIDAAAA2345/20260301/eu-central-1/kms-xks-proxy/aws4_request, "
                + "SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}");
        assertThat(received.header("x-amz-content-sha256")).isEqualTo(sha256Hex(received.body()));
        assertThat(JSON.readTree(received.body())).isEqualTo(JSON.readTree("""
                {"requestMetadata": {"kmsRequestId": "0f7c2a9e-1d44-4c2b-9e0e-55aa11bb22cc",
                                     "kmsOperation": "ConnectCustomKeyStore"}}"""));
    }

    @Test
    void requestNeverCarriesTheSecretInClear() {
        proxy.answer(Canned.json(200, HEALTHY));

        client(GENEROUS).getHealthStatus(request("/kms/xks/v1"));

        CannedXksProxyServer.Received received = proxy.received().get(0);
        assertThat(received.headers().toString()).doesNotContain(CREDENTIAL.rawSecretAccessKey());
        assertThat(received.bodyText()).doesNotContain(CREDENTIAL.rawSecretAccessKey());
        assertThat(request("/kms/xks/v1").toString()).doesNotContain(CREDENTIAL.rawSecretAccessKey());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://" + HOST, "https://" + HOST + ":443", "https://" + HOST + "/x",
            "https://" + HOST + "?q=1", "https://user@" + HOST })
    void endpointThatKmsWouldRefuseIsACallerBug(String endpoint) {
        assertThatIllegalArgumentException()
            .isThrownBy(() -> client(GENEROUS).getHealthStatus(request(URI.create(endpoint), "/kms/xks/v1")));
        assertThat(proxy.received()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/kms/xks/v1?x=1", "/kms/xks/v1#f", "/a b/kms/xks/v1", "kms/xks/v1" })
    void pathThatKmsWouldRefuseIsACallerBug(String uriPath) {
        assertThatIllegalArgumentException().isThrownBy(() -> client(GENEROUS).getHealthStatus(request(uriPath)));
    }

    private HttpXksProxyClient client(Duration timeout) {
        return client(Map.of(HOST, base()), true, () -> null, timeout);
    }

    private static HttpXksProxyClient client(Map<String, String> hosts, boolean sandboxMode,
            Supplier<@Nullable String> selfPort, Duration timeout) {
        return new HttpXksProxyClient(new XksHostTable(hosts, sandboxMode, selfPort), timeout, CLOCK);
    }

    private String base() {
        return "http://127.0.0.1:" + proxy.port() + "/base";
    }

    private static XksHealthCheckRequest request(String uriPath) {
        return request(URI.create("https://" + HOST), uriPath);
    }

    private static XksHealthCheckRequest request(URI endpoint, String uriPath) {
        return new XksHealthCheckRequest(endpoint, uriPath, CREDENTIAL, "us-east-1", "UpdateCustomKeyStore",
                "4112f4d6-db54-4af4-ae30-c55a22a8dfae");
    }

    private static XksHealthCheckResult.Failed failed(XksHealthCheckResult result, XksFailureKind kind) {
        assertThat(result).isInstanceOf(XksHealthCheckResult.Failed.class);
        var failed = (XksHealthCheckResult.Failed) result;
        assertThat(failed.kind()).isEqualTo(kind);
        return failed;
    }

    private static String healthy(Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) JSON.readTree(HEALTHY);
        change.accept(root);
        return JSON.writeValueAsString(root);
    }

    private static ObjectNode firstEntry(ObjectNode root) {
        return (ObjectNode) root.get("ekmFleetDetails").get(0);
    }

    private static String withEkms(String... statuses) {
        return healthy(root -> {
            ArrayNode fleet = root.putArray("ekmFleetDetails");
            for (int i = 0; i < statuses.length; i++) {
                fleet.addObject().put("id", "ekm-" + i).put("model", "Model " + i).put("healthStatus", statuses[i]);
            }
        });
    }

    private static String[] repeat(String status, int times) {
        return Stream.generate(() -> status).limit(times).toArray(String[]::new);
    }

    private static String sha256Hex(byte[] body) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }

}
