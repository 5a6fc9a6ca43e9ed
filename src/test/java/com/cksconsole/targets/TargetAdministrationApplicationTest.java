package com.cksconsole.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The Targets pages on the whole application, with its own database (targets are global
 * state).
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:target-administration;DB_CLOSE_DELAY=-1",
        "console.targets[0].name=staging", "console.targets[0].label=Staging (EU)",
        "console.targets[0].account-id=444455556666", "console.targets[0].region=eu-west-1",
        "console.targets[0].access=assume-role",
        "console.targets[0].role-arn=arn:aws:iam::444455556666:role/KmsCustodian" })
class TargetAdministrationApplicationTest {

    private static final RequestPostProcessor ADMIN = user("admin").roles("ADMIN");

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Targets targets;

    @Autowired
    JdbcClient jdbc;

    private long auditEvents(String action) {
        return jdbc.sql("select count(*) from audit_event where action = :action")
            .param("action", action)
            .query(Long.class)
            .single();
    }

    @Test
    void configuredTargetsAreSeededOnceAndTheListShowsThem() {
        var staging = targets.find(new TargetName("staging")).orElseThrow();
        assertThat(staging.origin()).isEqualTo(TargetOrigin.CONFIGURATION);
        assertThat(staging.target().access()).isEqualTo(TargetAccess.ASSUME_ROLE);
        assertThat(targets.find(new TargetName("default"))).as("configured targets replace the fallback").isEmpty();
        assertThat(mvc.get().uri("/targets").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("Staging (EU)")
            .contains("444455556666")
            .contains("Not checked yet")
            .contains("The key store pages manage every enabled target that its check did not");
    }

    @Test
    void aNewTargetWithMistakesKeepsTheInputAndShowsEachErrorAtItsField() {
        assertThat(mvc.post()
            .uri("/targets")
            .with(ADMIN)
            .with(csrf())
            .param("name", "dr-us")
            .param("label", "Disaster recovery")
            .param("accountId", "77778888999")
            .param("region", "us-east-1")
            .param("access", "ASSUME_ROLE")
            .param("roleArn", "arn:aws:iam::777788889999:role/KmsCustodian")
            .param("storeQuota", "10")).hasStatusOk()
            .bodyText()
            .contains("An AWS account ID is exactly 12 digits.")
            .contains("id=\"accountId-error\"")
            .contains("value=\"Disaster recovery\"")
            .contains("value=\"arn:aws:iam::777788889999:role/KmsCustodian\"");
        assertThat(targets.find(new TargetName("dr-us"))).isEmpty();
    }

    @Test
    void anAdministratorAddsARoleTargetAndItIsAudited() {
        long before = auditEvents("ADD_TARGET");
        assertThat(mvc.post()
            .uri("/targets")
            .with(ADMIN)
            .with(csrf())
            .param("name", "production")
            .param("label", "Production")
            .param("accountId", "777788889999")
            .param("region", "us-east-1")
            .param("access", "ASSUME_ROLE")
            .param("roleArn", "arn:aws:iam::777788889999:role/KmsCustodian")
            .param("externalId", "cks-ext-1")
            .param("storeQuota", "10")).hasStatus3xxRedirection().hasRedirectedUrl("/targets/production");
        var added = targets.find(new TargetName("production")).orElseThrow();
        assertThat(added.origin()).isEqualTo(TargetOrigin.CONSOLE);
        assertThat(added.updatedBy()).isEqualTo("admin");
        assertThat(added.target().externalId()).isEqualTo("cks-ext-1");
        assertThat(auditEvents("ADD_TARGET")).isEqualTo(before + 1);
    }

    @Test
    void aSecondTargetForTheSameAccountAndRegionIsRefused() {
        assertThat(mvc.post()
            .uri("/targets")
            .with(ADMIN)
            .with(csrf())
            .param("name", "staging-again")
            .param("label", "Staging again")
            .param("accountId", "444455556666")
            .param("region", "eu-west-1")
            .param("access", "DEFAULT_CHAIN")
            .param("storeQuota", "10")).hasStatusOk()
            .bodyText()
            .contains("Target staging already manages account 444455556666 in eu-west-1.");
        assertThat(targets.find(new TargetName("staging-again"))).isEmpty();
    }

    @Test
    void anEditBasedOnAnOlderVersionIsRefusedAndNothingIsOverwritten() {
        var staging = targets.find(new TargetName("staging")).orElseThrow();
        assertThat(mvc.post()
            .uri("/targets/staging")
            .with(ADMIN)
            .with(csrf())
            .param("label", "Renamed")
            .param("accountId", "444455556666")
            .param("region", "eu-west-1")
            .param("access", "ASSUME_ROLE")
            .param("roleArn", "arn:aws:iam::444455556666:role/KmsCustodian")
            .param("storeQuota", "10")
            .param("version", String.valueOf(staging.version() - 1))).hasStatusOk()
            .bodyText()
            .contains("Someone else changed this target");
        assertThat(targets.find(new TargetName("staging")).orElseThrow().target().label()).isEqualTo("Staging (EU)");
    }

    @Test
    void disablingATargetTakesItOutOfUseAndIsAudited() {
        mvc.post()
            .uri("/targets")
            .with(ADMIN)
            .with(csrf())
            .param("name", "lab")
            .param("label", "Lab")
            .param("accountId", SandboxDefaults.ACCOUNT_ID)
            .param("region", "ap-south-1")
            .param("access", "DEFAULT_CHAIN")
            .param("storeQuota", "10")
            .exchange();
        long before = auditEvents("DISABLE_TARGET");
        assertThat(mvc.post().uri("/targets/lab/disable").with(ADMIN).with(csrf())).hasStatus3xxRedirection()
            .hasRedirectedUrl("/targets/lab");
        assertThat(targets.usable()).noneMatch(t -> t.name().value().equals("lab"));
        assertThat(targets.route(new TargetName("lab"))).isEmpty();
        assertThat(auditEvents("DISABLE_TARGET")).isEqualTo(before + 1);
        assertThat(mvc.post().uri("/targets/lab/enable").with(ADMIN).with(csrf())).hasStatus3xxRedirection();
        assertThat(targets.route(new TargetName("lab"))).isPresent();
    }

    /** An edit of the seeded target with this rotation policy, typed as it is. */
    private org.springframework.test.web.servlet.assertj.MvcTestResult editRotation(String days) {
        var staging = targets.find(new TargetName("staging")).orElseThrow();
        return mvc.post()
            .uri("/targets/staging")
            .with(ADMIN)
            .with(csrf())
            .param("label", staging.target().label())
            .param("accountId", "444455556666")
            .param("region", "eu-west-1")
            .param("access", "ASSUME_ROLE")
            .param("roleArn", "arn:aws:iam::444455556666:role/KmsCustodian")
            .param("externalId", "kept-ext-id")
            .param("storeQuota", "10")
            .param("credentialRotationDays", days)
            .param("version", String.valueOf(staging.version()))
            .exchange();
    }

    private int stagingRotationDays() {
        return targets.find(new TargetName("staging")).orElseThrow().target().credentialRotationDays();
    }

    @Test
    void theRotationPolicyIsOneToThreeThousandSixHundredFiftyDaysWithTheErrorAtItsFieldAndTheInputKept() {
        int before = stagingRotationDays();
        for (String refused : new String[] { "0", "3651", "ninety" }) {
            assertThat(editRotation(refused)).as(refused)
                .hasStatusOk()
                .bodyText()
                .contains("id=\"credentialRotationDays-error\"")
                .contains(TargetRules.ROTATION_DAYS_PROBLEM)
                .contains("value=\"" + refused + "\"")
                .contains("value=\"kept-ext-id\"");
            assertThat(stagingRotationDays()).as(refused + " changes nothing").isEqualTo(before);
        }
        long changes = auditEvents("CHANGE_TARGET");
        for (String accepted : new String[] { "1", "3650" }) {
            assertThat(editRotation(accepted)).as(accepted)
                .hasStatus3xxRedirection()
                .hasRedirectedUrl("/targets/staging");
            assertThat(stagingRotationDays()).isEqualTo(Integer.parseInt(accepted));
        }
        assertThat(auditEvents("CHANGE_TARGET")).as("each edit audited").isEqualTo(changes + 2);
        assertThat(jdbc.sql("select parameters from audit_event where action = 'CHANGE_TARGET' order by seq desc")
            .query(String.class)
            .list()
            .get(0)).as("with the policy's old and new value").contains("credentialRotationDays", "3650");
        assertThat(mvc.get().uri("/targets/staging").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("<dt>Proxy credential rotation</dt><dd>every 3650 days</dd>");
        assertThat(mvc.get().uri("/targets/staging/edit").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("Rotate the proxy credential every N days")
            .contains("name=\"credentialRotationDays\" value=\"3650\"");
        assertThat(editRotation("90")).hasStatus3xxRedirection();
    }

    @Test
    void aNewTargetGetsNinetyDaysUnlessTold() {
        assertThat(mvc.get().uri("/targets/new").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("name=\"credentialRotationDays\" value=\"90\"");
        assertThat(targets.find(new TargetName("staging")).orElseThrow().target().credentialRotationDays())
            .as("a seeded target")
            .isEqualTo(Target.DEFAULT_CREDENTIAL_ROTATION_DAYS);
    }

    @Test
    void anUnknownOrMalformedTargetIsNotFound() {
        assertThat(mvc.get().uri("/targets/nowhere").with(ADMIN)).hasStatus(404).bodyText().contains("Page not found");
        assertThat(mvc.get().uri("/targets/NOT_A_NAME").with(ADMIN)).hasStatus(404);
        assertThat(mvc.post().uri("/targets/nowhere/check").with(ADMIN).with(csrf())).hasStatus(404);
    }

    @Test
    void otherRolesCannotSeeOrChangeTargets() {
        for (String role : new String[] { "VIEWER", "OPERATOR", "AUDITOR" }) {
            assertThat(mvc.get().uri("/targets").with(user("someone").roles(role))).hasStatus(403);
            assertThat(mvc.post().uri("/targets/staging/disable").with(user("someone").roles(role)).with(csrf()))
                .hasStatus(403);
        }
        assertThat(targets.find(new TargetName("staging")).orElseThrow().target().enabled()).isTrue();
    }

}
