package com.cksconsole.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.audit.AuditTestEvents;
import com.cksconsole.security.accounts.GroupMapping;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.targets.TargetName;

/**
 * The single-sign-on group mappings page (/users/group-mappings, docs/sso.md): an
 * administrator lists, adds and removes mappings, each change audited; refused input
 * shows next to its field with the rest kept; nobody else may change anything. Two
 * providers are configured here (the shared test context has none); their issuer is never
 * contacted.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@TestPropertySource(locations = GroupMappingPagesApplicationTest.PROVIDERS)
class GroupMappingPagesApplicationTest {

    /** The two providers, test-idp and other-idp. */
    static final String PROVIDERS = "classpath:sso-test-providers.properties";

    private static final String PAGE = "/users/group-mappings";

    private static final String ADMIN_NAME = "mappings-admin";

    private static final RequestPostProcessor ADMIN = user(ADMIN_NAME).roles("ADMIN");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    GroupMappingRepository mappings;

    @Autowired
    AuditLog auditLog;

    @Autowired
    ApplicationContext context;

    private TargetName production;

    private TargetName disabled;

    @BeforeEach
    void targets() {
        production = RegisteredTestTargets.ensure(context, "sso-map-prod", "930000000001");
        disabled = RegisteredTestTargets.ensure(context, "sso-map-off", "930000000002");
        RegisteredTestTargets.retire(context, disabled.value());
    }

    /** A group no other test uses. */
    private static String group(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private MvcTestResult add(String provider, String group, String scope, String role) {
        return mvc.post()
            .uri(PAGE)
            .with(ADMIN)
            .with(csrf())
            .param("provider", provider)
            .param("group", group)
            .param("scope", scope)
            .param("role", role)
            .exchange();
    }

    private List<GroupMapping> mappingsOf(String group) {
        return mappings.all().stream().filter(mapping -> mapping.group().equals(group)).toList();
    }

    private Optional<AuditEntry> auditOf(UserAuditAction action, String group) {
        return AuditTestEvents.of(auditLog, ADMIN_NAME, action)
            .stream()
            .filter(entry -> entry.details().stream().anyMatch(p -> group.equals(p.value())))
            .findFirst();
    }

    @Test
    void thePageListsTheMappingsByProviderAndSaysWhenChangesTakeEffect() {
        String operators = group("list-operators");
        String viewers = group("list-viewers");
        mappings.add("test-idp", operators, Optional.of(production), Role.OPERATOR, "listing-admin").orElseThrow();
        mappings.add("other-idp", viewers, Optional.empty(), Role.VIEWER, "listing-admin").orElseThrow();

        assertThat(mvc.get().uri(PAGE).with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("Single sign-on group mappings")
            .contains("takes effect at each single-sign-on user's next request")
            .contains("Test Identity Provider", "(ID test-idp)", "(ID other-idp)")
            .contains(operators, viewers)
            .contains("sso-map-prod", "console-wide", "listing-admin")
            .contains(">Remove OPERATOR on sso-map-prod</span>")
            .contains(" from group " + operators + " at test-idp")
            .contains(">Remove VIEWER console-wide</span>")
            .contains("Map a group to a role")
            .doesNotContain("Single sign-on is off")
            .doesNotContain("not-a-real-secret");
        assertThat(mvc.get().uri("/users").with(ADMIN)).hasStatusOk().bodyText().contains("href=\"" + PAGE + "\"");
    }

    @Test
    void onlyEnabledTargetsAreOffered() {
        assertThat(mvc.get().uri(PAGE).with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("value=\"" + production.value() + "\"")
            .doesNotContain("value=\"" + disabled.value() + "\"");
    }

    @Test
    void anAdministratorAddsAConsoleWideMappingAudited() {
        String admins = group("kms-admins");

        assertThat(add("test-idp", admins, GroupMappingForm.CONSOLE_WIDE, "ADMIN")).hasStatus3xxRedirection()
            .hasRedirectedUrl(PAGE)
            .flash()
            .containsKey("success");

        assertThat(mappingsOf(admins)).singleElement().satisfies(mapping -> {
            assertThat(mapping.provider()).isEqualTo("test-idp");
            assertThat(mapping.target()).isNull();
            assertThat(mapping.role()).isEqualTo(Role.ADMIN);
            assertThat(mapping.createdBy()).isEqualTo(ADMIN_NAME);
        });
        assertThat(auditOf(UserAuditAction.SSO_GROUP_MAPPING_ADDED, admins))
            .hasValueSatisfying(entry -> assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("provider=test-idp", "group=" + admins, "target=null", "role=ADMIN"));
    }

    @Test
    void anAdministratorAddsAMappingOnOneTargetAudited() {
        String operators = group("prod-operators");

        assertThat(add("other-idp", operators, production.value(), "OPERATOR")).hasStatus3xxRedirection()
            .hasRedirectedUrl(PAGE);

        assertThat(mappingsOf(operators)).singleElement().satisfies(mapping -> {
            assertThat(mapping.provider()).isEqualTo("other-idp");
            assertThat(mapping.target()).isEqualTo(production);
            assertThat(mapping.role()).isEqualTo(Role.OPERATOR);
        });
        assertThat(auditOf(UserAuditAction.SSO_GROUP_MAPPING_ADDED, operators))
            .hasValueSatisfying(entry -> assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("provider=other-idp", "group=" + operators, "target=" + production.value(),
                        "role=OPERATOR"));
    }

    @Test
    void anUnconfiguredProviderIsRefusedNextToItsFieldAndTheRestIsKept() {
        String kept = group("kept");

        assertThat(add("gone-idp", kept, production.value(), "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingAdministration.UNKNOWN_PROVIDER)
            .contains("id=\"provider-error\"")
            .contains("value=\"" + kept + "\"")
            .containsPattern("value=\"" + production.value() + "\"\\s+selected")
            .containsPattern("value=\"VIEWER\"\\s+selected");
        assertThat(mappingsOf(kept)).isEmpty();
    }

    @Test
    void anEmptyGroupIsRefusedNextToItsField() {
        assertThat(add("test-idp", "", GroupMappingForm.CONSOLE_WIDE, "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingForm.ENTER_GROUP)
            .contains("id=\"group-error\"")
            .containsPattern("value=\"test-idp\"\\s+selected")
            .containsPattern("value=\"\\*\"\\s+selected")
            .containsPattern("value=\"VIEWER\"\\s+selected");
    }

    @Test
    void aGroupOf255CharactersIsAcceptedAnd256AreRefused() {
        String longest = group("long");
        longest = longest + "x".repeat(255 - longest.length());
        String tooLong = longest + "x";

        assertThat(add("test-idp", tooLong, GroupMappingForm.CONSOLE_WIDE, "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingForm.GROUP_TOO_LONG)
            .contains("value=\"" + tooLong + "\"");
        assertThat(mappingsOf(tooLong)).isEmpty();

        assertThat(add("test-idp", longest, GroupMappingForm.CONSOLE_WIDE, "VIEWER")).hasStatus3xxRedirection();
        assertThat(mappingsOf(longest)).hasSize(1);
    }

    @Test
    void aGroupWithASpaceAtEitherEndIsRefusedNotTrimmed() {
        for (String spaced : List.of(" " + group("leading"), group("trailing") + " ", group("nbsp") + "\u00a0")) {
            assertThat(add("test-idp", spaced, production.value(), "VIEWER")).hasStatusOk()
                .bodyText()
                .contains(GroupMappingForm.GROUP_SPACES.replace("'", "&#39;"))
                .contains("id=\"group-error\"");
            assertThat(mappingsOf(spaced)).isEmpty();
            assertThat(mappingsOf(spaced.strip())).as("not trimmed either").isEmpty();
        }
        String inner = group("with inner") + " space";
        assertThat(add("test-idp", inner, production.value(), "VIEWER")).as("a space inside is part of the name")
            .hasStatus3xxRedirection();
        assertThat(mappingsOf(inner)).hasSize(1);
    }

    @Test
    void aGroupWithAControlCharacterIsRefused() {
        String tabbed = group("tab") + "\tx";

        assertThat(add("test-idp", tabbed, production.value(), "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingForm.GROUP_CONTROL)
            .contains("id=\"group-error\"");
        assertThat(mappingsOf(tabbed)).isEmpty();
    }

    @Test
    void aScopeMustBeChosen() {
        String kept = group("no-scope");

        assertThat(add("test-idp", kept, "", "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingForm.CHOOSE_SCOPE)
            .contains("id=\"scope-error\"")
            .contains("value=\"" + kept + "\"");
        assertThat(mappingsOf(kept)).isEmpty();
    }

    @Test
    void anUnknownOrDisabledTargetIsRefusedNextToItsField() {
        String kept = group("bad-target");
        for (String target : List.of("no-such-target", disabled.value())) {
            assertThat(add("test-idp", kept, target, "OPERATOR")).hasStatusOk()
                .bodyText()
                .contains("The console has no enabled target named &#39;" + target + "&#39;.")
                .contains("id=\"scope-error\"")
                .contains("value=\"" + kept + "\"")
                .containsPattern("value=\"OPERATOR\"\\s+selected");
        }
        assertThat(mappingsOf(kept)).isEmpty();
    }

    @Test
    void onOneTargetOnlyViewerOrOperatorMayBeGiven() {
        String kept = group("target-admins");
        for (String role : List.of("ADMIN", "AUDITOR")) {
            assertThat(add("test-idp", kept, production.value(), role)).hasStatusOk()
                .bodyText()
                .contains(GroupMappingAdministration.TARGET_ROLE)
                .contains("id=\"role-error\"")
                .containsPattern("value=\"" + production.value() + "\"\\s+selected")
                .containsPattern("value=\"" + role + "\"\\s+selected");
        }
        assertThat(mappingsOf(kept)).isEmpty();

        assertThat(add("test-idp", kept, GroupMappingForm.CONSOLE_WIDE, "AUDITOR")).as("console-wide: any role")
            .hasStatus3xxRedirection();
    }

    @Test
    void aRoleMustBeOneOfTheConsoleRoles() {
        String kept = group("no-role");
        for (String role : List.of("", "SUPERUSER")) {
            assertThat(add("test-idp", kept, GroupMappingForm.CONSOLE_WIDE, role)).hasStatusOk()
                .bodyText()
                .contains("id=\"role-error\"")
                .contains("value=\"" + kept + "\"");
        }
        assertThat(mappingsOf(kept)).isEmpty();
    }

    @Test
    void theSameMappingTwiceIsRefusedWithTheInputKept() {
        String twice = group("twice");
        add("test-idp", twice, production.value(), "VIEWER");

        assertThat(add("test-idp", twice, production.value(), "VIEWER")).hasStatusOk()
            .bodyText()
            .contains(GroupMappingAdministration.DUPLICATE)
            .contains("value=\"" + twice + "\"")
            .containsPattern("value=\"" + production.value() + "\"\\s+selected");
        assertThat(mappingsOf(twice)).hasSize(1);
        assertThat(AuditTestEvents.of(auditLog, ADMIN_NAME, UserAuditAction.SSO_GROUP_MAPPING_ADDED)
            .stream()
            .filter(entry -> entry.details().stream().anyMatch(p -> twice.equals(p.value())))).hasSize(1);

        assertThat(add("test-idp", twice, production.value(), "OPERATOR")).as("another role: another mapping")
            .hasStatus3xxRedirection();
    }

    @Test
    void anAdministratorRemovesAMappingAudited() {
        String removed = group("removed");
        var mapping = mappings.add("test-idp", removed, Optional.of(production), Role.VIEWER, "someone").orElseThrow();

        assertThat(mvc.post().uri(PAGE + "/" + mapping.id() + "/remove").with(ADMIN).with(csrf()))
            .hasStatus3xxRedirection()
            .hasRedirectedUrl(PAGE)
            .flash()
            .containsKey("success");
        assertThat(mappings.find(mapping.id())).isEmpty();
        assertThat(auditOf(UserAuditAction.SSO_GROUP_MAPPING_REMOVED, removed))
            .hasValueSatisfying(entry -> assertThat(entry.details()).extracting(p -> p.name() + "=" + p.value())
                .containsExactly("provider=test-idp", "group=" + removed, "target=" + production.value(),
                        "role=VIEWER"));

        assertThat(mvc.post().uri(PAGE + "/" + mapping.id() + "/remove").with(ADMIN).with(csrf())).as("already gone")
            .hasStatus3xxRedirection()
            .flash()
            .containsKey("failure");
    }

    @Test
    void nobodyButAnAdministratorSeesOrChangesTheMappings() {
        String guarded = group("guarded");
        var mapping = mappings.add("test-idp", guarded, Optional.empty(), Role.VIEWER, "someone").orElseThrow();
        for (String role : List.of("VIEWER", "OPERATOR", "AUDITOR")) {
            var caller = user("mappings-" + role.toLowerCase()).roles(role);
            assertThat(mvc.get().uri(PAGE).with(caller)).hasStatus(403);
            assertThat(mvc.post()
                .uri(PAGE)
                .with(caller)
                .with(csrf())
                .param("provider", "test-idp")
                .param("group", guarded + "-new")
                .param("scope", GroupMappingForm.CONSOLE_WIDE)
                .param("role", "ADMIN")).hasStatus(403);
            assertThat(mvc.post().uri(PAGE + "/" + mapping.id() + "/remove").with(caller).with(csrf())).hasStatus(403);
        }
        assertThat(mappingsOf(guarded + "-new")).isEmpty();
        assertThat(mappings.find(mapping.id())).isPresent();
    }

    @Test
    void aChangeWithoutTheCsrfTokenIsRefused() {
        String guarded = group("csrf");
        var mapping = mappings.add("test-idp", guarded, Optional.empty(), Role.VIEWER, "someone").orElseThrow();

        assertThat(mvc.post()
            .uri(PAGE)
            .with(ADMIN)
            .param("provider", "test-idp")
            .param("group", guarded + "-new")
            .param("scope", GroupMappingForm.CONSOLE_WIDE)
            .param("role", "ADMIN")).hasStatus(403);
        assertThat(mvc.post().uri(PAGE + "/" + mapping.id() + "/remove").with(ADMIN)).hasStatus(403);

        assertThat(mappingsOf(guarded + "-new")).isEmpty();
        assertThat(mappings.find(mapping.id())).isPresent();
    }

}
