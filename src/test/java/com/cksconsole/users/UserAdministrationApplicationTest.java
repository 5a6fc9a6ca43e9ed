package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The Users pages on the whole application. Its own database, because the
 * last-administrator rule depends on every administrator in it.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = "spring.datasource.url=jdbc:h2:mem:user-administration;DB_CLOSE_DELAY=-1")
class UserAdministrationApplicationTest {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    private void givenUser(String name, Set<Role> roles, boolean enabled) {
        users.insert(new UserAccount(name, encoder.encode("given-user-password"), roles, enabled, false));
    }

    @Test
    void onlyAdministratorsSeeTheUsersPage() {
        assertThat(mvc.get().uri("/users").with(ADMIN)).hasStatusOk().bodyText().contains("<h1>Users</h1>");
        for (String role : new String[] { "VIEWER", "OPERATOR", "AUDITOR" }) {
            assertThat(mvc.get().uri("/users").with(user("someone").roles(role))).hasStatus(403);
            assertThat(mvc.post().uri("/users/admin/disable").with(user("someone").roles(role)).with(csrf()))
                .hasStatus(403);
        }
        assertThat(mvc.get().uri("/users")).hasStatus3xxRedirection().redirectedUrl().endsWith("/login");
    }

    @Test
    void anAdministratorCreatesAUserWhoMustChangeTheInitialPassword() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "new-operator")
            .param("roles", "OPERATOR", "VIEWER")
            .param("password", "initial-passphrase-9")).hasStatus3xxRedirection()
            .hasRedirectedUrl("/users/new-operator");

        var created = users.findByUsername("new-operator").orElseThrow();
        assertThat(created.roles()).containsExactlyInAnyOrder(Role.OPERATOR, Role.VIEWER);
        assertThat(created.mustChangePassword()).isTrue();
        assertThat(created.passwordHash()).doesNotContain("initial-passphrase-9");
        assertThat(encoder.matches("initial-passphrase-9", created.passwordHash())).isTrue();
    }

    @Test
    void aNameThatIsTheAddressOfAnotherUsersPageIsRefused() {
        for (String reserved : UserAdministrationService.RESERVED_NAMES) {
            assertThat(mvc.post()
                .uri("/users")
                .with(ADMIN)
                .with(csrf())
                .param("username", reserved)
                .param("roles", "VIEWER")
                .param("password", "initial-passphrase-9")).hasStatusOk()
                .bodyText()
                .contains("This name is the address of another page of the console: choose another.");
            assertThat(users.findByUsername(reserved)).isEmpty();
        }
    }

    @Test
    void aRefusedNewUserKeepsTheInputButNeverThePassword() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "weak-user")
            .param("roles", "AUDITOR")
            .param("password", "password1234")).hasStatusOk()
            .bodyText()
            .contains("This password is too common.")
            .contains("value=\"weak-user\"")
            .containsPattern("id=\"role-AUDITOR\" value=\"AUDITOR\"\\s+checked")
            .doesNotContain("password1234");
        assertThat(users.findByUsername("weak-user")).isEmpty();
    }

    @Test
    void refusesAnInvalidUserName() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "Bad Name")
            .param("roles", "VIEWER")
            .param("password", "good-long-passphrase")).hasStatusOk().bodyText().contains("Use 3 to 64 characters");
    }

    @Test
    void refusesAUserWithoutRoles() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "roleless")
            .param("password", "good-long-passphrase")).hasStatusOk()
            .bodyText()
            .contains("Choose at least one role, or a role on a target.");
        assertThat(users.findByUsername("roleless")).isEmpty();
    }

    @Test
    void refusesADuplicateUserName() {
        givenUser("taken-name", Set.of(Role.VIEWER), true);
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "taken-name")
            .param("roles", "VIEWER")
            .param("password", "good-long-passphrase")).hasStatusOk()
            .bodyText()
            .contains("A user with this name already exists.");
    }

    @Test
    void disablingAndEnablingAUser() {
        givenUser("temp-viewer", Set.of(Role.VIEWER), true);
        assertThat(mvc.post().uri("/users/temp-viewer/disable").with(ADMIN).with(csrf())).hasStatus3xxRedirection()
            .hasRedirectedUrl("/users/temp-viewer");
        assertThat(users.findByUsername("temp-viewer").orElseThrow().enabled()).isFalse();
        mvc.post().uri("/users/temp-viewer/enable").with(ADMIN).with(csrf()).exchange();
        assertThat(users.findByUsername("temp-viewer").orElseThrow().enabled()).isTrue();
    }

    @Test
    void aPasswordResetForcesAChangeAtTheNextSignIn() {
        givenUser("forgetful", Set.of(Role.VIEWER), true);
        assertThat(mvc.post()
            .uri("/users/forgetful/password")
            .with(ADMIN)
            .with(csrf())
            .param("password", "reset-passphrase-42")).hasStatus3xxRedirection();
        var account = users.findByUsername("forgetful").orElseThrow();
        assertThat(account.mustChangePassword()).isTrue();
        assertThat(encoder.matches("reset-passphrase-42", account.passwordHash())).isTrue();
    }

    @Test
    void changingRoles() {
        givenUser("promoted", Set.of(Role.VIEWER), true);
        mvc.post().uri("/users/promoted/roles").with(ADMIN).with(csrf()).param("roles", "OPERATOR").exchange();
        assertThat(users.findByUsername("promoted").orElseThrow().roles()).containsExactly(Role.OPERATOR);
    }

    @Test
    void theLastEnabledAdministratorCanBeNeitherDisabledNorDemoted() {
        // Only "admin" is an enabled administrator here; a disabled one does not count.
        givenUser("retired-admin", Set.of(Role.ADMIN), false);

        var disable = mvc.post().uri("/users/admin/disable").with(ADMIN).with(csrf()).exchange();
        assertThat(disable).hasStatus3xxRedirection();
        assertThat(disable).flash().containsKey("failure");
        assertThat(users.findByUsername("admin").orElseThrow().enabled()).isTrue();

        mvc.post().uri("/users/admin/roles").with(ADMIN).with(csrf()).param("roles", "VIEWER").exchange();
        assertThat(users.findByUsername("admin").orElseThrow().roles()).contains(Role.ADMIN);

        givenUser("second-admin", Set.of(Role.ADMIN), true);
        mvc.post().uri("/users/second-admin/roles").with(ADMIN).with(csrf()).param("roles", "AUDITOR").exchange();
        assertThat(users.findByUsername("second-admin").orElseThrow().roles()).containsExactly(Role.AUDITOR);
    }

    @Test
    void anUnknownUserIsNotFound() {
        assertThat(mvc.get().uri("/users/nobody-at-all").with(ADMIN)).hasStatus(404);
    }

    @Test
    void stateChangesNeedACsrfToken() {
        givenUser("csrf-target", Set.of(Role.VIEWER), true);
        assertThat(mvc.post().uri("/users/csrf-target/disable").with(ADMIN)).hasStatus(403);
        assertThat(users.findByUsername("csrf-target").orElseThrow().enabled()).isTrue();
    }

}
