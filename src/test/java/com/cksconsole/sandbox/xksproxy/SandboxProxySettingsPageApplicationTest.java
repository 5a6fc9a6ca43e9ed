package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditLogAction;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.sandbox.SandboxSettings;
import com.cksconsole.sandbox.kms.SandboxKmsFaults;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The sandbox proxy settings page, as a custodian rehearsing a rotation uses it: ADMIN
 * only; credentials added by form or proxy configuration file are accepted by the proxy
 * (GetHealthStatus through the console's own XKS client), removed ones get 401; secrets
 * appear neither in the HTML nor in the log. Works on {@code /tenant-dr} with access key
 * IDs no other test uses, and restores the prefix after each test.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class SandboxProxySettingsPageApplicationTest {

    static final String PREFIX = "/tenant-dr";

    static final String FORM_KEY = "PAGEFORMKEYIDABCDEF234";

    static final String FORM_SECRET = "cGFnZS1mb3JtLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24x";

    static final String FILE_KEY = "PAGEFILEKEYIDABCDEF234";

    static final String FILE_SECRET = "cGFnZS1maWxlLXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24y";

    /** Configured on /tenant-dr (application-sandbox.yml). */
    static final String CONFIGURED_KEY = "SANDBOXTENANTBKEYID234";

    static final String CONFIGURED_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    private static final String PASSWORD = "page-test-password-2026";

    @LocalServerPort
    int port;

    @Autowired
    SandboxProxyCredentials credentials;

    @Autowired
    XksProxyClient client;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog auditLog;

    @Autowired
    SandboxKmsFaults faults;

    /** The fault setting's path (its route is package-private in sandbox.kms). */
    private static final class SandboxKmsSettingsPaths {

        static final String FAULTS = "/sandbox-settings/kms/faults";

    }

    @AfterEach
    void backToConfiguration() {
        credentials.remove(PREFIX, FORM_KEY);
        credentials.remove(PREFIX, FILE_KEY);
    }

    @Test
    void anAdministratorSeesEveryPrefixWithItsBehaviourAndAccessKeyIdsButNoSecret() {
        var page = admin().get(SandboxSettings.PAGE);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("/tenant-dr/kms/xks/v1", "/tenant-a/kms/xks/v1", CONFIGURED_KEY, "configured",
                "data-driven-by", "KMS fault injection", "name=\"_csrf\"");
        assertThat(page.body()).doesNotContain(CONFIGURED_SECRET);
        assertThat(page.body()).containsPattern(
                "type=\"password\" name=\"secret-access-key\"[^>]*value=\"\"" + "[^>]*autocomplete=\"off\"");
    }

    @Test
    void theHomePageLinksToItForAnAdministrator() {
        assertThat(admin().get("/").body()).contains("href=\"/sandbox-settings/xks-proxy\"");
    }

    @Test
    void operatorsAndViewersAreRefusedAndTheRefusalIsAudited() {
        for (Role role : Set.of(Role.OPERATOR, Role.VIEWER)) {
            String name = givenUser(role);
            var user = ConsoleHttpClient.signedIn(port, name, PASSWORD);
            user.get("/");

            assertThat(user.get(SandboxSettings.PAGE).statusCode()).as(role.name()).isEqualTo(403);
            assertThat(user
                .postForm(SandboxKmsSettingsPaths.FAULTS,
                        Map.of("operation", "UpdateCustomKeyStore", "error", "KMSInternalException", "times", "1"))
                .statusCode()).as(role.name()).isEqualTo(403);
            assertThat(user.get("/").body()).as(role.name()).doesNotContain("/sandbox-settings/xks-proxy");
            assertThat(AuditTestEvents.of(auditLog, name, AuditLogAction.ACCESS_DENIED))
                .extracting(entry -> entry.details()
                    .stream()
                    .filter(detail -> detail.name().equals("path"))
                    .map(detail -> String.valueOf(detail.value()))
                    .findFirst()
                    .orElse(""))
                .contains(SandboxSettings.PAGE, SandboxKmsSettingsPaths.FAULTS);
        }
        assertThat(faults.pending()).isEmpty();
    }

    @Test
    void aCredentialAddedByFormIsAcceptedAndARemovedOneGets401WithoutTheSecretAnywhere(CapturedOutput output) {
        var admin = admin();
        admin.get(SandboxSettings.PAGE);

        var added = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH, Map.of("from", "page", "prefix",
                PREFIX, "action", "add", "access-key-id", FORM_KEY, "secret-access-key", FORM_SECRET));

        assertRedirectToPage(added);
        var page = admin.get(SandboxSettings.PAGE);
        assertThat(page.body()).contains("now accepts " + FORM_KEY, "added at run time").doesNotContain(FORM_SECRET);
        assertThat(healthWith(FORM_KEY, FORM_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);

        var removed = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH,
                Map.of("from", "page", "prefix", PREFIX, "action", "remove", "access-key-id", FORM_KEY));

        assertRedirectToPage(removed);
        assertThat(admin.get(SandboxSettings.PAGE).body()).contains("no longer accepts " + FORM_KEY);
        assertThat(healthWith(FORM_KEY, FORM_SECRET)).isInstanceOfSatisfying(XksHealthCheckResult.Failed.class,
                failed -> {
                    assertThat(failed.kind()).isEqualTo(XksFailureKind.AUTHENTICATION_FAILED);
                    assertThat(failed.httpStatus()).isEqualTo(401);
                });
        assertThat(output.getAll()).contains(FORM_KEY).doesNotContain(FORM_SECRET);
    }

    @Test
    void anUploadedProxyConfigurationFileAddsItsCredentialToThePrefixOfItsPath(CapturedOutput output) {
        var admin = admin();
        admin.get(SandboxSettings.PAGE);

        var uploaded = admin.postMultipart(SandboxXksProxySettingsRoutes.UPLOAD_PATH,
                Map.of("from", "page", "prefix", PREFIX), "file", "tenant-dr.json", configFile("/tenant-dr"));

        assertRedirectToPage(uploaded);
        var page = admin.get(SandboxSettings.PAGE);
        assertThat(page.body()).contains("now accepts " + FILE_KEY).doesNotContain(FILE_SECRET);
        assertThat(healthWith(FILE_KEY, FILE_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);
        assertThat(output.getAll()).doesNotContain(FILE_SECRET);
    }

    @Test
    void aFileForAnotherPrefixIsRefusedInThisPrefixsForm() {
        var admin = admin();
        admin.get(SandboxSettings.PAGE);

        var uploaded = admin.postMultipart(SandboxXksProxySettingsRoutes.UPLOAD_PATH,
                Map.of("from", "page", "prefix", PREFIX), "file", "tenant-a.json", configFile("/tenant-a"));

        assertRedirectToPage(uploaded);
        assertThat(admin.get(SandboxSettings.PAGE).body()).containsPattern(
                "class=\"field__error\" id=\"file-\\d+-error\">\\s*<span class=\"visually-hidden\">Error:</span>\\s*"
                        + "<span>The file is for the prefix &#39;/tenant-a&#39;");
        assertThat(credentials.accepted("/tenant-a")).noneMatch(r -> r.accessKeyId().equals(FILE_KEY));
        assertThat(healthWith(FILE_KEY, FILE_SECRET)).isInstanceOf(XksHealthCheckResult.Failed.class);
    }

    @Test
    void aMalformedSecretIsShownNextToItsFieldWithTheAccessKeyIdKeptAndTheSecretNot() {
        var admin = admin();
        admin.get(SandboxSettings.PAGE);
        String badSecret = "not-a-secret-because-dashes";

        var refused = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH, Map.of("from", "page", "prefix",
                PREFIX, "action", "add", "access-key-id", FORM_KEY, "secret-access-key", badSecret));

        assertRedirectToPage(refused);
        String html = admin.get(SandboxSettings.PAGE).body();
        assertThat(html).containsPattern("id=\"secret-access-key-\\d+-error\"><span class=\"visually-hidden\">Error:"
                + "</span>\\s*<span>The secret must be 43-64 characters");
        assertThat(html).containsPattern("name=\"access-key-id\" id=\"access-key-id-\\d+\"[^>]*value=\"" + FORM_KEY);
        assertThat(html).doesNotContain(badSecret);
        assertThat(credentials.accepted(PREFIX)).noneMatch(r -> r.accessKeyId().equals(FORM_KEY));
    }

    @Test
    void theScriptsPlainTextAnswersStay() {
        var admin = admin();

        var added = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH,
                Map.of("prefix", PREFIX, "action", "add", "access-key-id", FORM_KEY, "secret-access-key", "short"));

        assertThat(added.statusCode()).isEqualTo(400);
        assertThat(added.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    }

    private static void assertRedirectToPage(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
            .hasValueSatisfying(location -> assertThat(location).endsWith(SandboxSettings.PAGE));
    }

    private static byte[] configFile(String prefix) {
        return ("{\"XksProxyUriPath\": \"" + prefix + "/kms/xks/v1\", \"XksProxyAuthenticationCredential\": "
                + "{\"AccessKeyId\": \"" + FILE_KEY + "\", \"RawSecretAccessKey\": \"" + FILE_SECRET + "\"}}")
            .getBytes(StandardCharsets.UTF_8);
    }

    private XksHealthCheckResult healthWith(String accessKeyId, String secret) {
        return client.getHealthStatus(new XksHealthCheckRequest(URI.create("https://xks-dr.sandbox.example.com"),
                PREFIX + "/kms/xks/v1", new XksProxyCredential(accessKeyId, secret), "us-east-1", "KmsHealthCheck",
                UUID.randomUUID().toString()));
    }

    private ConsoleHttpClient admin() {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/");
        return admin;
    }

    private String givenUser(Role role) {
        String name = "sandbox-page-" + role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(role), true, false));
        return name;
    }

}
