package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Spring Security's events in the audit log, through the real filter chain: sign-in
 * success and failure with source IP and hashed session, sign-out, and X-Forwarded-For
 * ignored without a configured trusted proxy.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class SecurityEventsApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    JdbcClient jdbc;

    private MvcTestResult signIn(String username, String password, String peer, String forwardedFor) {
        return mvc.post()
            .uri("/login")
            .param("username", username)
            .param("password", password)
            .header("X-Forwarded-For", forwardedFor)
            .with(csrf())
            .with(request -> {
                request.setRemoteAddr(peer);
                return request;
            })
            .exchange();
    }

    @Test
    void aSignInIsRecordedWithTheSourceIpAndTheHashOfTheNewSession() {
        var result = signIn("admin", ConsoleApplicationTest.ADMIN_PASSWORD, "203.0.113.7", "198.51.100.23");
        assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/");
        // Sessions live in the database (Spring Session): the browser knows its ID by the
        // cookie.
        String sessionId = result.getResponse().getCookie("JSESSIONID").getValue();

        var event = AuditTestEvents.of(auditLog, "admin", AuditLogAction.SIGN_IN)
            .stream()
            .filter(e -> "203.0.113.7".equals(e.event().sourceIp()))
            .findFirst()
            .orElseThrow()
            .event();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(event.actorRoles()).containsExactly("ADMIN");
        assertThat(event.sourceIp()).as("X-Forwarded-For is ignored: no trusted proxy is configured")
            .isEqualTo("203.0.113.7");
        assertThat(event.sessionHash()).isEqualTo(AuditContextResolver.sha256(sessionId)).isNotEqualTo(sessionId);
    }

    @Test
    void aWrongPasswordIsRecordedAsAFailedSignInWithoutThePassword(CapturedOutput output) {
        String wrongPassword = "wrong-password-9f8e7d";
        assertThat(signIn("admin", wrongPassword, "203.0.113.8", "10.0.0.1")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");

        var event = AuditTestEvents.of(auditLog, "admin", AuditLogAction.SIGN_IN)
            .stream()
            .filter(e -> "203.0.113.8".equals(e.event().sourceIp()))
            .findFirst()
            .orElseThrow();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(event.errorName()).isEqualTo("BadCredentials");
        assertThat(event.event().actorRoles()).isEmpty();
        assertThat(allStoredText()).doesNotContain(wrongPassword);
        assertThat(output.getAll()).doesNotContain(wrongPassword);
    }

    @Test
    void anUnknownUserNameIsNotStoredBecauseItMayBeAMistypedPassword(CapturedOutput output) {
        String typedIntoTheNameField = "Hunter2-typed-into-name";
        assertThat(signIn(typedIntoTheNameField, "whatever-password", "203.0.113.9", "")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/login?error");

        var event = AuditTestEvents.of(auditLog, SecurityEventAuditor.UNKNOWN_USER, AuditLogAction.SIGN_IN)
            .stream()
            .filter(e -> "203.0.113.9".equals(e.event().sourceIp()))
            .findFirst()
            .orElseThrow();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(event.details()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("attemptedNameFingerprint");
            assertThat(p.value()).startsWith("hmac-sha256:");
        });
        assertThat(allStoredText()).doesNotContain(typedIntoTheNameField);
        assertThat(output.getAll()).doesNotContain(typedIntoTheNameField);
    }

    @Test
    void aSignOutIsRecordedWithTheHashOfTheSessionItEnded() {
        var signIn = signIn("admin", ConsoleApplicationTest.ADMIN_PASSWORD, "203.0.113.10", "");
        String sessionId = signIn.getResponse().getCookie("JSESSIONID").getValue();

        assertThat(mvc.post()
            .uri("/logout")
            .cookie(new jakarta.servlet.http.Cookie("JSESSIONID", sessionId))
            .with(csrf())
            .with(request -> {
                request.setRemoteAddr("203.0.113.10");
                return request;
            })).hasStatus3xxRedirection().hasRedirectedUrl("/login?signedOut");

        var event = AuditTestEvents.of(auditLog, "admin", AuditLogAction.SIGN_OUT)
            .stream()
            .filter(e -> "203.0.113.10".equals(e.event().sourceIp()))
            .findFirst()
            .orElseThrow()
            .event();
        assertThat(event.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(event.sessionHash()).isEqualTo(AuditContextResolver.sha256(sessionId));
    }

    private String allStoredText() {
        return String.join("\n",
                jdbc.sql("select " + AuditEventRepository.COLUMNS + " from audit_event")
                    .query(AuditEventRepository.ROW)
                    .list()
                    .stream()
                    .map(Object::toString)
                    .toList());
    }

}
