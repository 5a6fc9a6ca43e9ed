package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.FaultyDatabase;
import com.cksconsole.support.MutableClock;

/**
 * The console's database down, over real HTTP: every page answers in the console's look,
 * never with a JSON body or a stack trace, whatever the client asks for. A page that
 * needs the database says in plain words that the database is unavailable, with 503; a
 * page that needs none (the key store list, the sign-in form) may still be shown. KMS
 * (the sandbox) keeps answering throughout.
 */
@ConsoleFaultTest
class DatabaseOutageApplicationTest {

    private static final String[] INTERNALS = { "Exception", "at com.", "at org.", "Whitelabel", "Tomcat", "trace" };

    private static final String DATABASE_PAGE = "database is unavailable</h1>";

    @LocalServerPort
    int port;

    @Autowired
    FaultyDatabase database;

    @Autowired
    MutableClock clock;

    private ConsoleHttpClient admin;

    @BeforeEach
    void signInWhileTheDatabaseIsUp() {
        clock.setToRealTime();
        admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        database.goDown();
    }

    @AfterEach
    void databaseBack() {
        database.comeBack();
    }

    @ParameterizedTest
    @ValueSource(strings = { "/t/default/key-stores/" + SeededKeyStores.FINANCE_HSM, "/audit", "/users" })
    void aPageThatNeedsTheDatabaseSaysItIsUnavailableWith503(String path) {
        var page = admin.get(path);

        assertThat(page.statusCode()).isEqualTo(503);
        assertConsolePage(page);
        assertThat(page.body()).contains(DATABASE_PAGE).contains("Try again in a few minutes");
    }

    /**
     * The list and the sign-in form need no database: shown as usual, or (should they
     * ever) the page above.
     */
    @Test
    void signingInWhileTheDatabaseIsDownIsThePageInPlainWordsAndTheListIsNeverAnErrorOfItsOwn() {
        for (var page : List.of(admin.get("/key-stores"), ConsoleHttpClient.anonymous(port).get("/login"))) {
            assertConsolePage(page);
            if (page.statusCode() != 200) {
                assertThat(page.statusCode()).isEqualTo(503);
                assertThat(page.body()).contains(DATABASE_PAGE);
            }
        }

        var anonymous = ConsoleHttpClient.anonymous(port);
        anonymous.get("/login");
        var signIn = anonymous.postForm("/login",
                Map.of("username", "admin", "password", ConsoleApplicationTest.ADMIN_PASSWORD));

        assertThat(signIn.statusCode()).isEqualTo(503);
        assertConsolePage(signIn);
        assertThat(signIn.body()).contains(DATABASE_PAGE);
    }

    /**
     * A signed-in browser still gets the console's stylesheet and script: static files
     * are served without the session, so without the database.
     */
    @ParameterizedTest
    @ValueSource(strings = { "/css/console.css", "/js/console.js" })
    void staticFilesAreServedToASignedInBrowserWithoutTheDatabase(String path) throws Exception {
        var file = rawGet(path, "*/*");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).doesNotStartWith("text/html");
        assertThat(file.body()).doesNotContain(DATABASE_PAGE);
    }

    @ParameterizedTest
    @ValueSource(strings = { "*/*", "application/json", "text/plain" })
    void aClientThatDoesNotAskForHtmlGetsThePageNotAJsonBody(String accept) throws Exception {
        var page = rawGet("/audit", accept);

        assertThat(page.statusCode()).isEqualTo(503);
        assertConsolePage(page);
        assertThat(page.body()).contains(DATABASE_PAGE);
    }

    private static void assertConsolePage(HttpResponse<String> page) {
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).startsWith("<!DOCTYPE html>")
            .contains("Custom Key Store Console")
            .doesNotContain(INTERNALS);
    }

    /**
     * A request as a script or command-line client sends it, with the signed-in session's
     * cookie.
     */
    private HttpResponse<String> rawGet(String path, String accept) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("Accept", accept)
            .header("Cookie", "JSESSIONID=" + admin.cookie("JSESSIONID").orElseThrow())
            .GET()
            .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

}
