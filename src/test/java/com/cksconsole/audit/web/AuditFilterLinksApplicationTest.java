package com.cksconsole.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.Hrefs;

/**
 * The audit list's links that carry the search, followed over real HTTP: the console
 * reads back exactly the values typed, whatever reserved characters they hold.
 */
@ConsoleApplicationTest
class AuditFilterLinksApplicationTest {

    private static final String RESERVED = "a+b & c#d%e/f?=g h";

    @LocalServerPort
    int port;

    @Test
    void theNewestEntriesAndExportLinksRoundTripEveryReservedCharacter() {
        var auditor = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var page = auditor
            .get("/audit?actor=" + formEncoded(RESERVED) + "&store=" + formEncoded("cks-1+2") + "&before=99");
        assertThat(page.statusCode()).isEqualTo(200);

        String newest = Hrefs.withQuery(page.body(), "/audit");
        String csv = Hrefs.withQuery(page.body(), "/audit/export");
        assertThat(Hrefs.query(newest)).containsEntry("actor", RESERVED)
            .containsEntry("store", "cks-1+2")
            .doesNotContainKey("before");
        assertThat(Hrefs.query(csv)).containsEntry("actor", RESERVED).containsEntry("store", "cks-1+2");

        var followed = auditor.get(newest);
        assertThat(followed.statusCode()).isEqualTo(200);
        assertThat(followed.body())
            .contains("id=\"actor\" name=\"actor\" value=\"" + HtmlUtils.htmlEscape(RESERVED, "UTF-8") + "\"");
    }

    /** As a browser submits the search form. */
    private static String formEncoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

}
