package com.cksconsole.rotation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.rotation.CredentialRotations;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.TestTargets;

/**
 * The rotation pages over HTTP, signed in as the console's users: the start form's errors
 * next to their fields with the other input kept and the secret never echoed, the proxy
 * configuration file handed out once, cancel, a viewer's read-only view, and the 404 of
 * an unknown run. On a store of this test's own (prefix {@code /rotation-pages-test}).
 */
@ConsoleApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RotationPagesApplicationTest {

    static final String PASSWORD = "rotation-pages-password-2026";

    /** Well-formed, 44 characters: a typed secret the pages must never echo. */
    static final String TYPED_SECRET = "dHlwZWQtcm90YXRpb24tc2VjcmV0LW5vdC1yZWFsLTAx";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CredentialRotations rotations;

    @Autowired
    KeyStoreReads reads;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    private SeededKeyStores sandbox;

    private KmsClient kms;

    private String storeId;

    private KeyStoreRef store;

    private String base;

    @BeforeAll
    void createTheStore() {
        sandbox = SeededKeyStores.of(context);
        kms = KeyStoreServices.defaultClient(context);
        storeId = kms
            .createCustomKeyStore(r -> r.customKeyStoreName("rotation-pages-store")
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                .xksProxyUriPath("/rotation-pages-test/kms/xks/v1")
                .xksProxyAuthenticationCredential(c -> c.accessKeyId("ROTATIONPAGESOLDKEYID234")
                    .rawSecretAccessKey("cm90YXRpb24tcGFnZXMtb2xkLXNlY3JldC1ub3QtcmVhbA==")))
            .customKeyStoreId();
        store = TestTargets.ref(storeId);
        base = "/t/default/key-stores/" + storeId;
        sandbox.ensureConnected(storeId);
    }

    @AfterEach
    void noRunLeftActive() {
        rotations.active(store).filter(run -> run.cancellable()).ifPresent(run -> rotations.cancel(run, "test"));
    }

    @AfterAll
    void deleteTheStore() {
        if (storeId != null) {
            sandbox.ensureDisconnected(storeId);
            kms.deleteCustomKeyStore(r -> r.customKeyStoreId(storeId));
            reads.forgetSnapshot();
            var http = admin();
            await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get("/key-stores").body().contains(storeId));
        }
    }

    private ConsoleHttpClient admin() {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/");
        return admin;
    }

    private ConsoleHttpClient user(Role role) {
        String name = "rotation-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(role), true, false));
        var user = ConsoleHttpClient.signedIn(port, name, PASSWORD);
        user.get("/");
        return user;
    }

    private static String runPath(String location) {
        var matcher = Pattern.compile("(/t/default/key-stores/[^/]+/rotations/[0-9a-f-]{36})").matcher(location);
        assertThat(matcher.find()).as(location).isTrue();
        return matcher.group(1);
    }

    @Test
    void theStartFormPutsEachErrorNextToItsFieldKeepsTheOtherInputAndNeverEchoesTheSecret() {
        var admin = admin();
        assertThat(admin.get(base + "/rotations/new").body()).contains("data-rotation-start-form")
            .contains("ROTATIONPAGESOLDKEYID234");

        var page = admin.postForm(base + "/rotations", Map.of("source", "own", "accessKeyId", "TOOSHORT2",
                "secretAccessKey", TYPED_SECRET, "reason", "CHG-4242"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"accessKeyId-error\"")
            .contains("Enter an access key ID of 20 to 30 characters")
            .contains("value=\"TOOSHORT2\"")
            .contains("value=\"CHG-4242\"")
            .doesNotContain(TYPED_SECRET)
            .doesNotContain("secretAccessKey-error");
        assertThat(rotations.active(store)).as("nothing started").isEmpty();

        var ownWithoutSecret = admin.postForm(base + "/rotations",
                Map.of("source", "own", "accessKeyId", "TYPEDROTATIONPAGEKEY2345", "reason", "CHG-4242"));
        assertThat(ownWithoutSecret.body()).contains("id=\"secretAccessKey-error\"")
            .contains("value=\"TYPEDROTATIONPAGEKEY2345\"");

        var current = admin.postForm(base + "/rotations",
                Map.of("source", "own", "accessKeyId", "ROTATIONPAGESOLDKEYID234", "secretAccessKey", TYPED_SECRET));
        assertThat(current.body()).contains("id=\"accessKeyId-error\"")
            .contains("This is the access key ID KMS uses now")
            .doesNotContain(TYPED_SECRET);
        assertThat(rotations.active(store)).isEmpty();
    }

    @Test
    void theProxyConfigurationFileIsHandedOutOnceAndTheRunCanBeCancelledBeforeTheUpdate() {
        var admin = admin();
        var started = admin.postForm(base + "/rotations", Map.of("source", "generate", "reason", "CHG-77"));
        assertThat(started.statusCode()).isEqualTo(302);
        String run = runPath(started.headers().firstValue("Location").orElseThrow());

        var page = admin.get(run);
        assertThat(page.body()).contains("data-rotation-status=\"AWAITING_INSTALL\"")
            .contains("data-download")
            .containsPattern("data-step=\"2\"\\s+data-step-state=\"current\"")
            .contains("CHG-77");

        var file = admin.postForm(run + "/configuration", Map.of());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(file.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
        assertThat(file.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
            .contains("xks-proxy-rotation-pages-test-");
        assertThat(file.body()).contains("\"XksProxyUriPath\" : \"/rotation-pages-test/kms/xks/v1\"")
            .contains("\"RawSecretAccessKey\"");
        String secret = file.body().replaceAll("(?s).*\"RawSecretAccessKey\" : \"([^\"]+)\".*", "$1").strip();
        assertThat(secret).hasSize(44);

        // The store's page and its edit page say that a rotation is under way, and link
        // to it.
        for (String storePage : new String[] { base, base + "/edit" }) {
            assertThat(admin.get(storePage).body()).as(storePage)
                .contains("data-ongoing-work")
                .contains("A credential rotation is under way on this key store")
                .contains("Do not change the proxy credential by hand until it ends.")
                .contains("href=\"" + run + "\"");
        }

        var again = admin.postForm(run + "/configuration", Map.of());
        assertThat(again.statusCode()).as("back to the page").isEqualTo(302);
        var after = admin.get(run).body();
        assertThat(after).contains("was downloaded already")
            .contains("data-downloaded")
            .doesNotContain("data-download>")
            .doesNotContain(secret);

        assertThat(admin.postForm(run + "/cancel", Map.of()).statusCode()).isEqualTo(302);
        var cancelled = admin.get(run).body();
        assertThat(admin.get(base).body()).as("no notice once it ended").doesNotContain("data-ongoing-work");
        assertThat(cancelled).contains("data-rotation-status=\"CANCELLED\"")
            .contains("The rotation was cancelled: nothing was changed at KMS.")
            .doesNotContain("data-cancel")
            .doesNotContain(secret);
    }

    @Test
    void aViewerSeesTheRunWithoutActionsAndIsRefusedEveryChange() {
        var admin = admin();
        String run = runPath(admin.postForm(base + "/rotations", Map.of("source", "generate"))
            .headers()
            .firstValue("Location")
            .orElseThrow());
        var viewer = user(Role.VIEWER);

        var page = viewer.get(run);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("data-rotation-status=\"AWAITING_INSTALL\"")
            .doesNotContain("data-download")
            .doesNotContain("data-installed")
            .doesNotContain("data-cancel");
        assertThat(viewer.get(base + "/rotations/new").statusCode()).isEqualTo(403);
        assertThat(viewer.postForm(run + "/configuration", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.postForm(run + "/cancel", Map.of()).statusCode()).isEqualTo(403);
        assertThat(admin.postFormWithoutToken(run + "/cancel", Map.of()).statusCode()).as("CSRF").isEqualTo(403);
        assertThat(rotations.active(store)).as("still active").isPresent();
    }

    @Test
    void anUnknownRunIsA404PageWithoutAStackTrace() {
        var page = admin().get(base + "/rotations/" + UUID.randomUUID());
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("No such rotation").doesNotContain("Exception");
    }

}
