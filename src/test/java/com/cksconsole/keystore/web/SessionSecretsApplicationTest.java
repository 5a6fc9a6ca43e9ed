package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.session.SessionVault;

/**
 * Sessions live in the database so that every instance serves every request, and what a
 * session holds about a secret is readable only with the browser's half of the key: a
 * typed secret waiting on the review page is in no session row, and a stolen session ID
 * without the key cookie finds no pending change.
 */
@ConsoleApplicationTest
class SessionSecretsApplicationTest {

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    private static final String SECRET = SeededKeyStores.TENANT_B_SECRET;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPendingChangeWithATypedSecretIsInTheDatabaseOnlyAsCiphertext() {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var console = new ConsoleFlows(client);

        String review = console.submit(STORE, "xks", XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY,
                XksUpdateForm.SECRET, SECRET);

        String sessionId = client.cookie("JSESSIONID").orElseThrow();
        assertThat(jdbc.sql("select principal_name from spring_session where session_id = ?")
            .param(sessionId)
            .query(String.class)
            .single()).isEqualTo("admin");
        List<byte[]> attributes = jdbc.sql("select attribute_bytes from spring_session_attributes")
            .query(byte[].class)
            .list();
        assertThat(attributes).isNotEmpty()
            .allSatisfy(bytes -> assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).doesNotContain(SECRET)
                .doesNotContain(SeededKeyStores.TENANT_B_KEY));
        assertThat(console.get(review).body()).contains(SeededKeyStores.TENANT_B_KEY).doesNotContain(SECRET);
        console.postForm(review + "/cancel", java.util.Map.of());
    }

    @Test
    void aStolenSessionIdWithoutTheKeyCookieFindsNoPendingChange() throws Exception {
        var client = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var console = new ConsoleFlows(client);
        String review = console.submit(STORE, "xks", XksUpdateForm.ACCESS_KEY_ID, SeededKeyStores.TENANT_B_KEY,
                XksUpdateForm.SECRET, SECRET);
        assertThat(client.cookie(SessionVault.KEY_COOKIE)).isPresent();

        var stolen = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .build()
            .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + review))
                .header("Cookie", "JSESSIONID=" + client.cookie("JSESSIONID").orElseThrow())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(stolen.statusCode()).as("the session itself is valid, its secrets unreadable").isEqualTo(302);
        assertThat(stolen.headers().firstValue("Location").orElseThrow()).endsWith("/key-stores/" + STORE + "/edit");
        assertThat(console.get(review).statusCode()).as("the browser with its key still has it").isEqualTo(200);
        console.postForm(review + "/cancel", java.util.Map.of());
    }

}
