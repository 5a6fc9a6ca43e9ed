package com.cksconsole.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The favicon: served without sign-in with its content type, linked from every page,
 * allowed by the CSP.
 */
@ConsoleApplicationTest
class FaviconApplicationTest {

    @LocalServerPort
    int port;

    @Test
    void theSvgFaviconIsServedToAnyoneAsAnSvgImage() {
        var response = ConsoleHttpClient.anonymous(port).get("/img/favicon.svg");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(response.body()).startsWith("<svg");
    }

    @Test
    void theIcoFaviconBrowsersAskForByDefaultIsServedToAnyoneAsAnIcon() {
        var response = ConsoleHttpClient.anonymous(port).get("/favicon.ico");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValueSatisfying(type -> assertThat(type).isIn("image/x-icon", "image/vnd.microsoft.icon"));
    }

    @Test
    void everyPageLinksTheFaviconFromTheConsoleItselfWhichTheCspAllows() {
        var login = ConsoleHttpClient.anonymous(port).get("/login");
        assertThat(login.body())
            .containsPattern("<link rel=\"icon\" href=\"/img/favicon-[0-9a-f]{32}\\.svg\" type=\"image/svg\\+xml\">");
        assertThat(login.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(csp -> assertThat(csp).contains("img-src 'self'"));
        var signedIn = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        assertThat(signedIn.get("/").body())
            .containsPattern("<link rel=\"icon\" href=\"/img/favicon-[0-9a-f]{32}\\.svg\"");
    }

}
