package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.web.util.HtmlUtils;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.support.SessionVaultFixture;
import com.cksconsole.support.TestTargets;
import com.cksconsole.session.SessionVault;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.proxyconfig.ImportedSecretStore;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.keystore.KeyStoreAuditAction;

/**
 * The proxy configuration import on the running console, over real HTTP (real servlet
 * container, multipart parsing, sessions and CSRF) against the KMS sandbox through the
 * real SDK: an imported path and credential reach KMS; the secret is in no page and no
 * log line; it works once, for its own session and user, and is gone after cancel and
 * sign-out; the container's upload limit ends on the form. Seeded stores are put back.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class XksImportApplicationTest {

    private static final String[] VERBOSE = { "com.cksconsole", "software.amazon.awssdk", "org.springframework.web" };

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    private static final String SECRET = SeededKeyStores.TENANT_B_SECRET;

    private static final byte[] TENANT_B = ImportFixtures.bytes(ImportFixtures.TENANT_B);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    LoggingSystem logging;

    @Autowired
    ImportedSecretStore importedSecrets;

    @Autowired
    SessionRepository<? extends Session> sessions;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    private SeededKeyStores sandbox;

    private ConsoleHttpClient http;

    private ConsoleFlows console;

    @BeforeEach
    void signInWithVerboseLogging() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, LogLevel.DEBUG);
        }
        sandbox = SeededKeyStores.of(context);
        sandbox.ensureConnected(STORE);
        http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        console = new ConsoleFlows(http);
    }

    @AfterEach
    void restore() {
        for (String logger : VERBOSE) {
            logging.setLogLevel(logger, null);
        }
        sandbox.restorePublicXks();
    }

    @Test
    void anImportedPathAndCredentialReachKmsAndTheSecretIsInNoPageAndNoLogLine(CapturedOutput output) {
        var imported = console.importFile(STORE, "edit", "tenant-b.json", TENANT_B);
        assertThat(imported.statusCode()).isEqualTo(200);
        assertThat(imported.body()).contains("secret access key: <strong>from the uploaded file</strong>");

        var submitted = console.submitShown(imported.body(), STORE, "xks");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        String review = reviewPath(submitted);
        assertThat(console.get(review).body()).contains("tenant-b.json (" + TENANT_B.length + " bytes");
        var applied = console.confirm(review, "CHG-4004 rotate");
        assertThat(applied.statusCode()).isEqualTo(302);
        assertThat(console.get("/t/default/key-stores/" + STORE).body()).contains("KMS accepted the change");

        var xks = sandbox.describe(STORE).xksProxyConfiguration();
        assertThat(xks.uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(xks.accessKeyId()).isEqualTo(SeededKeyStores.TENANT_B_KEY);
        assertThat(sandbox.describe(STORE).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(console.pages()).hasSizeGreaterThanOrEqualTo(6).allSatisfy(XksImportApplicationTest::noSecretIn);
        assertThat(output.getAll()).as("the log records the import")
            .contains("tenant-b.json")
            .contains(ImportFixtures.sha256(TENANT_B))
            .doesNotContain(SECRET);
        assertThat(ImportFixtures.substrings(SECRET, 8))
            .allSatisfy(part -> assertThat(output.getAll()).doesNotContain(part));
    }

    @Test
    void importAndReviewLeadsToTheReviewAndAppliesTheFilesValues() {
        var imported = console.importFile(STORE, "review", "tenant-b.json", TENANT_B);

        assertThat(imported.statusCode()).isEqualTo(302);
        assertThat(auditLog.changeHistory(STORE, 1)).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.IMPORT_PROXY_CONFIGURATION.name());
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(entry.details()).singleElement().satisfies(file -> {
                assertThat(file.fileName()).isEqualTo("tenant-b.json");
                assertThat(file.size()).isEqualTo(TENANT_B.length);
                assertThat(file.sha256()).isEqualTo(ImportFixtures.sha256(TENANT_B));
            });
        });
        var applied = console.confirm(reviewPath(imported), "");
        assertThat(applied.statusCode()).isEqualTo(302);
        assertThat(sandbox.describe(STORE).xksProxyConfiguration().accessKeyId())
            .isEqualTo(SeededKeyStores.TENANT_B_KEY);
        assertThat(console.pages()).allSatisfy(XksImportApplicationTest::noSecretIn);
        assertThat(auditLog.changeHistory(STORE, 1)).singleElement().satisfies(update -> {
            assertThat(update.event().action()).isEqualTo(KeyStoreAuditAction.UPDATE_CUSTOM_KEY_STORE.name());
            assertThat(update.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(update.details()).extracting(AuditParameter::sha256)
                .containsExactly(ImportFixtures.sha256(TENANT_B));
            assertThat(update.event().parameters().toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void anImportedEndpointOnAConnectedStoreGoesThroughTheGuidedChangeLikeATypedOne() {
        byte[] lab = ("{\"XksProxyUriEndpoint\": \"" + GuidedChangeApplicationTest.LAB + "\","
                + " \"XksProxyUriPath\": \"/tenant-a/kms/xks/v1\", \"XksProxyConnectivity\": \"PUBLIC_ENDPOINT\","
                + " \"XksProxyAuthenticationCredential\": {\"AccessKeyId\": \"" + SeededKeyStores.TENANT_A_KEY + "\","
                + " \"RawSecretAccessKey\": \"" + SeededKeyStores.TENANT_A_SECRET + "\"}}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        String review = reviewPath(console.importFile(STORE, "review", "lab.json", lab));
        String reviewPage = console.get(review).body();
        assertThat(reviewPage).contains("<td><strong>" + GuidedChangeApplicationTest.LAB + "</strong></td>")
            .contains("This change needs the key store DISCONNECTED, and it is CONNECTED")
            .contains("Reachable and healthy.");
        Map<String, String> fields = new java.util.LinkedHashMap<>(HtmlForm.readExact(reviewPage, review + "/guided"));
        fields.put("mode", "RECONNECT");
        var started = console.postForm(review + "/guided", fields);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        String run = started.headers().firstValue("Location").orElseThrow();

        org.awaitility.Awaitility.await()
            .atMost(GuidedChangeApplicationTest.RUN_TIME)
            .pollInterval(java.time.Duration.ofMillis(50))
            .until(() -> console.get(run.substring(run.indexOf("/t/default/key-stores/"))).body(),
                    body -> body.contains("data-live-run-status>Completed</span>"));
        var xks = sandbox.describe(STORE).xksProxyConfiguration();
        assertThat(xks.uriEndpoint()).isEqualTo(GuidedChangeApplicationTest.LAB);
        assertThat(sandbox.describe(STORE).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(console.pages())
            .allSatisfy(page -> assertThat(page).doesNotContain(SeededKeyStores.TENANT_A_SECRET));
    }

    @Test
    void aRefusedFileIsAuditedAsRejectedWithItsNameSizeAndHash() {
        byte[] broken = "{\"XksProxyUriPath\": [1]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var refused = console.importFile(STORE, "edit", "broken.json", broken);
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(auditLog.changeHistory(STORE, 1)).singleElement().satisfies(entry -> {
            assertThat(entry.event().action()).isEqualTo(KeyStoreAuditAction.IMPORT_PROXY_CONFIGURATION.name());
            assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
            assertThat(entry.details()).extracting(AuditParameter::fileName).containsExactly("broken.json");
        });
    }

    @Test
    void aSecondApplyCannotReuseTheImportedSecret() {
        var imported = console.importFile(STORE, "edit", "tenant-b.json", TENANT_B);
        String handle = handleOf(imported);
        String review = reviewPath(console.submitShown(imported.body(), STORE, "xks"));
        assertThat(pending(handle)).as("the secret moved into the pending change").isFalse();
        var reviewForm = HtmlForm.readExact(console.get(review).body(), review);
        assertThat(console.postForm(review, reviewForm).statusCode()).isEqualTo(302);
        assertThat(sandbox.describe(STORE).xksProxyConfiguration().accessKeyId())
            .isEqualTo(SeededKeyStores.TENANT_B_KEY);
        sandbox.restorePublicXks();

        var again = console.postForm(review, reviewForm);

        assertThat(again.headers().firstValue("Location").orElseThrow())
            .endsWith("/t/default/key-stores/" + STORE + "/edit");
        assertThat(console.get("/t/default/key-stores/" + STORE + "/edit").body())
            .contains("expired or was already used");
        assertThat(sandbox.describe(STORE).xksProxyConfiguration().accessKeyId())
            .as("the store as restored, not changed again")
            .isEqualTo(SeededKeyStores.TENANT_A_KEY);
    }

    @Test
    void theSameUserInAnotherSessionCannotUseTheHandle() {
        var imported = console.importFile(STORE, "edit", "tenant-b.json", TENANT_B);
        var elsewhere = signedInAgain();
        elsewhere.get("/t/default/key-stores/" + STORE + "/edit");

        var stolen = elsewhere.submitShown(imported.body(), STORE, "xks");

        assertThat(stolen.statusCode()).isEqualTo(200);
        assertThat(stolen.body()).contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
        assertThat(console.submitShown(imported.body(), STORE, "xks").statusCode())
            .as("still there for the session that imported it")
            .isEqualTo(302);
        assertThat(sandbox.describe(STORE).xksProxyConfiguration().accessKeyId())
            .isEqualTo(SeededKeyStores.TENANT_A_KEY);
    }

    @Test
    void anotherUserCannotUseTheHandle() throws Exception {
        var page = mvc.post()
            .uri("/t/default/key-stores/" + STORE + "/edit/import")
            .multipart()
            .file(ImportFixtures.upload(ImportFixtures.TENANT_B))
            .with(user("olivia").roles("OPERATOR"))
            .with(csrf())
            .param("then", "edit");
        var fields = HtmlForm.read(console.get("/t/default/key-stores/" + STORE + "/edit").body(), "/edit/xks");
        fields.forEach((name, value) -> {
            if (!name.equals(XksImports.FILE)) {
                page.param(name, value);
            }
        });
        var imported = page.exchange().getResponse();
        var form = HtmlForm.read(imported.getContentAsString(), "/edit/xks");
        // The session is in the database (Spring Session): its cookie and the key cookie
        // make the next requests of the same browser.
        var browser = imported.getCookies();
        assertThat(form.get(XksUpdateForm.IMPORTED_SECRET)).isNotBlank();

        for (var who : List.of(user("oscar").roles("OPERATOR"), user("ada").roles("ADMIN"))) {
            var attempt = mvc.post()
                .uri("/t/default/key-stores/" + STORE + "/edit/xks")
                .cookie(browser)
                .with(who)
                .with(csrf());
            form.forEach(attempt::param);
            assertThat(attempt).hasStatusOk().bodyText().contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
        }
        var owner = mvc.post()
            .uri("/t/default/key-stores/" + STORE + "/edit/xks")
            .cookie(browser)
            .with(user("olivia").roles("OPERATOR"))
            .with(csrf());
        form.forEach(owner::param);
        assertThat(owner).as("still there for its owner").hasStatus3xxRedirection();
    }

    @Test
    void cancellingTheFormForgetsTheImportedSecret() {
        var imported = console.importFile(STORE, "edit", "tenant-b.json", TENANT_B);
        String handle = handleOf(imported);
        assertThat(pending(handle)).isTrue();

        var cancelled = console.submitShown(imported.body(), STORE, "cancel");

        assertThat(cancelled.statusCode()).isEqualTo(302);
        assertThat(pending(handle)).isFalse();
        assertThat(console.submitShown(imported.body(), STORE, "xks").body())
            .contains(html(XksImports.SECRET_GONE.formatted("10 minutes")));
    }

    @Test
    void cancellingTheReviewForgetsThePendingChangeWithTheSecret() {
        String review = reviewPath(console.importFile(STORE, "review", "tenant-b.json", TENANT_B));
        var reviewForm = HtmlForm.readExact(console.get(review).body(), review);

        var cancelled = console.postForm(review + "/cancel", Map.of("then", "detail"));
        var applied = console.postForm(review, reviewForm);

        assertThat(cancelled.headers().firstValue("Location").orElseThrow()).endsWith("/t/default/key-stores/" + STORE);
        assertThat(applied.headers().firstValue("Location").orElseThrow()).endsWith("/edit");
        assertThat(sandbox.describe(STORE).xksProxyConfiguration().accessKeyId())
            .isEqualTo(SeededKeyStores.TENANT_A_KEY);
    }

    @Test
    void signingOutForgetsTheImportedSecret() {
        var imported = console.importFile(STORE, "edit", "tenant-b.json", TENANT_B);
        String handle = handleOf(imported);
        assertThat(pending(handle)).isTrue();
        String sessionId = http.cookie("JSESSIONID").orElseThrow();
        String key = http.cookie(SessionVault.KEY_COOKIE).orElseThrow();

        var signedOut = console.postForm("/logout", Map.of());

        assertThat(signedOut.headers().firstValue("Location").orElseThrow()).endsWith("/login?signedOut");
        boolean stillPending = SessionVaultFixture.inStoredSession(sessions, sessionId, key,
                session -> importedSecrets.isPending(handle, session, "admin", TestTargets.ref(STORE).toString()));
        assertThat(stillPending).isFalse();
    }

    // --- real multipart in the real container
    // ---------------------------------------------------------------

    @Test
    void theContainerReadsTheCsrfTokenFromTheMultipartBodyAndRefusesAnImportWithoutIt() {
        var editPage = console.get("/t/default/key-stores/" + STORE + "/edit");
        var fields = HtmlForm.read(editPage.body(), "/edit/xks");
        fields.remove(XksImports.FILE);
        fields.put("then", "edit");

        var withoutToken = http.postMultipartWithoutToken("/t/default/key-stores/" + STORE + "/edit/import", fields,
                XksImports.FILE, "tenant-b.json", TENANT_B);
        var withToken = http.postMultipart("/t/default/key-stores/" + STORE + "/edit/import", fields, XksImports.FILE,
                "tenant-b.json", TENANT_B);

        assertThat(withoutToken.statusCode()).isEqualTo(403);
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("Imported from tenant-b.json");
        assertThat(withToken.request().uri().getQuery()).as("the token is never in the URL").isNull();
    }

    @Test
    void aFileJustOverTheImportLimitGetsTheParsersMessageWithTheTypedInputKept() {
        var page = console.importFile(STORE, "edit", "big.json", ImportFixtures.validOfSize(65_537), XksUpdateForm.NAME,
                "typed-before-the-upload");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
            .contains(html("The file \"big.json\" is 65,537 bytes; a proxy configuration may be"
                    + " at most 64 KiB (65,536 bytes)."))
            .contains("value=\"typed-before-the-upload\"");
    }

    @Test
    void aFileOverTheContainersLimitEndsOnTheFormWithTheTooLargeMessage() {
        var refused = console.importFile(STORE, "edit", "huge.json", new byte[128 * 1024 + 1], XksUpdateForm.NAME,
                "typed-before-the-upload");

        assertThat(refused.statusCode()).isEqualTo(303);
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/t/default/key-stores/" + STORE + "/edit?upload=too-large");
        var form = console.get(location.substring(location.indexOf("/t/default/key-stores/")));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains(html(XksImports.TOO_LARGE.formatted("64 KiB")))
            .contains("<a href=\"#proxyConfigurationFile\">");
    }

    @Test
    void aFileNameLongerThanAnyFileSystemAllowsIsRefusedAsSuchWithTheTypedInputKept() {
        var page = console.importFile(STORE, "edit", "a".repeat(1_000) + ".json", TENANT_B, XksUpdateForm.NAME,
                "typed-before-the-upload");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
            .contains(html("The name of the chosen file is 1,005 characters long; a file name has"
                    + " at most 255 characters. Rename the file, then import it again."))
            .contains("value=\"typed-before-the-upload\"")
            .doesNotContain("Imported from");
    }

    @Test
    void aFileNameOverTheContainersLimitEndsOnTheFormSayingTheNameIsTooLong() {
        var refused = console.importFile(STORE, "edit", "a".repeat(5_000) + ".json", TENANT_B);

        var form = followRefusal(refused, "name-too-long");
        assertThat(form.body()).contains(html(XksImports.NAME_TOO_LONG))
            .doesNotContain(html(XksImports.TOO_LARGE.formatted("64 KiB")));
    }

    @Test
    void aFormOfTooManyPartsIsRefusedAsSuchWithTheTypedInputKept() {
        var page = importWithExtraParts(60, "typed-before-the-upload");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
            .containsPattern("The form arrived in \\d+ parts, more than the 50 the edit form may"
                    + " send, so nothing was imported\\.")
            .contains("value=\"typed-before-the-upload\"")
            .doesNotContain("Imported from");
    }

    @Test
    void aFormOfMorePartsThanTheContainerReadsEndsOnTheFormSayingSo() {
        var refused = importWithExtraParts(250, "typed-before-the-upload");

        var form = followRefusal(refused, "too-many-parts");
        assertThat(form.body()).contains(html(XksImports.TOO_MANY_PARTS))
            .doesNotContain(html(XksImports.TOO_LARGE.formatted("64 KiB")));
    }

    @Test
    void aUtf32FileIsNamedUtf32WithItsByteOrder() {
        String json = "\uFEFF" + new String(TENANT_B, StandardCharsets.UTF_8);

        var littleEndian = console.importFile(STORE, "edit", "le.json", json.getBytes(Charset.forName("UTF-32LE")));
        var bigEndian = console.importFile(STORE, "edit", "be.json", json.getBytes(Charset.forName("UTF-32BE")));

        assertThat(littleEndian.body()).contains(
                html("The file \"le.json\" is saved as UTF-32 (little-endian); save" + " it as UTF-8 and try again."));
        assertThat(bigEndian.body()).contains(
                html("The file \"be.json\" is saved as UTF-32 (big-endian); save it as" + " UTF-8 and try again."));
    }

    // --- helpers
    // --------------------------------------------------------------------------------------------

    /**
     * The XKS form as shown, with a typed name and {@code extra} parts the form does not
     * have, and a file.
     */
    private HttpResponse<String> importWithExtraParts(int extra, String typedName) {
        var fields = new LinkedHashMap<>(
                HtmlForm.read(console.get("/t/default/key-stores/" + STORE + "/edit").body(), "/edit/xks"));
        fields.remove(XksImports.FILE);
        fields.put(XksUpdateForm.NAME, typedName);
        fields.put("then", "edit");
        for (int i = 0; i < extra; i++) {
            fields.put("extra" + i, "x");
        }
        return http.postMultipart("/t/default/key-stores/" + STORE + "/edit/import", fields, XksImports.FILE,
                "tenant-b.json", TENANT_B);
    }

    /**
     * The edit page the console redirected a refused upload to, with the reason in the
     * redirect.
     */
    private HttpResponse<String> followRefusal(HttpResponse<String> refused, String reason) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).isEqualTo("/t/default/key-stores/" + STORE + "/edit?upload=" + reason);
        var form = console.get(location);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<a href=\"#proxyConfigurationFile\">");
        return form;
    }

    private ConsoleFlows signedInAgain() {
        return new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    private boolean pending(String handle) {
        return SessionVaultFixture.inStoredSession(sessions, http.cookie("JSESSIONID").orElseThrow(),
                http.cookie(SessionVault.KEY_COOKIE).orElse(null),
                session -> importedSecrets.isPending(handle, session, "admin", TestTargets.ref(STORE).toString()));
    }

    private static String handleOf(HttpResponse<String> page) {
        String handle = HtmlForm.read(page.body(), "/edit/xks").get(XksUpdateForm.IMPORTED_SECRET);
        assertThat(handle).isNotBlank();
        return handle;
    }

    private static String reviewPath(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/review/");
        return location.substring(location.indexOf("/t/default/key-stores/"));
    }

    private static void noSecretIn(String page) {
        assertThat(page).doesNotContain(SECRET);
        assertThat(ImportFixtures.substrings(SECRET, 8)).allSatisfy(part -> assertThat(page).doesNotContain(part));
    }

    private static String html(String text) {
        return HtmlUtils.htmlEscape(text, "UTF-8");
    }

}
