package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * Rights take effect at once, over real HTTP: a session signed in before its user was
 * demoted, disabled or given a new password is ended at its next request (redirected to
 * the sign-in page), before it reaches any controller.
 */
@ConsoleApplicationTest
class SessionRightsApplicationTest {

    static final String PASSWORD = "session-rights-passphrase-2026";
    static final String ENDED = "/login?ended";

    private static final Pattern FINGERPRINT = Pattern.compile("name=\"fingerprint\" value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApplicationContext context;

    private SeededKeyStores sandbox;

    @BeforeEach
    void sandbox() {
        sandbox = SeededKeyStores.of(context);
    }

    @AfterEach
    void restoreStores() {
        // Only changed when a test fails (the attack got through); put back for the other
        // tests of the context.
        sandbox.restorePaymentsHsm();
        sandbox.restorePublicXks();
    }

    private String givenUser(String prefix, Role... roles) {
        return TestUsers.given(users, encoder, prefix, PASSWORD, roles);
    }

    private ConsoleHttpClient signedIn(String name) {
        return ConsoleHttpClient.signedIn(port, name, PASSWORD);
    }

    /** What an administrator does on the Users page, over HTTP with their own session. */
    private void administrator(String path, Map<String, String> form) {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/users");
        var done = admin.postForm(path, form);
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");
    }

    private static void assertEnded(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(ENDED);
    }

    private List<String> actionsOf(String actor) {
        return AuditTestEvents.of(auditLog, actor).stream().map(e -> e.event().action()).toList();
    }

    /**
     * An operator signs in and opens a confirmation page, an administrator demotes them
     * to VIEWER, then the old session posts the page's form: the session has ended.
     * Returns the operator's name.
     */
    private String demotedOperatorConfirms(String page) {
        String operator = givenUser("demoted-operator", Role.OPERATOR);
        var old = signedIn(operator);
        assertThat(old.get(page).statusCode()).isEqualTo(200);

        administrator("/users/" + operator + "/roles", Map.of("roles", "VIEWER"));

        assertEnded(old.postForm(page, Map.of()));
        return operator;
    }

    @Test
    void aDemotedOperatorsOldSessionCannotConnect() {
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);

        String operator = demotedOperatorConfirms("/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM + "/connect");

        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).connectionState())
            .isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(actionsOf(operator)).doesNotContain("CONNECT_CUSTOM_KEY_STORE");
    }

    @Test
    void aDemotedOperatorsOldSessionCannotDisconnect() {
        sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);

        String operator = demotedOperatorConfirms(
                "/t/default/key-stores/" + SeededKeyStores.PUBLIC_XKS + "/disconnect");

        assertThat(sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionState())
            .isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(actionsOf(operator)).doesNotContain("DISCONNECT_CUSTOM_KEY_STORE");
    }

    @Test
    void aDemotedOperatorsOldSessionCannotApplyAReviewedChange() {
        String operator = givenUser("demoted-apply", Role.OPERATOR);
        var old = signedIn(operator);
        String store = "/t/default/key-stores/" + SeededKeyStores.PAYMENTS_HSM;
        var edit = old.get(store + "/edit");
        var submitted = old.postForm(store + "/edit/cloudhsm", Map.of("newCustomKeyStoreName", "renamed-by-demoted",
                "cloudHsmClusterId", "cluster-k4p2mq7xa3b", "keyStorePassword", "", "fingerprint", fingerprint(edit)));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(302);
        String location = submitted.headers().firstValue("Location").orElseThrow();
        String review = location.substring(location.indexOf("/t/default/key-stores/"));
        var reviewPage = old.get(review);
        assertThat(reviewPage.statusCode()).isEqualTo(200);

        administrator("/users/" + operator + "/roles", Map.of("roles", "VIEWER"));

        assertEnded(old.postForm(review, Map.of("fingerprint", fingerprint(reviewPage), "reason", "CHG-1")));
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName()).isEqualTo("payments-hsm-dr");
        assertThat(actionsOf(operator)).doesNotContain("UPDATE_CUSTOM_KEY_STORE");
    }

    @Test
    void aDisabledAdministratorsOldSessionCannotEnableThemselvesAgain() {
        String rogue = givenUser("rogue-admin", Role.ADMIN);
        var old = signedIn(rogue);
        assertThat(old.get("/users/" + rogue).statusCode()).isEqualTo(200);

        administrator("/users/" + rogue + "/disable", Map.of());

        assertEnded(old.postForm("/users/" + rogue + "/enable", Map.of()));
        assertThat(users.findByUsername(rogue).orElseThrow().enabled()).isFalse();
        assertThat(old.get("/users").headers().firstValue("Location").orElseThrow())
            .as("the session is gone: anonymous now")
            .endsWith("/login");
    }

    @Test
    void anAdministratorsPasswordResetEndsEverySessionOfTheUserWithAClearMessage() {
        String user = givenUser("reset-target", Role.VIEWER);
        var first = signedIn(user);
        var second = signedIn(user);

        administrator("/users/" + user + "/password", Map.of("password", "administrator-reset-passphrase"));

        assertEnded(first.get("/key-stores"));
        assertEnded(second.get("/"));
        assertThat(first.get(ENDED).body()).contains("Your session was ended");
    }

    @Test
    void changingTheOwnPasswordEndsTheOtherSessionsButNotTheCurrentOne() {
        String user = givenUser("own-change", Role.VIEWER);
        var current = signedIn(user);
        var other = signedIn(user);

        current.get("/account/password");
        var changed = current.postForm("/account/password", Map.of("currentPassword", PASSWORD, "newPassword",
                "my-own-new-passphrase-7", "confirmPassword", "my-own-new-passphrase-7"));
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location").orElseThrow()).doesNotContain("/login");

        assertThat(current.get("/key-stores").statusCode()).isEqualTo(200);
        assertEnded(other.get("/key-stores"));
        assertThat(current.get("/").statusCode()).as("still signed in after the other session ended").isEqualTo(200);
    }

    @Test
    void theAuditLogRecordsEachEndedSessionWithItsReason() {
        String operator = givenUser("audited-demotion", Role.OPERATOR);
        var old = signedIn(operator);
        String sessionHash = sha256(old.cookie("JSESSIONID").orElseThrow());

        administrator("/users/" + operator + "/roles", Map.of("roles", "VIEWER"));
        assertEnded(old.get("/key-stores"));

        List<AuditEntry> ended = AuditTestEvents.of(auditLog, operator)
            .stream()
            .filter(e -> e.event().action().equals("SESSION_ENDED"))
            .toList();
        assertThat(ended).singleElement().satisfies(entry -> {
            assertThat(entry.event().sessionHash()).isEqualTo(sessionHash);
            assertThat(entry.event().actorRoles()).as("the rights the session had").containsExactly("OPERATOR");
            assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .contains("user=" + operator, "reason=roles changed");
        });
    }

    private static String fingerprint(HttpResponse<String> page) {
        var matcher = FINGERPRINT.matcher(page.body());
        assertThat(matcher.find()).as("the page holds the store's fingerprint").isTrue();
        return matcher.group(1);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
