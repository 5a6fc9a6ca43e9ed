package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.crypto.password.PasswordEncoder;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * The change-password form is no unthrottled password oracle, over real HTTP: a wrong
 * current password counts against the account's sign-in throttle, a locked account's
 * current password is not checked there either, and every wrong answer is in the audit
 * log.
 */
@ConsoleApplicationTest
class PasswordChangeThrottleApplicationTest {

    private static final String PASSWORD = "password-change-throttle-2026";

    private static final String NEW_PASSWORD = "a-brand-new-passphrase-99";

    @LocalServerPort
    int port;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog auditLog;

    private String givenUser(String prefix) {
        return TestUsers.given(users, encoder, prefix, PASSWORD, Role.VIEWER);
    }

    private static HttpResponse<String> changePassword(ConsoleHttpClient client, String currentPassword) {
        client.get("/account/password");
        return client.postForm("/account/password", Map.of("currentPassword", currentPassword, "newPassword",
                NEW_PASSWORD, "confirmPassword", NEW_PASSWORD));
    }

    private HttpResponse<String> signIn(String name, String password) {
        var client = ConsoleHttpClient.anonymous(port);
        client.get("/login");
        return client.postForm("/login", Map.of("username", name, "password", password));
    }

    @Test
    void wrongCurrentPasswordsLockTheAccountForSignInLikeWrongSignIns() {
        String user = givenUser("oracle-probe");
        var hijacked = ConsoleHttpClient.signedIn(port, user, PASSWORD);

        for (int guess = 0; guess < 10; guess++) {
            assertThat(changePassword(hijacked, "guess-number-" + guess).statusCode()).isEqualTo(200);
        }

        var rightPassword = signIn(user, PASSWORD);
        assertThat(rightPassword.headers().firstValue("Location").orElseThrow())
            .as("locked: even the right password is refused at sign-in")
            .endsWith("/login?error");
        assertThat(AuditTestEvents.of(auditLog, user, SecurityAuditAction.SIGN_IN_LOCKED)).isNotEmpty();
        assertThat(encoder.matches(PASSWORD, users.findByUsername(user).orElseThrow().passwordHash())).isTrue();
    }

    @Test
    void aLockedAccountsCurrentPasswordIsNotCheckedOnTheChangeFormEither() {
        String user = givenUser("locked-change");
        var session = ConsoleHttpClient.signedIn(port, user, PASSWORD);
        for (int guess = 0; guess < 10; guess++) {
            signIn(user, "sign-in-guess-" + guess);
        }

        var refused = changePassword(session, PASSWORD);

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Too many wrong passwords");
        assertThat(encoder.matches(PASSWORD, users.findByUsername(user).orElseThrow().passwordHash())).as("unchanged")
            .isTrue();
    }

    @Test
    void aWrongCurrentPasswordIsAuditedWithoutThePassword() {
        String user = givenUser("audited-guess");
        var session = ConsoleHttpClient.signedIn(port, user, PASSWORD);

        var refused = changePassword(session, "audited-wrong-guess-1");

        assertThat(refused.body()).contains("The current password is not correct.");
        assertThat(AuditTestEvents.of(auditLog, user, SecurityAuditAction.CHANGE_OWN_PASSWORD)).singleElement()
            .satisfies(entry -> {
                assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
                assertThat(entry.errorName()).isEqualTo("WrongCurrentPassword");
                assertThat(entry.toString()).doesNotContain("audited-wrong-guess-1", NEW_PASSWORD);
            });
    }

}
