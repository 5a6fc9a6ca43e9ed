package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrant;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.targets.TargetName;

/**
 * Roles per target on the Users pages: an administrator gives and takes away a user's
 * role on one target, each change audited and ending the user's sessions (their session
 * version moves on); a user keeps at least one right; refused input shows next to its
 * field and is kept.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class UserTargetGrantsApplicationTest {

    private static final RequestPostProcessor ADMIN = user("grants-admin").roles("ADMIN");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    UserAccountRepository users;

    @Autowired
    TargetGrantRepository grants;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApplicationContext context;

    private TargetName staging;

    private TargetName production;

    @BeforeEach
    void targets() {
        staging = RegisteredTestTargets.ensure(context, "grants-staging", "910000000001");
        production = RegisteredTestTargets.ensure(context, "grants-prod", "910000000002");
    }

    private String givenUser(String prefix, Role... roles) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        users.insert(new UserAccount(name, encoder.encode("given-user-password"), Set.of(roles), true, false));
        return name;
    }

    private long sessionVersion(String name) {
        return users.findByUsername(name).orElseThrow().sessionVersion();
    }

    @Test
    void anAdministratorGivesAndTakesAwayARoleOnOneTargetAuditedAndEndingTheUsersSessions() {
        String name = givenUser("granted", Role.VIEWER);
        long before = sessionVersion(name);

        assertThat(mvc.post()
            .uri("/users/" + name + "/grants")
            .with(ADMIN)
            .with(csrf())
            .param("target", staging.value())
            .param("role", "OPERATOR")).hasStatus3xxRedirection().hasRedirectedUrl("/users/" + name);
        assertThat(grants.grantsOf(name)).containsExactly(new TargetGrant(staging, Role.OPERATOR));
        assertThat(sessionVersion(name)).as("the user's sessions end").isEqualTo(before + 1);

        assertThat(mvc.get().uri("/users/" + name).with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("Target grants")
            .contains("grants/" + staging.value() + "/revoke");
        assertThat(mvc.get().uri("/users").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("OPERATOR on " + staging.value());

        assertThat(mvc.post().uri("/users/" + name + "/grants/" + staging.value() + "/revoke").with(ADMIN).with(csrf()))
            .hasStatus3xxRedirection()
            .hasRedirectedUrl("/users/" + name);
        assertThat(grants.grantsOf(name)).isEmpty();
        assertThat(sessionVersion(name)).isEqualTo(before + 2);

        var granted = AuditTestEvents.of(auditLog, "grants-admin", UserAuditAction.USER_TARGET_GRANTED)
            .stream()
            .filter(e -> e.details().stream().anyMatch(p -> p.value() != null && p.value().equals(name)))
            .toList();
        assertThat(granted).singleElement().satisfies(entry -> {
            assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .contains("user=" + name, "target=" + staging.value());
            assertThat(entry.changes()).singleElement().satisfies(change -> {
                assertThat(change.before()).isNull();
                assertThat(change.after()).isEqualTo("OPERATOR");
            });
        });
        var revoked = AuditTestEvents.of(auditLog, "grants-admin", UserAuditAction.USER_TARGET_REVOKED)
            .stream()
            .filter(e -> e.details().stream().anyMatch(p -> p.value() != null && p.value().equals(name)))
            .toList();
        assertThat(revoked).singleElement()
            .satisfies(entry -> assertThat(entry.changes()).singleElement()
                .satisfies(change -> assertThat(change.before()).isEqualTo("OPERATOR")));
    }

    @Test
    void anotherRoleOnTheSameTargetReplacesTheFirstAndTheSameRoleChangesNothing() {
        String name = givenUser("regranted", Role.AUDITOR);
        grant(name, production.value(), "VIEWER");
        grant(name, production.value(), "OPERATOR");
        long version = sessionVersion(name);
        grant(name, production.value(), "OPERATOR");

        assertThat(grants.grantsOf(name)).containsExactly(new TargetGrant(production, Role.OPERATOR));
        assertThat(sessionVersion(name)).as("nothing changed: the sessions go on").isEqualTo(version);
    }

    private void grant(String name, String target, String role) {
        mvc.post()
            .uri("/users/" + name + "/grants")
            .with(ADMIN)
            .with(csrf())
            .param("target", target)
            .param("role", role)
            .exchange();
    }

    @Test
    void aRefusedGrantShowsEachProblemNextToItsFieldAndKeepsTheChoice() {
        String name = givenUser("refused-grant", Role.VIEWER);

        assertThat(mvc.post()
            .uri("/users/" + name + "/grants")
            .with(ADMIN)
            .with(csrf())
            .param("target", "no-such-target")
            .param("role", "OPERATOR")).hasStatusOk()
            .bodyText()
            .contains("The console knows no target named &#39;no-such-target&#39;.")
            .containsPattern("id=\"target-error\"")
            .containsPattern("value=\"OPERATOR\"\\s+selected");

        assertThat(mvc.post()
            .uri("/users/" + name + "/grants")
            .with(ADMIN)
            .with(csrf())
            .param("target", staging.value())
            .param("role", "ADMIN")).hasStatusOk()
            .bodyText()
            .contains("Choose VIEWER or OPERATOR.")
            .containsPattern("id=\"role-error\"")
            .containsPattern("value=\"" + staging.value() + "\"\\s+selected");
        assertThat(grants.grantsOf(name)).isEmpty();
    }

    @Test
    void aUserMayHaveTargetRolesOnlyButNeverNoRightAtAll() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "no-right-at-all")
            .param("password", "good-long-passphrase")).hasStatusOk()
            .bodyText()
            .contains("Choose at least one role, or a role on a target.");
        assertThat(users.findByUsername("no-right-at-all")).isEmpty();

        String name = "staging-only-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", name)
            .param("password", "good-long-passphrase")
            .param("grantTarget", staging.value())
            .param("grantRole", "OPERATOR")).hasStatus3xxRedirection();
        assertThat(users.findByUsername(name).orElseThrow().roles()).isEmpty();
        assertThat(grants.grantsOf(name)).containsExactly(new TargetGrant(staging, Role.OPERATOR));

        var lastRight = mvc.post()
            .uri("/users/" + name + "/grants/" + staging.value() + "/revoke")
            .with(ADMIN)
            .with(csrf())
            .exchange();
        assertThat(lastRight).flash().containsKey("failure");
        assertThat(grants.grantsOf(name)).as("the only right stays").hasSize(1);

        String viewer = givenUser("global-only", Role.VIEWER);
        mvc.post().uri("/users/" + viewer + "/roles").with(ADMIN).with(csrf()).exchange();
        assertThat(users.findByUsername(viewer).orElseThrow().roles()).as("no role and no grant: refused")
            .containsExactly(Role.VIEWER);

        grant(viewer, production.value(), "VIEWER");
        mvc.post().uri("/users/" + viewer + "/roles").with(ADMIN).with(csrf()).exchange();
        assertThat(users.findByUsername(viewer).orElseThrow().roles()).as("a grant is enough").isEmpty();
    }

    @Test
    void aGrantOnTheNewUserFormIsCheckedWithTheRestAndKept() {
        assertThat(mvc.post()
            .uri("/users")
            .with(ADMIN)
            .with(csrf())
            .param("username", "Bad Name")
            .param("password", "good-long-passphrase")
            .param("grantTarget", "")
            .param("grantRole", "OPERATOR")).hasStatusOk()
            .bodyText()
            .contains("Use 3 to 64 characters")
            .contains("Choose a target.")
            .containsPattern("value=\"OPERATOR\"\\s+selected");
    }

    @Test
    void grantChangesAreForAdministratorsOnlyAndNeedACsrfToken() {
        String name = givenUser("csrf-grant", Role.VIEWER);
        assertThat(mvc.post()
            .uri("/users/" + name + "/grants")
            .with(ADMIN)
            .param("target", staging.value())
            .param("role", "OPERATOR")).hasStatus(403);
        for (String role : new String[] { "VIEWER", "OPERATOR", "AUDITOR" }) {
            assertThat(mvc.post()
                .uri("/users/" + name + "/grants")
                .with(user("someone").roles(role))
                .with(csrf())
                .param("target", staging.value())
                .param("role", "OPERATOR")).hasStatus(403);
        }
        assertThat(grants.grantsOf(name)).isEmpty();
    }

}
