package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditOutcome;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * User and role changes are recorded in the audit log (never a password); a refused
 * change is not.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class UserChangesAuditApplicationTest {

    @Autowired
    MockMvcTester mvc;

    @Autowired
    AuditLog auditLog;

    @Test
    void everyUserChangeIsRecordedWithWhatChanged() {
        var admin = user("audited-admin").roles("ADMIN");
        mvc.post()
            .uri("/users")
            .with(admin)
            .with(csrf())
            .param("username", "audited-user")
            .param("roles", "VIEWER")
            .param("password", "initial-passphrase-77")
            .exchange();
        mvc.post()
            .uri("/users/audited-user/roles")
            .with(admin)
            .with(csrf())
            .param("roles", "OPERATOR", "VIEWER")
            .exchange();
        mvc.post().uri("/users/audited-user/disable").with(admin).with(csrf()).exchange();
        mvc.post().uri("/users/audited-user/enable").with(admin).with(csrf()).exchange();
        mvc.post()
            .uri("/users/audited-user/password")
            .with(admin)
            .with(csrf())
            .param("password", "reset-passphrase-88")
            .exchange();

        var events = AuditTestEvents.of(auditLog, "audited-admin");
        assertThat(events).extracting(e -> e.event().action())
            .containsExactly("RESET_USER_PASSWORD", "ENABLE_USER", "DISABLE_USER", "CHANGE_USER_ROLES", "CREATE_USER");
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
        mvc.post()
            .uri("/users")
            .with(user("careful-admin").roles("ADMIN"))
            .with(csrf())
            .param("username", "x")
            .param("roles", "VIEWER")
            .param("password", "initial-passphrase-77")
            .exchange();
        assertThat(AuditTestEvents.of(auditLog, "careful-admin", UserAuditAction.CREATE_USER)).isEmpty();
    }

}
