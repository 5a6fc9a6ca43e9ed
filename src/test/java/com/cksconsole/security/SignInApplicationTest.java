package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Set;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The whole application on H2: sign-in, forced password change, error pages, actuator
 * exposure.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class SignInApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    private MvcTestResult signIn(String username, String password) {
        return mvc.post().uri("/login").param("username", username).param("password", password).with(csrf()).exchange();
    }

    /**
     * Sign-in replaces the session (fixation protection): later requests must use the new
     * one.
     */
    /**
     * The session's cookie: sessions live in the database (Spring Session), the browser
     * knows the cookie.
     */
    private static Cookie sessionOf(MvcTestResult signIn) {
        return signIn.getResponse().getCookie("JSESSIONID");
    }

    @Test
    void anonymousVisitorsAreSentToTheSignInPage() {
        assertThat(mvc.get().uri("/")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
    }

    @Test
    void theBootstrapAdministratorSignsInWithTheConfiguredPassword() {
        assertThat(signIn("admin", ConsoleApplicationTest.ADMIN_PASSWORD)).hasStatus3xxRedirection()
            .hasRedirectedUrl("/");
    }

    @Test
    void aWrongPasswordIsRefused() {
        users.insert(
                new UserAccount("mistyped", encoder.encode("the-right-password"), Set.of(Role.VIEWER), true, false));
        assertThat(signIn("mistyped", "not-the-password-at-all")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");
    }

    @Test
    void tenFailuresLockTheAccountEvenAgainstTheRightPasswordWithTheSameAnswer() {
        users
            .insert(new UserAccount("guessed", encoder.encode("the-right-password"), Set.of(Role.VIEWER), true, false));
        for (int i = 0; i < 10; i++) {
            // Attempts during the growing waits are refused unchecked and count as
            // failures too.
            signIn("guessed", "guess-" + i);
        }
        var refused = signIn("guessed", "the-right-password");
        var unknown = signIn("never-existed", "whatever-password");
        assertThat(refused).hasStatus3xxRedirection().hasRedirectedUrl("/login?error");
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo(unknown.getResponse().getRedirectedUrl());
    }

    @Test
    void anUnknownUserGetsTheSameAnswerAsAWrongPassword() {
        assertThat(signIn("nobody-here", "whatever-password")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() {
        assertThat(mvc.post()
            .uri("/login")
            .param("username", "admin")
            .param("password", ConsoleApplicationTest.ADMIN_PASSWORD)).hasStatus(403);
    }

    @Test
    void aDisabledUserCannotSignIn() {
        users.insert(new UserAccount("disabled-user", encoder.encode("disabled-user-password"), Set.of(Role.VIEWER),
                false, false));
        assertThat(signIn("disabled-user", "disabled-user-password")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");
    }

    @Test
    void aUserWithAGeneratedPasswordMustChangeItBeforeAnythingElse() {
        users.insert(new UserAccount("fresh-operator", encoder.encode("generated-secret-123"), Set.of(Role.OPERATOR),
                true, true));
        var signIn = signIn("fresh-operator", "generated-secret-123");
        assertThat(signIn).hasStatus3xxRedirection().hasRedirectedUrl("/account/password");
        var session = sessionOf(signIn);
        assertThat(mvc.get().uri("/").cookie(session)).hasStatus3xxRedirection().hasRedirectedUrl("/account/password");

        assertThat(mvc.post()
            .uri("/account/password")
            .cookie(session)
            .with(csrf())
            .param("currentPassword", "generated-secret-123")
            .param("newPassword", "short")
            .param("confirmPassword", "short")).hasStatusOk()
            .bodyText()
            .contains("Use at least 12 characters.")
            .doesNotContain("generated-secret-123");

        assertThat(mvc.post()
            .uri("/account/password")
            .cookie(session)
            .with(csrf())
            .param("currentPassword", "generated-secret-123")
            .param("newPassword", "a-much-better-passphrase")
            .param("confirmPassword", "a-much-better-passphrase")).hasStatus3xxRedirection().hasRedirectedUrl("/");
        assertThat(mvc.get().uri("/").cookie(session)).hasStatusOk();
        assertThat(encoder.matches("a-much-better-passphrase",
                users.findByUsername("fresh-operator").orElseThrow().passwordHash()))
            .isTrue();
        assertThat(users.findByUsername("fresh-operator").orElseThrow().mustChangePassword()).isFalse();
    }

    @Test
    void aPasswordChangeNeedsTheCurrentPassword() {
        users.insert(new UserAccount("careful-viewer", encoder.encode("careful-viewer-pass"), Set.of(Role.VIEWER), true,
                false));
        var session = sessionOf(signIn("careful-viewer", "careful-viewer-pass"));
        assertThat(mvc.post()
            .uri("/account/password")
            .cookie(session)
            .with(csrf())
            .param("currentPassword", "wrong-current-pass")
            .param("newPassword", "another-long-passphrase")
            .param("confirmPassword", "another-long-passphrase")).hasStatusOk()
            .bodyText()
            .contains("The current password is not correct.");
        assertThat(encoder.matches("careful-viewer-pass",
                users.findByUsername("careful-viewer").orElseThrow().passwordHash()))
            .isTrue();
    }

    @Test
    void theFirstPageShowsTheLayoutWithTheSignedInUser() {
        assertThat(mvc.get().uri("/").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("Custom Key Store Console")
            .contains("Signed in as <strong>admin</strong>")
            .contains("aria-label=\"Main\"");
    }

    @Test
    void healthIsOpenWithoutDetails() {
        assertThat(mvc.get().uri("/actuator/health")).hasStatusOk()
            .bodyText()
            .contains("\"status\":\"UP\"")
            .doesNotContain("components", "details", "diskSpace", "db");
    }

    @Test
    void infoMetricsAndPrometheusAreForAdministratorsOnly() {
        for (String endpoint : new String[] { "/actuator/info", "/actuator/metrics", "/actuator/prometheus" }) {
            assertThat(mvc.get().uri(endpoint).with(user("admin").roles("ADMIN"))).as(endpoint).hasStatusOk();
            for (String role : new String[] { "VIEWER", "OPERATOR", "AUDITOR" }) {
                assertThat(mvc.get().uri(endpoint).with(user("someone").roles(role))).as(endpoint).hasStatus(403);
            }
            assertThat(mvc.get().uri(endpoint)).as(endpoint).hasStatus3xxRedirection();
        }
    }

    @Test
    void otherActuatorEndpointsAreNotExposed() {
        assertThat(mvc.get().uri("/actuator/env").with(user("admin").roles("ADMIN"))).hasStatus(404);
        assertThat(mvc.get().uri("/actuator/heapdump").with(user("admin").roles("ADMIN"))).hasStatus(404);
    }

    @Test
    void strictTransportSecurityIsSentOverHttpsOnly() {
        assertThat(mvc.get().uri("/login").secure(true)).headers()
            .hasValue("Strict-Transport-Security", "max-age=31536000 ; includeSubDomains");
        assertThat(mvc.get().uri("/login")).headers().doesNotContainHeader("Strict-Transport-Security");
    }

}
