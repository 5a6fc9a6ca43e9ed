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

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The target check through the real AWS SDK against the sandbox's STS and KMS endpoints:
 * the account reached (from the assumed role's ARN, or GetCallerIdentity), one
 * DescribeCustomKeyStores there, and the refusal of a target that reaches another account
 * than the configured one. The sandbox's seeded accounts and roles are documented in
 * docs/sandbox.md.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
@TestPropertySource(properties = { "spring.datasource.url=jdbc:h2:mem:target-check;DB_CLOSE_DELAY=-1",
        "console.targets[0].name=sandbox", "console.targets[0].account-id=111122223333",
        "console.targets[0].region=us-east-1", "console.targets[1].name=production-eu",
        "console.targets[1].account-id=444455556666", "console.targets[1].region=eu-west-1",
        "console.targets[1].access=assume-role",
        "console.targets[1].role-arn=arn:aws:iam::444455556666:role/KeyStoreCustodian",
        "console.targets[1].external-id=cks-console-production-7f3c", "console.targets[2].name=production-wrong-id",
        "console.targets[2].account-id=444455556666", "console.targets[2].region=us-east-1",
        "console.targets[2].access=assume-role",
        "console.targets[2].role-arn=arn:aws:iam::444455556666:role/KeyStoreCustodian",
        "console.targets[2].external-id=not-the-right-one", "console.targets[3].name=staging-unknown-role",
        "console.targets[3].account-id=555566667777", "console.targets[3].region=eu-west-1",
        "console.targets[3].access=assume-role",
        "console.targets[3].role-arn=arn:aws:iam::555566667777:role/NoSuchRole",
        "console.targets[4].name=staging-by-own-keys", "console.targets[4].account-id=555566667777",
        "console.targets[4].region=us-east-1" })
class TargetCheckApplicationTest {

    @Autowired
    TargetAdministration administration;

    @Autowired
    Targets targets;

    @Autowired
    MockMvcTester mvc;

    @Autowired
    JdbcClient jdbc;

    private TargetCheckResult check(String name) {
        return administration.check(new TargetName(name));
    }

    @Test
    void theDefaultChainReachesTheSandboxAccountAndDescribes() {
        var result = check("sandbox");
        assertThat(result.outcome()).isEqualTo(TargetCheckOutcome.OK);
        assertThat(result.reachedAccount()).isEqualTo("111122223333");
        assertThat(result.storeCount()).isPositive();
    }

    @Test
    void anAssumedRoleReachesItsAccountAndSeesOnlyThatAccountsStores() {
        var result = check("production-eu");
        assertThat(result.outcome()).as(String.valueOf(result.detail())).isEqualTo(TargetCheckOutcome.OK);
        assertThat(result.reachedAccount()).isEqualTo("444455556666");
        assertThat(result.storeCount()).isEqualTo(2);
        assertThat(targets.find(new TargetName("production-eu")).orElseThrow().lastCheck()).isEqualTo(result);
    }

    @Test
    void aWrongExternalIdIsRefusedAsStsAnswers() {
        var result = check("production-wrong-id");
        assertThat(result.outcome()).isEqualTo(TargetCheckOutcome.CREDENTIALS_REFUSED);
        assertThat(result.reachedAccount()).isNull();
        assertThat(result.detail()).startsWith("AccessDenied");
    }

    @Test
    void anUnknownRoleIsRefused() {
        var result = check("staging-unknown-role");
        assertThat(result.outcome()).isEqualTo(TargetCheckOutcome.CREDENTIALS_REFUSED);
        assertThat(result.detail()).startsWith("AccessDenied");
    }

    @Test
    void aTargetThatReachesAnotherAccountIsRefusedAndTakenOutOfUse() {
        var result = check("staging-by-own-keys");
        assertThat(result.outcome()).isEqualTo(TargetCheckOutcome.ACCOUNT_MISMATCH);
        assertThat(result.reachedAccount()).isEqualTo("111122223333");
        assertThat(result.storeCount()).as("no KMS call after a mismatch").isNull();
        var registered = targets.find(new TargetName("staging-by-own-keys")).orElseThrow();
        assertThat(registered.usable()).isFalse();
        assertThat(targets.route(registered.name())).isEmpty();
    }

    @Test
    void theCheckPageShowsTheReachedAccountNextToTheConfiguredOneAndTheCheckIsAudited() {
        long before = jdbc.sql("select count(*) from audit_event where action = 'CHECK_TARGET'")
            .query(Long.class)
            .single();
        assertThat(mvc.post().uri("/targets/production-eu/check").with(user("admin").roles("ADMIN")).with(csrf()))
            .hasStatus3xxRedirection()
            .flash()
            .containsKey("success");
        assertThat(mvc.get().uri("/targets/production-eu").with(user("admin").roles("ADMIN"))).hasStatusOk()
            .bodyText()
            .contains("Configured account")
            .contains("Reached account")
            .contains("444455556666")
            .contains("Reached");
        assertThat(
                jdbc.sql("select count(*) from audit_event where action = 'CHECK_TARGET'").query(Long.class).single())
            .isEqualTo(before + 1);
    }

}
