package com.cksconsole.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.RawHttp;

/**
 * Answers that never reach the console's pages carry the same security headers as the
 * pages, and redirects do not echo the Host header: each case sent byte for byte on a
 * real socket to the running console.
 */
@ConsoleApplicationTest
class EdgeSecurityHeadersApplicationTest {

    private static final List<String> PAGE_HEADERS = List.of("Content-Security-Policy", "X-Content-Type-Options",
            "X-Frame-Options", "Referrer-Policy", "Permissions-Policy");

    @LocalServerPort
    int port;

    @Test
    void aPathWithAnEncodedDotDotSegmentIsRefusedByTheContainerWithThePagesHeaders() {
        assertRefusedWithPageHeaders(get("/%2e%2e/key-stores"), 400);
    }

    @Test
    void aPathWithARawBackslashIsRefusedWithThePagesHeaders() {
        assertRefusedWithPageHeaders(get("/key-stores\\..\\users"), 400);
    }

    @Test
    void aPathWithAnEncodedNulIsRefusedWithThePagesHeaders() {
        assertRefusedWithPageHeaders(get("/t/default/key-stores/%00"), 400);
    }

    @Test
    void aPathSpringSecuritysFirewallRejectsIsRefusedWithThePagesHeaders() {
        assertRefusedWithPageHeaders(get("/key-stores;jsessionid=x/..;/users"), 400);
    }

    @Test
    void traceIsRefusedWithThePagesHeaders() {
        assertRefusedWithPageHeaders(
                RawHttp.exchange(port, "TRACE / HTTP/1.1\r\nHost: localhost\r\n" + "Connection: close\r\n\r\n"), 405);
    }

    @Test
    void aRequestHeaderOverTheLimitIsRefusedWithThePagesHeaders() {
        String big = "a".repeat(16 * 1024 + 1);
        assertRefusedWithPageHeaders(
                RawHttp.exchange(port,
                        "GET /login HTTP/1.1\r\nHost: localhost\r\nX-Big: " + big + "\r\nConnection: close\r\n\r\n"),
                400);
    }

    @Test
    void theSandboxsMachineEndpointsCarryThePagesHeaders() {
        var unsigned = RawHttp.exchange(port,
                "POST /sandbox/kms HTTP/1.1\r\nHost: localhost\r\n" + "Content-Type: application/x-amz-json-1.1\r\n"
                        + "X-Amz-Target: TrentService.DescribeCustomKeyStores\r\nContent-Length: 2\r\n"
                        + "Connection: close\r\n\r\n{}");
        var health = RawHttp.exchange(port, "GET /sandbox/xks-proxy/tenant-a/kms/xks/v1/health HTTP/1.1\r\n"
                + "Host: localhost\r\nConnection: close\r\n\r\n");

        assertThat(unsigned.status()).as(unsigned.body()).isBetween(400, 499);
        assertThat(health.status()).as(health.body()).isBetween(400, 499);
        assertPageHeaders(unsigned);
        assertPageHeaders(health);
    }

    @Test
    void theUploadTooLargeRedirectCarriesThePagesHeaders() {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        client.get("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/edit");
        var refused = client.postMultipart("/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/edit/import",
                Map.of("then", "edit"), "proxyConfigurationFile", "huge.json", new byte[128 * 1024 + 1]);

        assertThat(refused.statusCode()).isEqualTo(303);
        var page = pageHeaders();
        for (String name : PAGE_HEADERS) {
            assertThat(refused.headers().allValues(name)).as(name).containsExactly(page.header(name).orElseThrow());
        }
    }

    @Test
    void aRedirectDoesNotEchoAForgedHostHeader() {
        var redirect = RawHttp.exchange(port,
                "GET /key-stores HTTP/1.1\r\nHost: evil.example:8443\r\n" + "Connection: close\r\n\r\n");

        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).hasValue("/login");
    }

    @Test
    void aPageSendsEachHeaderOnce() {
        var page = pageHeaders();
        assertThat(page.status()).isEqualTo(200);
        assertThat(PAGE_HEADERS).allSatisfy(name -> assertThat(page.header(name)).as(name).isPresent());
        assertThat(page.header("Content-Security-Policy")).get()
            .asString()
            .startsWith("default-src 'self'")
            .contains("frame-ancestors 'none'")
            .doesNotContain("unsafe-inline");
    }

    private void assertRefusedWithPageHeaders(RawHttp.Response refused, int status) {
        assertThat(refused.status()).as(refused.body()).isEqualTo(status);
        assertPageHeaders(refused);
    }

    private void assertPageHeaders(RawHttp.Response response) {
        var page = pageHeaders();
        for (String name : PAGE_HEADERS) {
            assertThat(response.header(name)).as(name).isPresent().isEqualTo(page.header(name));
        }
    }

    private RawHttp.Response pageHeaders() {
        return get("/login");
    }

    private RawHttp.Response get(String rawPath) {
        return RawHttp.exchange(port, "GET " + rawPath + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    }

}
