package com.cksconsole.home;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Error pages over real HTTP (MockMvc does not render them): the console's look, no
 * internals.
 */
@ConsoleApplicationTest
class ErrorPagesApplicationTest {

    private static final String[] INTERNALS = { "Exception", "at com.", "at org.", "Whitelabel", "Tomcat", "trace" };

    @LocalServerPort
    int port;

    @Test
    void anUnknownPageIsANotFoundPageInTheConsoleLook() {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var response = client.get("/no/such/page");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).contains("Page not found", "Custom Key Store Console").doesNotContain(INTERNALS);
    }

    @Test
    void aStateChangeWithoutCsrfTokenIsAForbiddenPageInTheConsoleLook() {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var response = client.postFormWithoutToken("/account/password",
                Map.of("currentPassword", "x", "newPassword", "y", "confirmPassword", "y"));
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("Not allowed").doesNotContain(INTERNALS);
    }

    @Test
    void signOutEndsTheSession() {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        assertThat(client.get("/").statusCode()).isEqualTo(200);
        var signOut = client.postForm("/logout", Map.of());
        assertThat(signOut.headers().firstValue("Location"))
            .hasValueSatisfying(l -> assertThat(l).endsWith("/login?signedOut"));
        assertThat(client.get("/").statusCode()).isEqualTo(302);
    }

}
