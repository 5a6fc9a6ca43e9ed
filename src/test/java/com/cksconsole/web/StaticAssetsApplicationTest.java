package com.cksconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.web.FilterChainProxy;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.RawHttp;

/**
 * The console's CSS, JavaScript and images: linked from every page under a content-hashed
 * URL, kept by browsers for a year under it (and revalidated under the plain name),
 * served by a security chain that never touches the session, with the security headers of
 * every page.
 */
@ConsoleApplicationTest
class StaticAssetsApplicationTest {

    static final Pattern HASHED_CSS = Pattern.compile("href=\"(/css/console-[0-9a-f]{32}\\.css)\"");

    static final Pattern HASHED_JS = Pattern.compile("src=\"(/js/console-[0-9a-f]{32}\\.js)\"");

    @LocalServerPort
    int port;

    @Autowired
    FilterChainProxy securityChains;

    private String hashedCss() {
        var page = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD).get("/");
        var matcher = HASHED_CSS.matcher(page.body());
        assertThat(matcher.find()).as("the page links the stylesheet under its content hash").isTrue();
        assertThat(HASHED_JS.matcher(page.body()).find()).as("and its script").isTrue();
        return matcher.group(1);
    }

    @Test
    void aHashedAssetIsKeptForAYearAndAPlainOneIsRevalidated() {
        var hashed = ConsoleHttpClient.anonymous(port).get(hashedCss());
        assertThat(hashed.statusCode()).isEqualTo(200);
        assertThat(hashed.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(hashed.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("text/css"));

        var plain = ConsoleHttpClient.anonymous(port).get("/css/console.css");
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(plain.body()).isEqualTo(hashed.body());
    }

    @Test
    void aHashThatIsNotTheFilesIsNotFound() {
        var wrong = ConsoleHttpClient.anonymous(port).get("/css/console-00000000000000000000000000000000.css");
        assertThat(wrong.statusCode()).isEqualTo(404);
    }

    @Test
    void anAssetCarriesTheSecurityHeadersAndNeitherReadsNorMakesASession() {
        String css = hashedCss();
        // A session cookie the console never issued: a page would look the session up
        // (and a new one would start); the asset does neither.
        var response = RawHttp.exchange(port, "GET " + css + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Cookie: JSESSIONID=0123456789ABCDEF0123456789ABCDEF\r\nConnection: close\r\n\r\n");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("Set-Cookie")).isEmpty();
        assertThat(response.header("Content-Security-Policy"))
            .hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(response.header("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.header("X-Frame-Options")).hasValue("DENY");
        assertThat(response.header("Referrer-Policy")).hasValue("no-referrer");

        List<Filter> filters = securityChains.getFilters(css);
        assertThat(filters).extracting(filter -> filter.getClass().getSimpleName())
            .doesNotContain("SessionLifetimeFilter", "SessionRightsFilter", "PasswordChangeGate",
                    "SessionManagementFilter", "RequestCacheAwareFilter", "CsrfFilter", "LogoutFilter")
            .contains("HeaderWriterFilter", "AuthorizationFilter");
    }

    @Test
    void onlyReadsAreAllowed() {
        var post = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD)
            .postFormWithoutToken("/css/console.css", java.util.Map.of());
        assertThat(post.statusCode()).isEqualTo(403);
    }

}
