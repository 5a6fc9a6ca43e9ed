package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import jakarta.servlet.http.Cookie;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.cksconsole.audit.AuditFilter;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditLogAction;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;

/**
 * {@code console.sso.local-sign-in=none}: the identity provider is the only way in. The
 * sign-in page offers no password form, and a password posted anyway (from a page saved
 * earlier, or by a script) fails even for the bootstrap administrator with the right
 * password, exactly like a wrong one: redirected to {@code /login?error}, recorded as a
 * failed Sign-in and counted by the sign-in throttle.
 *
 * <p>
 * The provider is configured but never contacted (the console reads its discovery
 * document only when a button is clicked), so its issuer is a port nobody answers on. The
 * sign-in page is read over real HTTP; the posts use MockMvc's CSRF token, because no
 * page an anonymous visitor can reach holds a form (and so a token) in this mode.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "console.sso.providers.corp.issuer-uri=http://127.0.0.1:9/",
        "console.sso.providers.corp.client-id=console", "console.sso.providers.corp.display-name=Corporate sign-in",
        "console.sso.local-sign-in=none" })
class SsoLocalSignInNoneApplicationTest {

    @LocalServerPort
    int port;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    SignInThrottleRepository throttleRows;

    @Autowired
    SignInProperties signInSettings;

    private MvcTestResult signInAsAdmin() {
        return mvc.post()
            .uri("/login")
            .param("username", "admin")
            .param("password", ConsoleApplicationTest.ADMIN_PASSWORD)
            .with(csrf())
            .exchange();
    }

    private int adminFailures() {
        return throttleRows.find(SignInThrottle.userKey("admin"))
            .map(SignInThrottleRepository.Entry::failures)
            .orElse(0);
    }

    @Test
    void theSignInPageOffersTheProviderAndNoPasswordForm() {
        var page = ConsoleHttpClient.anonymous(port).get("/login");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Sign in with Corporate sign-in")
            .contains("href=\"/sso/corp\"")
            .doesNotContain("type=\"password\"")
            .doesNotContain("name=\"username\"")
            .doesNotContain("<form")
            .doesNotContain("break glass");
    }

    /**
     * The header's "Sign out of <provider> too" form ends in a redirect to the provider,
     * which the policy's form-action must admit (SsoSignInBrowserTest follows it).
     */
    @Test
    void thePagesLetAFormLeadToTheProvidersOrigin() {
        var page = ConsoleHttpClient.anonymous(port).get("/login");

        assertThat(page.headers().firstValue("Content-Security-Policy"))
            .hasValueSatisfying(policy -> assertThat(policy).contains("form-action 'self' http://127.0.0.1:9;"));
    }

    @Test
    void theAdministratorsRightPasswordFailsLikeAWrongOneAndLeavesTheSessionAnonymous() {
        var attempt = signInAsAdmin();

        assertThat(attempt).hasStatus3xxRedirection().hasRedirectedUrl("/login?error");
        Cookie session = attempt.getResponse().getCookie("JSESSIONID");
        assertThat(session).as("the failure is kept in a session for the sign-in page").isNotNull();
        assertThat(mvc.get().uri("/key-stores").cookie(session)).hasStatus3xxRedirection()
            .redirectedUrl()
            .endsWith("/login");
    }

    @Test
    void theRefusedAttemptIsRecordedAsAFailedSignInOfTheAdministrator() {
        int before = AuditTestEvents.of(auditLog, "admin", AuditLogAction.SIGN_IN).size();

        signInAsAdmin();

        var signIns = AuditTestEvents.of(auditLog, "admin", AuditLogAction.SIGN_IN);
        assertThat(signIns).hasSize(before + 1);
        assertThat(signIns.get(0).outcome()).isEqualTo(AuditOutcome.FAILED);
    }

    @Test
    void eachRefusedAttemptIsCountedByTheSignInThrottle() {
        int before = adminFailures();

        signInAsAdmin();

        assertThat(adminFailures()).isEqualTo(before + 1);
    }

    @Test
    void attemptsUpToTheLockoutLockTheAccountAndTheLockIsAudited() {
        int lockout = signInSettings.lockoutFailures();
        // At most lockout attempts (fewer when other tests counted some already): a
        // throttle that counted nothing would otherwise keep this loop going.
        for (int attempt = 0; attempt < lockout && adminFailures() < lockout; attempt++) {
            // Attempts during the growing waits are refused unchecked and count as well.
            assertThat(signInAsAdmin()).hasRedirectedUrl("/login?error");
        }

        assertThat(adminFailures()).isGreaterThanOrEqualTo(lockout);

        assertThat(throttleRows.find(SignInThrottle.userKey("admin")).orElseThrow().lockedUntil()).isNotNull();
        // Whoever the audit log names as its actor (the lock happens inside an anonymous
        // request).
        var locks = auditLog
            .page(new AuditFilter(null, null, null, SecurityAuditAction.SIGN_IN_LOCKED, null, null), null,
                    AuditLog.MAX_PAGE_SIZE)
            .entries();
        assertThat(locks).anySatisfy(lock -> assertThat(lock.details())
            .anySatisfy(detail -> assertThat(detail.name() + "=" + detail.value()).isEqualTo("user=admin")));
    }

}
