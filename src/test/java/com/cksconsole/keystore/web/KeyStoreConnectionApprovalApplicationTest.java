package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.approval.ApprovalAuditAction;
import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.audit.AuditEntry;
import com.cksconsole.audit.AuditLog;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.keystore.KeyStoreFingerprint;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;

import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

/**
 * Connect and disconnect under an approval policy (issue #20), over HTTP against the KMS
 * sandbox: the plain action refused, request, approval by a second person, execution,
 * voiding when the store changed, break glass with and without a grant.
 */
@ConsoleApplicationTest
class KeyStoreConnectionApprovalApplicationTest {

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    private static final String DETAIL = "/t/default/key-stores/" + STORE;

    private static final Approver SECOND_OPERATOR = new Approver("second-operator", true, false);

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    Approvals approvals;

    @Autowired
    AuditLog auditLog;

    @Autowired
    Targets targets;

    @Autowired
    KeyStoreReads reads;

    private final List<Long> created = new ArrayList<>();

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
        sandbox.ensureConnected(STORE);
    }

    @AfterEach
    void restore() {
        created.forEach(policies::delete);
        policies.revokeBreakGlass("admin");
        sandbox.restorePublicXks();
    }

    private void policy(ApprovalOperation operation) {
        ApprovalPolicy policy = policies.create(new TargetName("default"), STORE, Set.of(operation), 1,
                ApproverRole.OPERATOR, ApprovalPolicy.DEFAULT_VALIDITY, false, "admin");
        created.add(policy.id());
    }

    private List<AuditEntry> entries(String action) {
        return auditLog.changeHistory(STORE, 50).stream().filter(e -> e.event().action().equals(action)).toList();
    }

    /** Requests approval of the disconnect from its page; returns the request. */
    private ApprovalRequest requestDisconnect(String reason) {
        var requested = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect/request-approval",
                Map.of("reason", reason));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(302);
        String location = requested.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/t/default/approvals/");
        String id = location.substring(location.lastIndexOf('/') + 1);
        return approvals.find(id).orElseThrow();
    }

    private HttpResponse<String> execute(ApprovalRequest request) {
        String page = request.executeUrl();
        assertThat(console.get(page).statusCode()).isEqualTo(200);
        return console.postOn(page, page, Map.of());
    }

    private ConnectionStateType state() {
        return sandbox.describe(STORE).connectionState();
    }

    @Test
    void withoutAPolicyTheConfirmationPageOffersThePlainActionAsBefore() {
        var page = console.get(DETAIL + "/disconnect").body();

        assertThat(page).contains("action=\"" + DETAIL + "/disconnect\"")
            .contains("Disconnect the key store")
            .doesNotContain("This needs approval")
            .doesNotContain("/request-approval");
    }

    @Test
    void underAPolicyTheConfirmationPageOffersARequestForApprovalInsteadOfTheAction() {
        policy(ApprovalOperation.DISCONNECT);

        var page = console.get(DETAIL + "/disconnect").body();

        assertThat(page).contains("This needs approval by one approver with the OPERATOR role, other than you")
            .contains("action=\"" + DETAIL + "/disconnect/request-approval\"")
            .doesNotContain("action=\"" + DETAIL + "/disconnect\"")
            .doesNotContain("Break glass");
    }

    @Test
    void aDirectDisconnectUnderAPolicyIsRefusedAndNothingIsSent() {
        policy(ApprovalOperation.DISCONNECT);
        int disconnects = entries(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name()).size();

        var refused = console.postOn(DETAIL, DETAIL + "/disconnect", Map.of());

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body())
            .contains("This needs approval by one approver with the OPERATOR role, other than you")
            .contains("Nothing was sent to KMS");
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(entries(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name())).hasSize(disconnects);
    }

    @Test
    void aPolicyOnDisconnectLeavesConnectAlone() {
        policy(ApprovalOperation.DISCONNECT);
        sandbox.ensureDisconnected(STORE);

        var page = console.get(DETAIL + "/connect").body();

        assertThat(page).contains("action=\"" + DETAIL + "/connect\"").doesNotContain("This needs approval");
    }

    @Test
    void theRequestRecordsTheExactChangeAndTheStoresFingerprint() {
        policy(ApprovalOperation.DISCONNECT);
        var store = reads.describeNow(
                new KeyStoreRef(targets.find(new TargetName("default")).orElseThrow().target().kmsTarget(), STORE));

        var request = requestDisconnect("Maintenance window CHG-1234");

        assertThat(request.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(request.requester()).isEqualTo("admin");
        assertThat(request.reason()).isEqualTo("Maintenance window CHG-1234");
        var change = request.change();
        assertThat(change.target()).isEqualTo("default");
        assertThat(change.storeId()).isEqualTo(STORE);
        assertThat(change.subject()).isEqualTo(store.name() + " (" + STORE + ")");
        assertThat(change.operations()).containsExactly(ApprovalOperation.DISCONNECT);
        assertThat(change.lines()).containsExactly(new ChangeLine("ConnectionState", "CONNECTED", "DISCONNECTED"));
        assertThat(change.secretFingerprints()).isEmpty();
        assertThat(change.storeFingerprint()).isEqualTo(KeyStoreFingerprint.of(store));
        assertThat(request.executeUrl()).isEqualTo(DETAIL + "/disconnect/approved/" + request.id());
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void aRequestWithoutAReasonIsRefusedNextToTheField() {
        policy(ApprovalOperation.DISCONNECT);
        int open = approvals.open(target -> true).size();

        var refused = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect/request-approval",
                Map.of("reason", " "));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"reason-error\"").contains("Say why the change is needed");
        assertThat(approvals.open(target -> true)).hasSize(open);
    }

    @Test
    void anApprovedDisconnectIsExecutedByTheRequesterAndTheRequestIsExecuted() {
        policy(ApprovalOperation.DISCONNECT);
        var request = requestDisconnect("Maintenance window CHG-1234");
        approvals.decide(request.id(), SECOND_OPERATOR, true, "Go ahead");

        var page = console.get(request.executeUrl()).body();
        assertThat(page).contains("ConnectionState")
            .contains("DISCONNECTED")
            .contains("action=\"" + request.executeUrl() + "\"")
            .contains("second-operator");
        var executed = console.postOn(request.executeUrl(), request.executeUrl(), Map.of());

        assertThat(executed.statusCode()).isEqualTo(302);
        assertThat(executed.headers().firstValue("Location").orElseThrow()).endsWith(DETAIL);
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> state() == ConnectionStateType.DISCONNECTED);
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(entries(KeyStoreAuditAction.DISCONNECT_CUSTOM_KEY_STORE.name())).first()
            .satisfies(entry -> assertThat(entry.event().actor()).isEqualTo("admin"));
        assertThat(entries(ApprovalAuditAction.APPROVAL_EXECUTED.name())).first()
            .satisfies(entry -> assertThat(entry.event().parameters())
                .anySatisfy(p -> assertThat(p.value()).isEqualTo(request.id())));
    }

    @Test
    void aPendingRequestCannotBeExecuted() {
        policy(ApprovalOperation.DISCONNECT);
        var request = requestDisconnect("Maintenance window CHG-1234");

        assertThat(console.get(request.executeUrl()).body()).doesNotContain("action=\"" + request.executeUrl() + "\"");
        var refused = console.postOn(request.executeUrl(), request.executeUrl(), Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(console.get(request.executeUrl()).body()).contains("This request is pending, not approved.");
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void aStoreRenamedAfterTheApprovalVoidsItAndIsNotDisconnected() {
        policy(ApprovalOperation.DISCONNECT);
        var request = requestDisconnect("Maintenance window CHG-1234");
        approvals.decide(request.id(), SECOND_OPERATOR, true, null);
        sandbox.update(UpdateCustomKeyStoreRequest.builder()
            .customKeyStoreId(STORE)
            .newCustomKeyStoreName("ekm-public-renamed"));

        var refused = execute(request);

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith(request.executeUrl());
        assertThat(console.get(request.executeUrl()).body())
            .contains("The key store changed since the change was " + "approved")
            .contains("VOIDED");
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void theExecutePageOfAnotherStoresRequestIsNotFound() {
        policy(ApprovalOperation.DISCONNECT);
        var request = requestDisconnect("Maintenance window CHG-1234");
        String other = "/t/default/key-stores/" + SeededKeyStores.PRIVATE_XKS + "/disconnect/approved/" + request.id();

        assertThat(console.get(other).statusCode()).isEqualTo(404);
        assertThat(console.get(DETAIL + "/connect/approved/" + request.id()).statusCode()).isEqualTo(404);
    }

    @Test
    void breakingTheGlassWithoutAGrantIsRefused() {
        policy(ApprovalOperation.DISCONNECT);
        int breakGlassUses = entries(ApprovalAuditAction.BREAK_GLASS_USED.name()).size();

        var refused = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect",
                Map.of("breakGlassReason", "Incident 42"));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("You hold no break-glass right");
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(entries(ApprovalAuditAction.BREAK_GLASS_USED.name())).hasSize(breakGlassUses);
    }

    @Test
    void breakingTheGlassWithAGrantAndAReasonDisconnectsAndIsAuditedForReview() {
        policy(ApprovalOperation.DISCONNECT);
        policies.grantBreakGlass("admin", "admin");
        int breakGlassUses = entries(ApprovalAuditAction.BREAK_GLASS_USED.name()).size();
        assertThat(console.get(DETAIL + "/disconnect").body()).contains("Break glass: act without approval")
            .contains("name=\"breakGlassReason\"");

        var done = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect",
                Map.of("breakGlassReason", "Incident 42: the proxy leaks"));

        assertThat(done.statusCode()).isEqualTo(302);
        await().atMost(Duration.ofSeconds(20))
            .pollInterval(Duration.ofMillis(100))
            .until(() -> state() == ConnectionStateType.DISCONNECTED);
        assertThat(entries(ApprovalAuditAction.BREAK_GLASS_USED.name())).hasSize(breakGlassUses + 1)
            .first()
            .satisfies(entry -> {
                assertThat(entry.event().actor()).isEqualTo("admin");
                assertThat(entry.event().reason()).isEqualTo("Incident 42: the proxy leaks");
            });
    }

    @Test
    void breakingTheGlassWithoutAReasonIsRefused() {
        policy(ApprovalOperation.DISCONNECT);
        policies.grantBreakGlass("admin", "admin");

        var refused = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect", Map.of("breakGlassReason", ""));

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("id=\"breakGlassReason-error\"")
            .contains("Breaking the glass needs a reason");
        assertThat(state()).isEqualTo(ConnectionStateType.CONNECTED);
    }

}
