package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Signing out of the running console (real servlet container, real security chain) clears
 * imported secrets: through the session listener for the session's own secrets, and
 * through the logout event for the user's secrets in other sessions. Uses its own HTTP
 * client because it needs the session ID (the JSESSIONID cookie), which
 * {@code ConsoleHttpClient} does not expose.
 */
@ConsoleApplicationTest
class ImportedSecretCleanupApplicationTest {

    private static final String ADMIN_PASSWORD = ConsoleApplicationTest.ADMIN_PASSWORD;

    private static final String SECRET = "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs";

    private static final String STORE = "cks-1234567890abcdef0";

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    private int port;

    @Autowired
    private ImportedSecretStore store;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    @Test
    void signingOutClearsTheSessionsSecretsAndTheUsersSecretsElsewhere() throws Exception {
        HttpResponse<String> signIn = post("/login",
                "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + csrfTokenOf("/login"));
        assertThat(signIn.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        String sessionId = sessionId();
        String ofThisSession = store.hold(sessionId, "someone-else", STORE, SECRET, null); // only
                                                                                           // the
                                                                                           // listener
                                                                                           // clears
                                                                                           // it
        String ofAdminElsewhere = store.hold("another-session", "admin", STORE, SECRET, null); // only
                                                                                               // the
                                                                                               // event
                                                                                               // clears
                                                                                               // it
        String unrelated = store.hold("third-session", "bob", STORE, SECRET, null);

        HttpResponse<String> signOut = post("/logout", "_csrf=" + csrfTokenOf("/"));

        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith("/login?signedOut"));
        assertThat(store.isPending(ofThisSession, sessionId, "someone-else", STORE)).isFalse();
        assertThat(store.isPending(ofAdminElsewhere, "another-session", "admin", STORE)).isFalse();
        assertThat(store.takeWhen(unrelated, "third-session", "bob", STORE, Optional::of)).contains(SECRET);
    }

    private String csrfTokenOf(String path) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("GET %s", path).isEqualTo(200);
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("CSRF token on %s", path).isTrue();
        return URLEncoder.encode(matcher.group(1), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s", path).isEqualTo(302);
        return response;
    }

    private String sessionId() {
        return cookies.getCookieStore()
            .getCookies()
            .stream()
            .filter(cookie -> cookie.getName().equals("JSESSIONID"))
            .map(HttpCookie::getValue)
            .findFirst()
            .orElseThrow();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

}
