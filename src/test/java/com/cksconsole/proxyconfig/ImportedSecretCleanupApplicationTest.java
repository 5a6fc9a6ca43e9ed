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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Signing out of the running console (real servlet container, real security chain, the
 * sessions in the database) clears imported secrets: the session's own go with the
 * session, the user's secrets in their other sessions through the logout event. Uses its
 * own HTTP client because it needs the session ID (the JSESSIONID cookie).
 */
@ConsoleApplicationTest
class ImportedSecretCleanupApplicationTest {

    private static final String ADMIN_PASSWORD = ConsoleApplicationTest.ADMIN_PASSWORD;

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    private int port;

    @Autowired
    private FindByIndexNameSessionRepository<? extends Session> sessions;

    private final CookieManager cookies = new CookieManager();

    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();

    @Test
    void signingOutEndsTheSessionAndClearsTheUsersSecretsInTheirOtherSessions() throws Exception {
        HttpResponse<String> signIn = post("/login",
                "username=admin&password=" + ADMIN_PASSWORD + "&_csrf=" + csrfTokenOf("/login"));
        assertThat(signIn.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).doesNotContain("error"));
        String signedOut = sessionId();
        String adminElsewhere = sessionHoldingASecret(sessions, "admin");
        String someoneElses = sessionHoldingASecret(sessions, "bob");

        HttpResponse<String> signOut = post("/logout", "_csrf=" + csrfTokenOf("/"));

        assertThat(signOut.statusCode()).isEqualTo(302);
        assertThat(signOut.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith("/login?signedOut"));
        assertThat(sessions.findById(signedOut)).as("the signed-out session, with all it held").isNull();
        assertThat(sessions.findById(adminElsewhere).<Object>getAttribute(ImportedSecretStore.ATTRIBUTE)).isNull();
        assertThat(sessions.findById(someoneElses).<Object>getAttribute(ImportedSecretStore.ATTRIBUTE)).isNotNull();
        sessions.deleteById(adminElsewhere);
        sessions.deleteById(someoneElses);
    }

    /**
     * A session of this user, stored as another instance would, holding imported secrets.
     */
    private static <S extends Session> String sessionHoldingASecret(FindByIndexNameSessionRepository<S> sessions,
            String username) {
        S session = sessions.createSession();
        session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, username);
        session.setAttribute(ImportedSecretStore.ATTRIBUTE, "sealed secrets of " + username);
        sessions.save(session);
        return session.getId();
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
