package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Sign-in locks and a user's own password change are recorded in the audit log (never a
 * password).
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class SecurityAuditApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void aSignInLockIsRecordedWithoutRecordingANameThatIsNoUser() {
        var until = Instant.parse("2031-01-01T00:00:00Z");
        events.publishEvent(new SignInLockedEvent("user:admin", until, 10));
        events.publishEvent(new SignInLockedEvent("user:hunter2-typed-as-name", until, 10));
        events.publishEvent(new SignInLockedEvent("ip:203.0.113.99", until, 30));

        var locks = AuditTestEvents.of(auditLog, "system", SecurityAuditAction.SIGN_IN_LOCKED)
            .stream()
            .filter(e -> e.details().stream().anyMatch(p -> until.toString().equals(p.value())))
            .map(e -> e.details().get(0).name() + "=" + e.details().get(0).value())
            .toList();
        assertThat(locks).containsExactly("address=203.0.113.99", "user=(unknown user)", "user=admin");
        assertThat(AuditTestEvents.of(auditLog, "system", SecurityAuditAction.SIGN_IN_LOCKED).toString())
            .doesNotContain("hunter2-typed-as-name");
    }

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aUsersOwnPasswordChangeIsRecordedWithoutThePassword() {
        users.insert(new UserAccount("self-service", encoder.encode("self-service-old-1"), Set.of(Role.VIEWER), true,
                false));
        assertThat(mvc.post()
            .uri("/account/password")
            .with(user("self-service").roles("VIEWER"))
            .with(csrf())
            .param("currentPassword", "self-service-old-1")
            .param("newPassword", "self-service-new-passphrase")
            .param("confirmPassword", "self-service-new-passphrase")).hasStatus3xxRedirection().hasRedirectedUrl("/");

        AuditEntry change = AuditTestEvents.of(auditLog, "self-service", SecurityAuditAction.CHANGE_OWN_PASSWORD)
            .get(0);
        assertThat(change.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(change.toString()).doesNotContain("self-service-new-passphrase", "self-service-old-1");
    }

}
