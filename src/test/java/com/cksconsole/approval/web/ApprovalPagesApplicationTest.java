package com.cksconsole.approval.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.RegisteredTestTargets;
import com.cksconsole.targets.TargetName;

/**
 * The approval pages over the whole application: the ADMIN's policy form with its
 * boundaries, the requests of the targets a user may see, one request's page with the
 * answers its reader may give, the approval rules' refusals as messages, and the header's
 * count. Each test has a target of its own, so the requests of one never reach another.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class ApprovalPagesApplicationTest {

    private static final RequestPostProcessor ADMIN = user("approvals-admin").roles("ADMIN");

    private static final String STORE = "cks-0123456789abcdef0";

    @Autowired
    MockMvcTester mvc;

    @Autowired
    Approvals approvals;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    ApplicationContext context;

    private String target;

    private String badgeTarget;

    private String requester;

    /**
     * The targets of this class: two, whatever the number of tests, as every page's
     * header lists every target. Each test starts without their policies and names its
     * own requester, so the requests of one test do not answer another's questions.
     */
    @BeforeEach
    void ownTargets() {
        target = RegisteredTestTargets.ensure(context, "aw-pages", "920000000101").value();
        badgeTarget = RegisteredTestTargets.ensure(context, "aw-badge", "920000000102").value();
        policies.all()
            .stream()
            .filter(p -> p.target().equals(target) || p.target().equals(badgeTarget))
            .forEach(p -> policies.delete(p.id()));
        requester = "requester-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void retireOwnTargets() {
        RegisteredTestTargets.retire(context, "aw-pages");
        RegisteredTestTargets.retire(context, "aw-badge");
    }

    /** An OPERATOR of this test's target only, by a grant. */
    private RequestPostProcessor operator(String name) {
        return grant(name, "TARGET_OPERATOR:" + target);
    }

    private static RequestPostProcessor grant(String name, String authority) {
        return user(name).authorities(List.of(new SimpleGrantedAuthority(authority)));
    }

    private ApprovalRequest requested(int approvers, ApproverRole role) {
        return requested(target, approvers, role);
    }

    private ApprovalRequest requested(String target, int approvers, ApproverRole role) {
        policies.create(new TargetName(target), null, EnumSet.of(ApprovalOperation.DISCONNECT), approvers, role,
                Duration.ofHours(24), false, "approvals-admin");
        var change = new ProposedChange(target, STORE, "Disconnect store-approval (" + STORE + ")",
                Set.of(ApprovalOperation.DISCONNECT),
                List.of(new ChangeLine("XksProxyUriPath", "/kms/xks/v1", "/tenant-b/kms/xks/v1"),
                        new ChangeLine("KeyStorePassword", null, "replaced")),
                Map.of("state", "DISCONNECTED"),
                Map.of("KeyStorePassword", approvals.fingerprint("KeyStorePassword", "kmsuser-secret-1")),
                "store-fingerprint-1", "/t/" + target + "/key-stores/" + STORE + "/approved/");
        return approvals.request(change, requester, "The proxy moves tonight.");
    }

    private static String page(ApprovalRequest request) {
        return "/t/" + request.change().target() + "/approvals/" + request.id();
    }

    private ApprovalStatus status(ApprovalRequest request) {
        return approvals.find(request.id()).orElseThrow().status();
    }

    // ---- Policies ----

    private MockMvcTester.MockMvcRequestBuilder policy(String approvers, String validityMinutes) {
        return mvc.post()
            .uri("/approval-policies")
            .with(ADMIN)
            .with(csrf())
            .param("target", target)
            .param("storeId", "")
            .param("operations", "DISCONNECT", "DELETE")
            .param("approvers", approvers)
            .param("approverRole", "OPERATOR")
            .param("validityMinutes", validityMinutes)
            .param("anyOperatorExecutes", "true");
    }

    private long policiesOfTarget() {
        return policies.all().stream().filter(p -> p.target().equals(target)).count();
    }

    @ParameterizedTest(name = "{0} approvers")
    @CsvSource({ "0, false", "1, true", "2, true", "3, false" })
    void aPolicyAsksForOneOrTwoApprovers(String approvers, boolean accepted) {
        var result = policy(approvers, "1440").exchange();
        if (accepted) {
            assertThat(result).hasStatus3xxRedirection().hasRedirectedUrl("/approval-policies");
            assertThat(policies.all()).filteredOn(p -> p.target().equals(target)).singleElement().satisfies(p -> {
                assertThat(p.approvers()).isEqualTo(Integer.parseInt(approvers));
                assertThat(p.operations()).containsExactlyInAnyOrder(ApprovalOperation.DISCONNECT,
                        ApprovalOperation.DELETE);
                assertThat(p.validity()).isEqualTo(Duration.ofHours(24));
                assertThat(p.anyOperatorExecutes()).isTrue();
            });
        }
        else {
            assertThat(result).hasStatusOk()
                .bodyText()
                .contains("id=\"approvers-error\"", PolicyForm.APPROVERS_RULE)
                .contains("name=\"approvers\" value=\"" + approvers + "\"")
                .contains("name=\"validityMinutes\" value=\"1440\"")
                .contains("selected=\"selected\">" + target + " ·");
            assertThat(policiesOfTarget()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} minutes")
    @CsvSource({ "4, false", "5, true", "10080, true", "10081, false" })
    void anApprovalIsValidForFiveMinutesToSevenDays(String minutes, boolean accepted) {
        var result = policy("1", minutes).exchange();
        if (accepted) {
            assertThat(result).hasStatus3xxRedirection();
            assertThat(policies.all()).filteredOn(p -> p.target().equals(target))
                .singleElement()
                .satisfies(p -> assertThat(p.validity()).isEqualTo(Duration.ofMinutes(Long.parseLong(minutes))));
        }
        else {
            assertThat(result).hasStatusOk()
                .bodyText()
                .contains("id=\"validityMinutes-error\"", PolicyForm.VALIDITY_RULE)
                .contains("name=\"validityMinutes\" value=\"" + minutes + "\"")
                .contains("name=\"approvers\" value=\"1\"");
            assertThat(policiesOfTarget()).isZero();
        }
    }

    @Test
    void aNumberThatIsNoNumberIsRefusedInWords() {
        assertThat(policy("two", "a day").exchange()).hasStatusOk()
            .bodyText()
            .contains("id=\"approvers-error\"", PolicyForm.APPROVERS_RULE)
            .contains("id=\"validityMinutes-error\"", PolicyForm.VALIDITY_RULE)
            .doesNotContain("Failed to convert");
        assertThat(policiesOfTarget()).isZero();
    }

    @Test
    void aPolicyNamesAtLeastOneOperation() {
        assertThat(mvc.post()
            .uri("/approval-policies")
            .with(ADMIN)
            .with(csrf())
            .param("target", target)
            .param("approvers", "2")
            .param("approverRole", "ADMIN")
            .param("validityMinutes", "60")).hasStatusOk()
            .bodyText()
            .contains("id=\"operations-error\"", "Choose at least one operation that needs approval.")
            .contains("name=\"approvers\" value=\"2\"")
            .contains("value=\"ADMIN\" selected=\"selected\"");
        assertThat(policiesOfTarget()).isZero();
    }

    @Test
    void aPolicyIsForARegisteredTarget() {
        assertThat(mvc.post()
            .uri("/approval-policies")
            .with(ADMIN)
            .with(csrf())
            .param("target", "no-such-target")
            .param("operations", "CONNECT")
            .param("approvers", "1")
            .param("approverRole", "OPERATOR")
            .param("validityMinutes", "60")).hasStatusOk()
            .bodyText()
            .contains("id=\"target-error\"", "There is no target no-such-target")
            .containsPattern("id=\"operation-CONNECT\"[^>]*checked=\"checked\"");
        assertThat(policies.all()).noneMatch(p -> p.target().equals("no-such-target"));
    }

    @Test
    void anAdministratorSeesAndRemovesAPolicy() {
        policy("2", "90").exchange();
        var created = policies.all().stream().filter(p -> p.target().equals(target)).findFirst().orElseThrow();
        assertThat(mvc.get().uri("/approval-policies").with(ADMIN)).hasStatusOk()
            .bodyText()
            .contains("policy-" + created.id(), "90 minutes", "Any operator of the target")
            .contains("aria-current=\"page\">Approval policies</a>");
        assertThat(mvc.post().uri("/approval-policies/" + created.id() + "/delete").with(ADMIN).with(csrf()))
            .hasStatus3xxRedirection()
            .flash()
            .containsKey("success");
        assertThat(policiesOfTarget()).isZero();
    }

    @Test
    void breakGlassIsGivenOnlyToAnExistingConsoleUserAndTakenBack() {
        assertThat(mvc.post()
            .uri("/approval-policies/break-glass")
            .with(ADMIN)
            .with(csrf())
            .param("username", "nobody-" + target)).hasStatusOk()
            .bodyText()
            .contains("id=\"username-error\"", "There is no console user nobody-" + target)
            .contains("name=\"username\" value=\"nobody-" + target + "\"");
        assertThat(approvals.holdsBreakGlass("nobody-" + target)).isFalse();

        // The bootstrap administrator exists in every test context.
        assertThat(mvc.post().uri("/approval-policies/break-glass").with(ADMIN).with(csrf()).param("username", "admin"))
            .hasStatus3xxRedirection();
        assertThat(approvals.holdsBreakGlass("admin")).isTrue();
        assertThat(mvc.get().uri("/approval-policies").with(ADMIN)).bodyText()
            .contains("/approval-policies/break-glass/admin/revoke");
        assertThat(mvc.post().uri("/approval-policies/break-glass/admin/revoke").with(ADMIN).with(csrf()))
            .hasStatus3xxRedirection();
        assertThat(approvals.holdsBreakGlass("admin")).isFalse();
    }

    @Test
    void onlyAnAdministratorOpensThePolicies() {
        assertThat(mvc.get().uri("/approval-policies").with(user("approvals-operator").roles("OPERATOR")))
            .hasStatus(403);
    }

    // ---- Requests ----

    @Test
    void aRequestIsListedForItsApproverMarkedAndShownWithItsExactChange() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.get().uri("/approvals").with(operator("approver-a"))).hasStatusOk()
            .bodyText()
            .contains("data-request=\"" + request.id() + "\"", "Awaits your answer", request.change().subject());

        assertThat(mvc.get().uri(page(request)).with(operator("approver-a"))).hasStatusOk()
            .bodyText()
            .contains(request.change().subject(), requester, "The proxy moves tonight.", "PENDING")
            .contains("XksProxyUriPath", "/kms/xks/v1", "/tenant-b/kms/xks/v1")
            .contains("KeyStorePassword", "replaced", request.changeHash())
            .contains("1 approval by someone with the OPERATOR role on " + target)
            .contains("It awaits your answer.", "/approvals/" + request.id() + "/approve",
                    "/approvals/" + request.id() + "/reject")
            .doesNotContain("kmsuser-secret-1")
            .doesNotContain("/withdraw");
    }

    @Test
    void aSecondOperatorsApprovalMakesItApprovedAndTheRequesterMayThenExecute() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.post()
            .uri(page(request) + "/approve")
            .with(operator("approver-b"))
            .with(csrf())
            .param("comment", "Checked with the proxy team.")).hasStatus3xxRedirection()
            .hasRedirectedUrl(page(request))
            .flash()
            .containsKey("success");
        assertThat(status(request)).isEqualTo(ApprovalStatus.APPROVED);

        assertThat(mvc.get().uri(page(request)).with(operator(requester))).hasStatusOk()
            .bodyText()
            .contains("APPROVED", "approver-b", "Checked with the proxy team.")
            .contains("href=\"" + request.executeUrl() + "\"", "/withdraw");
        assertThat(mvc.get().uri(page(request)).with(operator("approver-b"))).bodyText()
            .as("only the requester executes")
            .doesNotContain(request.executeUrl());
    }

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.post().uri(page(request) + "/approve").with(operator(requester)).with(csrf()))
            .hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", "You asked for this change: someone else must approve it.");
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
        assertThat(mvc.get().uri(page(request)).with(operator(requester))).bodyText().doesNotContain("/approve\"");
    }

    @Test
    void anOperatorCannotAnswerARequestThatNeedsAnAdministrator() {
        var request = requested(1, ApproverRole.ADMIN);

        assertThat(mvc.post().uri(page(request) + "/approve").with(operator("approver-c")).with(csrf())).flash()
            .containsEntry("failure", "Approving this request needs the ADMIN role on target " + target + ".");
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void aViewerCannotAnswer() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(
                mvc.post().uri(page(request) + "/approve").with(user("approvals-viewer").roles("VIEWER")).with(csrf()))
            .hasStatus(403);
        assertThat(mvc.post()
            .uri(page(request) + "/approve")
            .with(grant("approvals-target-viewer", "TARGET_VIEWER:" + target))
            .with(csrf())).hasStatus(403);
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
        assertThat(mvc.get().uri(page(request)).with(user("approvals-viewer").roles("VIEWER"))).hasStatusOk()
            .bodyText()
            .doesNotContain("/approve\"");
    }

    @Test
    void aUserWithAGrantOnAnotherTargetNeitherSeesNorOpensTheRequest() {
        var request = requested(1, ApproverRole.OPERATOR);
        var elsewhere = grant("approvals-elsewhere", "TARGET_OPERATOR:staging-eu");

        assertThat(mvc.get().uri(page(request)).with(elsewhere)).hasStatus(403);
        assertThat(mvc.post().uri(page(request) + "/approve").with(elsewhere).with(csrf())).hasStatus(403);
        assertThat(mvc.get().uri("/approvals").with(elsewhere)).hasStatusOk().bodyText().doesNotContain(request.id());
    }

    @Test
    void aRequestIsShownOnlyUnderItsOwnTarget() {
        var request = requested(1, ApproverRole.OPERATOR);
        var everywhere = user("approvals-global").roles("OPERATOR");

        assertThat(mvc.get().uri("/t/staging-eu/approvals/" + request.id()).with(everywhere)).hasStatus(404);
        assertThat(mvc.post().uri("/t/staging-eu/approvals/" + request.id() + "/approve").with(everywhere).with(csrf()))
            .hasStatus(404);
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
        assertThat(mvc.get().uri("/t/" + target + "/approvals/" + UUID.randomUUID()).with(everywhere)).hasStatus(404);
        assertThat(mvc.get().uri("/t/" + target + "/approvals/not-an-id").with(everywhere)).hasStatus(404)
            .bodyText()
            .contains("No such approval request");
    }

    @Test
    void aRefusalNeedsAComment() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.post()
            .uri(page(request) + "/reject")
            .with(operator("approver-d"))
            .with(csrf())
            .param("comment", "  ")).hasStatus3xxRedirection()
            .flash()
            .containsEntry("failure", "Say why you refuse: the requester reads it.")
            .containsKey("commentError");
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);

        assertThat(mvc.post()
            .uri(page(request) + "/reject")
            .with(operator("approver-d"))
            .with(csrf())
            .param("comment", "Not tonight: the proxy team is away.")).hasStatus3xxRedirection();
        assertThat(status(request)).isEqualTo(ApprovalStatus.REJECTED);
    }

    @Test
    void onlyTheRequesterWithdraws() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.post().uri(page(request) + "/withdraw").with(operator("approver-e")).with(csrf())).flash()
            .containsEntry("failure", "Only the requester can withdraw a request.");
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);

        assertThat(mvc.post().uri(page(request) + "/withdraw").with(operator(requester)).with(csrf())).flash()
            .containsKey("success");
        assertThat(status(request)).isEqualTo(ApprovalStatus.WITHDRAWN);
        assertThat(mvc.get().uri("/approvals").with(operator(requester))).bodyText()
            .contains("Recently closed", "data-request=\"" + request.id() + "\"", "WITHDRAWN");
    }

    @Test
    void everyAnswerNeedsTheCsrfToken() {
        var request = requested(1, ApproverRole.OPERATOR);

        assertThat(mvc.post().uri(page(request) + "/approve").with(operator("approver-f"))).hasStatus(403);
        assertThat(mvc.post().uri(page(request) + "/withdraw").with(operator(requester))).hasStatus(403);
        assertThat(status(request)).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void theHeaderCountsTheRequestsAwaitingTheReader() {
        long before = awaitingOnTheBadgeTarget("approver-g");
        requested(badgeTarget, 1, ApproverRole.OPERATOR);
        var approver = grant("approver-g", "TARGET_OPERATOR:" + badgeTarget);
        var asker = grant(requester, "TARGET_OPERATOR:" + badgeTarget);

        assertThat(mvc.get().uri("/approvals").with(approver)).bodyText()
            .contains("Approvals (<span>" + (before + 1)
                    + "</span>)<span class=\"visually-hidden\">, awaiting your answer</span>")
            .contains((before + 1) + (before == 0 ? " request awaits" : " requests await") + " your answer.");
        assertThat(mvc.get().uri("/approvals").with(asker)).as("not their own request")
            .bodyText()
            .contains("Approvals (<span>" + before + "</span>");
        assertThat(mvc.get().uri("/").with(user("approvals-auditor").roles("AUDITOR"))).bodyText()
            .doesNotContain("data-approval-badge");
    }

    /**
     * What awaits someone of the badge target's OPERATORs who has answered nothing there:
     * the other tests' requests on it, if they ran first.
     */
    private long awaitingOnTheBadgeTarget(String name) {
        return approvals.awaiting(on -> new Approver(name, on.equals(badgeTarget), false));
    }

    @Test
    void theHeaderNoLongerCountsARequestTheReaderAnswered() {
        var first = grant("approver-h", "TARGET_OPERATOR:" + badgeTarget);
        var second = grant("approver-i", "TARGET_OPERATOR:" + badgeTarget);
        // The other tests' requests on this target await both alike: neither answered
        // one.
        long before = approvals.awaiting(on -> new Approver("approver-i", on.equals(badgeTarget), false));
        var request = requested(badgeTarget, 2, ApproverRole.OPERATOR);

        assertThat(mvc.post().uri(page(request) + "/approve").with(first).with(csrf())).hasStatus3xxRedirection();
        assertThat(status(request)).as("one of two approvals").isEqualTo(ApprovalStatus.PENDING);

        assertThat(mvc.get().uri("/approvals").with(first)).bodyText()
            .contains("Approvals (<span>" + before + "</span>");
        assertThat(mvc.get().uri("/approvals").with(second)).bodyText()
            .contains("Approvals (<span>" + (before + 1) + "</span>");
    }

}
