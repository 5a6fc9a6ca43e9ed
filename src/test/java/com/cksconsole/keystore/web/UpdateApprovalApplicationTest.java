package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.TargetName;

/**
 * An update under an approval policy, over HTTP against the sandbox: the plain
 * confirmation is refused, a request pins the change, another operator approves it, and
 * the requester executes it after entering its secret again; a store changed after the
 * approval voids it; break glass goes through only with a grant and a reason.
 */
@ConsoleApplicationTest
class UpdateApprovalApplicationTest {

    private static final String PASSWORD = "operator-password-2026";

    private static final String BASE = "/t/default/key-stores/";

    private static final String LAB = "https://xks-lab.sandbox.example.com";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    Approvals approvals;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder encoder;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog auditLog;

    private SeededKeyStores sandbox;

    private String alice;

    private String bob;

    private ApprovalPolicy policy;

    @BeforeEach
    void policyAndOperators() {
        sandbox = SeededKeyStores.of(context);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = "alice-" + suffix;
        bob = "bob-" + suffix;
        for (String name : new String[] { alice, bob }) {
            users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(Role.OPERATOR), true, false));
        }
        policy = policies.create(new TargetName("default"), SeededKeyStores.PAYMENTS_HSM,
                EnumSet.of(ApprovalOperation.UPDATE_NAME, ApprovalOperation.UPDATE_PASSWORD), 1, ApproverRole.OPERATOR,
                Duration.ofHours(24), false, "admin");
        sandbox.ensureDisconnected(SeededKeyStores.PAYMENTS_HSM);
    }

    @AfterEach
    void removePolicy() {
        policies.delete(policy.id());
        policies.revokeBreakGlass(alice);
        sandbox.restorePaymentsHsm();
    }

    @Test
    void aCoveredChangeCannotBeConfirmedWithoutApproval() {
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-unapproved");
        assertThat(console.get(review).body()).contains("This change needs approval")
            .contains("Request approval")
            .doesNotContain("Apply the change</button>");

        var refused = console.postForm(review,
                Map.of("fingerprint", fingerprintOn(console.get(review).body()), "reason", "try"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains(ReviewApprovals.APPROVAL_NEEDED);
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName()).isEqualTo("payments-hsm-dr");
    }

    @Test
    void aRequestWithoutAReasonIsRefusedNextToTheReasonField() {
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-no-reason");
        console.get(review);

        var page = console.postForm(review + "/request-approval", Map.of("approvalReason", " "));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("id=\"approvalReason-error\"")
            .contains("Say why the change is needed: approvers read it.");
        assertThat(requestsBy(alice)).isZero();
    }

    @Test
    void anApprovedChangeIsExecutedByItsRequesterWithItsSecretEnteredAgain() {
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-approved", CloudHsmUpdateForm.PASSWORD, "ApprovedPassword1");
        console.get(review);
        var requested = console.postForm(review + "/request-approval", Map.of("approvalReason", "CHG-7001"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(302);
        String requestId = idIn(requested.headers().firstValue("Location").orElseThrow());
        assertThat(approvals.find(requestId).orElseThrow().change().operations())
            .containsExactlyInAnyOrder(ApprovalOperation.UPDATE_NAME, ApprovalOperation.UPDATE_PASSWORD);
        assertThat(jdbc.sql("select change_json from approval_request where id = ?")
            .param(requestId)
            .query(String.class)
            .single()).doesNotContain("ApprovedPassword1").contains("hmac-sha256:");

        approvals.decide(requestId, new Approver(bob, true, false), true, "looks right");
        String execute = BASE + SeededKeyStores.PAYMENTS_HSM + "/review/approved/" + requestId;
        assertThat(console.get(execute).body()).contains("id=\"keyStorePassword\"");

        var wrong = console.postForm(execute, Map.of("keyStorePassword", "NotTheApprovedOne1"));
        assertThat(wrong.body()).contains("id=\"keyStorePassword-error\"").contains("fingerprints differ");
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);

        var checked = console.postForm(execute, Map.of("keyStorePassword", "ApprovedPassword1"));
        assertThat(checked.statusCode()).as(checked.body()).isEqualTo(302);
        String executionReview = checked.headers().firstValue("Location").orElseThrow();
        executionReview = executionReview.substring(executionReview.indexOf(BASE));
        assertThat(console.get(executionReview).body()).contains("Executing an approved change");
        var applied = console.confirm(executionReview, "");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);

        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName()).isEqualTo("payments-approved");
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
        var update = auditLog.changeHistory(SeededKeyStores.PAYMENTS_HSM, 20)
            .stream()
            .filter(entry -> entry.event().action().equals("UPDATE_CUSTOM_KEY_STORE"))
            .findFirst()
            .orElseThrow();
        assertThat(update.event().reason()).startsWith("Approved request " + requestId + " (approved by " + bob + ")");
    }

    @Test
    void aStoreChangedAfterTheApprovalVoidsIt() {
        String requestId = approvedRename("payments-voided");
        sandbox.update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(SeededKeyStores.PAYMENTS_HSM)
            .newCustomKeyStoreName("payments-renamed-meanwhile"));

        var console = flows(alice);
        String execute = BASE + SeededKeyStores.PAYMENTS_HSM + "/review/approved/" + requestId;
        console.get(execute);
        var refused = console.postForm(execute, Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow())
            .endsWith("/t/default/approvals/" + requestId);
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName())
            .isEqualTo("payments-renamed-meanwhile");
    }

    @Test
    void onlyTheRequesterMayExecuteWhenThePolicySaysSo() {
        String requestId = approvedRename("payments-bob-tries");
        var console = flows(bob);
        String execute = BASE + SeededKeyStores.PAYMENTS_HSM + "/review/approved/" + requestId;
        assertThat(console.get(execute).body()).contains("You cannot execute this request now");

        var refused = console.postForm(execute, Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName()).isEqualTo("payments-hsm-dr");
    }

    @Test
    void breakingTheGlassWithoutAGrantIsRefusedNextToItsField() {
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-glass");
        var page = console.postForm(review,
                Map.of("fingerprint", fingerprintOn(console.get(review).body()), "breakGlassReason", "outage"));

        assertThat(page.body()).contains("You hold no break-glass right");
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName()).isEqualTo("payments-hsm-dr");
    }

    @Test
    void breakingTheGlassWithAGrantAndAReasonAppliesTheChangeAndIsFlagged() {
        policies.grantBreakGlass(alice, "admin");
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME,
                "payments-glass-broken");
        var reviewPage = console.get(review).body();
        assertThat(reviewPage).contains("Break glass: apply without approval");

        var applied = console.postForm(review,
                Map.of("fingerprint", fingerprintOn(reviewPage), "breakGlassReason", "INC-42 outage"));

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(302);
        assertThat(sandbox.describe(SeededKeyStores.PAYMENTS_HSM).customKeyStoreName())
            .isEqualTo("payments-glass-broken");
        var history = auditLog.changeHistory(SeededKeyStores.PAYMENTS_HSM, 20);
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("BREAK_GLASS_USED");
            assertThat(entry.event().reason()).isEqualTo("INC-42 outage");
        });
        assertThat(history).anySatisfy(entry -> {
            assertThat(entry.event().action()).isEqualTo("UPDATE_CUSTOM_KEY_STORE");
            assertThat(entry.event().reason()).startsWith("Break glass: INC-42 outage");
        });
    }

    @Test
    void anApprovedGuidedChangeEndsAsApprovedAndOnlyThatEndIsOffered() {
        var guidedPolicy = policies.create(new TargetName("default"), SeededKeyStores.PUBLIC_XKS,
                EnumSet.of(ApprovalOperation.GUIDED_CHANGE), 1, ApproverRole.OPERATOR, Duration.ofHours(1), false,
                "admin");
        try {
            sandbox.ensureConnected(SeededKeyStores.PUBLIC_XKS);
            var console = flows(alice);
            String review = console.submit(SeededKeyStores.PUBLIC_XKS, "xks", XksUpdateForm.ENDPOINT, LAB);
            console.get(review);
            var noMode = console.postForm(review + "/request-approval", Map.of("approvalReason", "move the proxy"));
            assertThat(noMode.body()).contains("Choose how the guided change should end.");
            var requested = console.postForm(review + "/request-approval",
                    Map.of("approvalReason", "move the proxy", "approvalMode", "RECONNECT"));
            String requestId = idIn(requested.headers().firstValue("Location").orElseThrow());
            assertThat(approvals.find(requestId).orElseThrow().change().operations()).contains(
                    ApprovalOperation.GUIDED_CHANGE, ApprovalOperation.DISCONNECT, ApprovalOperation.CONNECT,
                    ApprovalOperation.UPDATE_PROXY_LOCATION);
            approvals.decide(requestId, new Approver(bob, true, false), true, null);

            var checked = console.postForm(BASE + SeededKeyStores.PUBLIC_XKS + "/review/approved/" + requestId,
                    Map.of());
            String location = checked.headers().firstValue("Location").orElseThrow();
            String executionReview = location.substring(location.indexOf(BASE));
            var page = console.checkProxy(executionReview, SeededKeyStores.TENANT_A_SECRET).body();
            assertThat(page).contains("value=\"RECONNECT\"").doesNotContain("value=\"LEAVE_DISCONNECTED\"");

            var otherEnd = console.postForm(executionReview + "/guided",
                    Map.of("fingerprint", fingerprintOn(page), "mode", "LEAVE_DISCONNECTED"));
            assertThat(otherEnd.body()).contains("The approved change ends with");
            assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.APPROVED);

            var started = console.postForm(executionReview + "/guided",
                    Map.of("fingerprint", fingerprintOn(console.get(executionReview).body()), "mode", "RECONNECT"));
            assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
            assertThat(started.headers().firstValue("Location").orElseThrow()).contains("/runs/");
            assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
            await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> LAB
                    .equals(sandbox.describe(SeededKeyStores.PUBLIC_XKS).xksProxyConfiguration().uriEndpoint())
                        && sandbox.describe(SeededKeyStores.PUBLIC_XKS).connectionStateAsString().equals("CONNECTED"));
        }
        finally {
            policies.delete(guidedPolicy.id());
            sandbox.restorePublicXks();
        }
    }

    private String approvedRename(String name) {
        var console = flows(alice);
        String review = console.submit(SeededKeyStores.PAYMENTS_HSM, "cloudhsm", CloudHsmUpdateForm.NAME, name);
        console.get(review);
        var requested = console.postForm(review + "/request-approval", Map.of("approvalReason", "CHG-7002"));
        String requestId = idIn(requested.headers().firstValue("Location").orElseThrow());
        approvals.decide(requestId, new Approver(bob, true, false), true, null);
        return requestId;
    }

    private ConsoleFlows flows(String user) {
        return new ConsoleFlows(ConsoleHttpClient.signedIn(port, user, PASSWORD));
    }

    private long requestsBy(String user) {
        return jdbc.sql("select count(*) from approval_request where requester = ?")
            .param(user)
            .query(Long.class)
            .single();
    }

    private static String fingerprintOn(String page) {
        var matcher = java.util.regex.Pattern.compile("name=\"fingerprint\" value=\"([0-9a-f]+)\"").matcher(page);
        assertThat(matcher.find()).as("the review page carries the store's fingerprint").isTrue();
        return matcher.group(1);
    }

    private static String idIn(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

}
