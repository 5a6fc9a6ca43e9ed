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

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.support.ConsoleApplicationTest;

/** User and role changes, and a user's own password change, are recorded in the audit log (never a password). */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class UserChangesAuditApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Test
    void everyUserChangeIsRecordedWithWhatChanged() {
        var admin = user("audited-admin").roles("ADMIN");
        mvc.post().uri("/users").with(admin).with(csrf()).param("username", "audited-user")
                .param("roles", "VIEWER").param("password", "initial-passphrase-77").exchange();
        mvc.post().uri("/users/audited-user/roles").with(admin).with(csrf()).param("roles", "OPERATOR", "VIEWER")
                .exchange();
        mvc.post().uri("/users/audited-user/disable").with(admin).with(csrf()).exchange();
        mvc.post().uri("/users/audited-user/enable").with(admin).with(csrf()).exchange();
        mvc.post().uri("/users/audited-user/password").with(admin).with(csrf())
                .param("password", "reset-passphrase-88").exchange();

        var events = AuditTestEvents.of(auditLog, "audited-admin");
        assertThat(events).extracting(e -> e.event().action()).containsExactly(
                "RESET_USER_PASSWORD", "ENABLE_USER", "DISABLE_USER", "CHANGE_USER_ROLES", "CREATE_USER");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
            assertThat(e.details()).extracting(p -> p.name() + "=" + p.value()).contains("user=audited-user");
        });
        assertThat(events.get(3).changes()).singleElement().satisfies(change -> {
            assertThat(change.before()).isEqualTo("VIEWER");
            assertThat(change.after()).isEqualTo("OPERATOR,VIEWER");
        });
        assertThat(events.toString()).doesNotContain("initial-passphrase-77", "reset-passphrase-88");
    }

    @Test
    void aRefusedUserChangeIsNotRecordedAsDone() {
        mvc.post().uri("/users").with(user("careful-admin").roles("ADMIN")).with(csrf()).param("username", "x")
                .param("roles", "VIEWER").param("password", "initial-passphrase-77").exchange();
        assertThat(AuditTestEvents.of(auditLog, "careful-admin", AuditAction.CREATE_USER)).isEmpty();
    }

    @Test
    void aSignInLockIsRecordedWithoutRecordingANameThatIsNoUser() {
        var until = Instant.parse("2031-01-01T00:00:00Z");
        events.publishEvent(new SignInLockedEvent("user:admin", until, 10));
        events.publishEvent(new SignInLockedEvent("user:hunter2-typed-as-name", until, 10));
        events.publishEvent(new SignInLockedEvent("ip:203.0.113.99", until, 30));

        var locks = AuditTestEvents.of(auditLog, "system", AuditAction.SIGN_IN_LOCKED).stream()
                .filter(e -> e.details().stream().anyMatch(p -> until.toString().equals(p.value())))
                .map(e -> e.details().get(0).name() + "=" + e.details().get(0).value())
                .toList();
        assertThat(locks).containsExactly("address=203.0.113.99", "user=(unknown user)", "user=admin");
        assertThat(AuditTestEvents.of(auditLog, "system", AuditAction.SIGN_IN_LOCKED).toString())
                .doesNotContain("hunter2-typed-as-name");
    }

    @Autowired
    ApplicationEventPublisher events;

    @Test
    void aUsersOwnPasswordChangeIsRecordedWithoutThePassword() {
        users.insert(new UserAccount("self-service", encoder.encode("self-service-old-1"), Set.of(Role.VIEWER), true,
                false));
        assertThat(mvc.post().uri("/account/password").with(user("self-service").roles("VIEWER")).with(csrf())
                .param("currentPassword", "self-service-old-1")
                .param("newPassword", "self-service-new-passphrase")
                .param("confirmPassword", "self-service-new-passphrase"))
                .hasStatus3xxRedirection().hasRedirectedUrl("/");

        AuditEntry change = AuditTestEvents.of(auditLog, "self-service", AuditAction.CHANGE_OWN_PASSWORD).get(0);
        assertThat(change.outcome()).isEqualTo(AuditOutcome.SUCCEEDED);
        assertThat(change.toString()).doesNotContain("self-service-new-passphrase", "self-service-old-1");
    }
}
