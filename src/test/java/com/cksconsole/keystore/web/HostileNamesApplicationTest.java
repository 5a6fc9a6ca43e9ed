package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.Hrefs;

/**
 * A key store whose name hides characters (a right-to-left override and a zero-width
 * space, so that "finance-hsm-primary" followed by them and "exe.txt" reads like another
 * name) is created in the sandbox through the SDK; every page that shows its name shows
 * those characters as escapes next to a warning, and never the raw characters. The store
 * is deleted afterwards.
 */
@ConsoleApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileNamesApplicationTest {

    static final String HOSTILE_NAME = "finance-hsm-primary\u202E\u200Bexe.txt";
    static final String WARNING = "contains invisible or direction-changing characters";

    private static final String KEY = "SANDBOXENCODINGKEYID23";

    private static final String SECRET = "ZW5jb2RpbmctdGVzdC1zYW5kYm94LW5vdC1hLXJlYWwtc2VjcmV0";

    private static final String PATH = "/output-encoding-test/kms/xks/v1";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    private String store;

    @BeforeAll
    void createTheStore() {
        sandbox = SeededKeyStores.of(context);
        store = com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context)
            .createCustomKeyStore(r -> r.customKeyStoreName(HOSTILE_NAME)
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                .xksProxyUriPath(PATH)
                .xksProxyAuthenticationCredential(c -> c.accessKeyId(KEY).rawSecretAccessKey(SECRET)))
            .customKeyStoreId();
        sandbox.ensureConnected(store);
    }

    @AfterAll
    void deleteTheStore() {
        if (store != null) {
            sandbox.ensureDisconnected(store);
            com.cksconsole.keystore.internal.KeyStoreServices.defaultClient(context)
                .deleteCustomKeyStore(r -> r.customKeyStoreId(store));
            // Other tests count the stores: wait until the console's shared snapshot no
            // longer has it.
            var http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get("/key-stores").body().contains(store));
        }
    }

    @Test
    void everyPageThatShowsTheNameShowsItsHiddenCharactersAsEscapesWithAWarning() {
        var http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        var console = new ConsoleFlows(http);
        String detail = "/t/default/key-stores/" + store;
        Map<String, String> pages = new LinkedHashMap<>();
        for (String page : new String[] { "/", "/key-stores", detail, detail + "/edit", detail + "/disconnect" }) {
            pages.put(page, console.get(page).body());
        }
        String review = console.submit(store, "xks", XksUpdateForm.ENDPOINT, GuidedChangeApplicationTest.LAB);
        console.checkProxy(review, SECRET);
        pages.put("review", console.get(review).body());
        String run = startLeavingDisconnected(console, review);
        pages.put("run",
                await().atMost(GuidedChangeApplicationTest.RUN_TIME)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> console.get(run).body(), body -> !body.contains("data-live-run-url")));
        pages.put(detail + "/connect", console.get(detail + "/connect").body());
        String auditList = console.get("/audit?store=" + store).body();
        pages.put("/audit", auditList);
        String namedRow = Arrays.stream(auditList.split("<tr"))
            .filter(row -> row.contains("exe.txt"))
            .findFirst()
            .orElseThrow();
        String entry = Hrefs.of(namedRow)
            .stream()
            .filter(href -> href.matches("/audit/[0-9a-f-]{36}"))
            .findFirst()
            .orElseThrow();
        pages.put(entry, console.get(entry).body());

        assertThat(pages).allSatisfy((page, html) -> assertThat(html).as(page)
            .contains("finance-hsm-primary<mark class=\"store-name__hidden\">\\u202E</mark>"
                    + "<mark class=\"store-name__hidden\">\\u200B</mark>exe.txt")
            .contains(WARNING)
            .doesNotContain("\u202E")
            .doesNotContain("\u200B"));
        assertThat(pages.get(detail)).as("the page title has no markup: escapes only")
            .contains("<title>finance-hsm-primary\\u202E\\u200Bexe.txt · Key stores");
    }

    @Test
    void theEditFormKeepsTheNameWhenItsEmptyNameFieldIsSubmitted() {
        var console = new ConsoleFlows(
                ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
        var edit = console.get("/t/default/key-stores/" + store + "/edit").body();

        assertThat(HtmlForm.read(edit, "/edit/xks")).containsEntry(XksUpdateForm.NAME, "");
        assertThat(edit).contains("The current name contains invisible or direction-changing characters, so it is"
                + " not filled in here: leave the field empty to keep it.");
        var unchanged = console.post(store, "xks");
        assertThat(unchanged.statusCode()).isEqualTo(200);
        assertThat(unchanged.body()).as("nothing to review: the name was not changed").doesNotContain("/review/");
        assertThat(sandbox.describe(store).customKeyStoreName()).isEqualTo(HOSTILE_NAME);
    }

    private static String startLeavingDisconnected(ConsoleFlows console, String review) {
        var page = console.get(review);
        Map<String, String> fields = new LinkedHashMap<>(HtmlForm.readExact(page.body(), review + "/guided"));
        fields.put("mode", "LEAVE_DISCONNECTED");
        fields.put("reason", "");
        var started = console.postForm(review + "/guided", fields);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String location = started.headers().firstValue("Location").orElseThrow();
        return location.substring(location.indexOf("/t/default/key-stores/"));
    }

}
