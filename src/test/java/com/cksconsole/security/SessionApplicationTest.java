package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The session cookie over real HTTP: its flags, a new id at sign-in (no fixation), none
 * after sign-out.
 */
@ConsoleApplicationTest
class SessionApplicationTest {

    private static final Pattern SESSION_ID = Pattern.compile("JSESSIONID=([^;]+)");

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sessionIdSetBy(HttpResponse<?> response) {
        List<String> setCookies = response.headers().allValues("Set-Cookie");
        return setCookies.stream()
            .map(SESSION_ID::matcher)
            .filter(Matcher::find)
            .map(m -> m.group(1))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie set: " + setCookies));
    }

    private static String csrf(HttpResponse<String> page) {
        var matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
        var login = get("/login");
        String cookie = login.headers()
            .allValues("Set-Cookie")
            .stream()
            .filter(c -> c.startsWith("JSESSIONID="))
            .findFirst()
            .orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax");
    }

    @Test
    void signInIssuesANewSessionIdAndSignOutEndsIt() throws Exception {
        var login = get("/login");
        String before = sessionIdSetBy(login);

        var signIn = post("/login",
                "username=admin&password=" + ConsoleApplicationTest.ADMIN_PASSWORD + "&_csrf=" + csrf(login));
        assertThat(signIn.statusCode()).isEqualTo(302);
        String after = sessionIdSetBy(signIn);
        assertThat(after).as("session fixation protection").isNotEqualTo(before);

        var home = get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        var signOut = post("/logout", "_csrf=" + csrf(home));
        assertThat(signOut.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/login?signedOut"));
        assertThat(get("/").statusCode()).as("the old session is gone").isEqualTo(302);
    }

}
