package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreNotFoundException;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;

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
import com.cksconsole.audit.AuditLog;
import com.cksconsole.keystore.KeyStoreAuditAction;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.TargetName;

/**
 * Deleting a key store under an approval policy (issue #20), over HTTP against the KMS
 * sandbox: the plain deletion refused, the request with the typed name, execution after a
 * second person's approval, a rename voiding it, break glass. Each test creates its own
 * store, as {@link KeyStoreDeletionApplicationTest} does.
 */
@ConsoleApplicationTest
class KeyStoreDeletionApprovalApplicationTest {

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

    private final List<String> created = new ArrayList<>();

    private final List<Long> policiesCreated = new ArrayList<>();

    private SeededKeyStores sandbox;

    private KmsClient kms;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        sandbox = SeededKeyStores.of(context);
        kms = KeyStoreServices.defaultClient(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
    }

    @AfterEach
    void removeWhatIsLeft() {
        policiesCreated.forEach(policies::delete);
        policies.revokeBreakGlass("admin");
        for (String id : created) {
            try {
                sandbox.ensureDisconnected(id);
                kms.deleteCustomKeyStore(r -> r.customKeyStoreId(id));
            }
            catch (CustomKeyStoreNotFoundException alreadyDeleted) {
                // deleted by the test
            }
        }
        context.getBean(com.cksconsole.keystore.KeyStoreReads.class).forgetSnapshot();
    }

    /** A new DISCONNECTED store whose deletion needs one operator's approval. */
    private String storeUnderPolicy(String name) {
        String id = DeletableStores.create(context, name);
        created.add(id);
        ApprovalPolicy policy = policies.create(new TargetName("default"), id, Set.of(ApprovalOperation.DELETE), 1,
                ApproverRole.OPERATOR, ApprovalPolicy.DEFAULT_VALIDITY, false, "admin");
        policiesCreated.add(policy.id());
        return id;
    }

    private static String uniqueName() {
        return "del-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String page(String id) {
        return "/t/default/key-stores/" + id;
    }

    private boolean existsInKms(String id) {
        try {
            sandbox.describe(id);
            return true;
        }
        catch (CustomKeyStoreNotFoundException e) {
            return false;
        }
    }

    private ApprovalRequest request(String id, String typedName) {
        var requested = console.postOn(page(id) + "/delete", page(id) + "/delete/request-approval",
                Map.of("confirmName", typedName, "reason", "Tenant B left: RITM-77"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(302);
        String location = requested.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/t/default/approvals/");
        return approvals.find(location.substring(location.lastIndexOf('/') + 1)).orElseThrow();
    }

    private long deletions(String id) {
        return auditLog.changeHistory(id, 50)
            .stream()
            .filter(e -> e.event().action().equals(KeyStoreAuditAction.DELETE_CUSTOM_KEY_STORE.name()))
            .count();
    }

    @Test
    void underAPolicyThePageAsksForApprovalWithTheTypedNameAndOffersNoDeletion() {
        String id = storeUnderPolicy(uniqueName());

        var shown = console.get(page(id) + "/delete").body();

        assertThat(shown).contains("This needs approval by one approver with the OPERATOR role, other than you")
            .contains("action=\"" + page(id) + "/delete/request-approval\"")
            .contains("name=\"confirmName\"")
            .doesNotContain("action=\"" + page(id) + "/delete\"");
    }

    @Test
    void aDirectDeletionUnderAPolicyIsRefusedAndNothingIsSent() {
        String name = uniqueName();
        String id = storeUnderPolicy(name);
        // The form with its one-use token, as the page shows it to a break-glass holder,
        // posted without breaking the glass.
        policies.grantBreakGlass("admin", "admin");
        var fields = new LinkedHashMap<>(
                HtmlForm.readExact(console.get(page(id) + "/delete").body(), page(id) + "/delete"));
        fields.remove("breakGlassReason");
        fields.put("confirmName", name);

        var refused = console.postForm(page(id) + "/delete", fields);

        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("This needs approval").contains("Nothing was sent to KMS");
        assertThat(existsInKms(id)).isTrue();
        assertThat(deletions(id)).isZero();
    }

    @Test
    void aRequestWithAWrongNameIsRefusedNextToTheField() {
        String name = uniqueName();
        String id = storeUnderPolicy(name);

        var refused = console.postOn(page(id) + "/delete", page(id) + "/delete/request-approval",
                Map.of("confirmName", name.toUpperCase(), "reason", "Tenant B left"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("id=\"requestConfirmName-error\"")
            .contains("value=\"" + name.toUpperCase() + "\"")
            .contains("Tenant B left");
        assertThat(approvals.open(target -> true)).noneMatch(r -> id.equals(r.change().storeId()));
    }

    @Test
    void anApprovedDeletionIsExecutedAndTheRequestIsExecuted() {
        String name = uniqueName();
        String id = storeUnderPolicy(name);
        var request = request(id, name);
        assertThat(request.change().lines()).containsExactly(new ChangeLine("CustomKeyStore", name, "deleted"));
        assertThat(request.change().parameters()).containsEntry("confirmedName", name);
        assertThat(request.executeUrl()).isEqualTo(page(id) + "/delete/approved/" + request.id());
        assertThat(existsInKms(id)).isTrue();
        approvals.decide(request.id(), SECOND_OPERATOR, true, null);

        var executed = console.postOn(request.executeUrl(), request.executeUrl(), Map.of());

        assertThat(executed.statusCode()).isEqualTo(302);
        assertThat(executed.headers().firstValue("Location").orElseThrow()).endsWith("/t/default/key-stores");
        assertThat(existsInKms(id)).isFalse();
        assertThat(deletions(id)).isOne();
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    @Test
    void aStoreRenamedAfterTheApprovalVoidsItAndIsNotDeleted() {
        String name = uniqueName();
        String id = storeUnderPolicy(name);
        var request = request(id, name);
        approvals.decide(request.id(), SECOND_OPERATOR, true, null);
        sandbox.update(UpdateCustomKeyStoreRequest.builder().customKeyStoreId(id).newCustomKeyStoreName(name + "-x"));

        var refused = console.postOn(request.executeUrl(), request.executeUrl(), Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(console.get(request.executeUrl()).body())
            .contains("The key store changed since the change was " + "approved");
        assertThat(approvals.find(request.id()).orElseThrow().status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(existsInKms(id)).isTrue();
        assertThat(deletions(id)).isZero();
    }

    @Test
    void breakingTheGlassWithAGrantDeletesAndIsAudited() {
        String name = uniqueName();
        String id = storeUnderPolicy(name);
        policies.grantBreakGlass("admin", "admin");
        var shown = console.get(page(id) + "/delete").body();
        assertThat(shown).contains("Break glass: act without approval").contains("name=\"breakGlassReason\"");
        var fields = new LinkedHashMap<>(HtmlForm.readExact(shown, page(id) + "/delete"));
        fields.put("confirmName", name);
        fields.put("breakGlassReason", "Tenant B's keys leaked");

        var deleted = console.postForm(page(id) + "/delete", fields);

        assertThat(deleted.statusCode()).isEqualTo(302);
        assertThat(existsInKms(id)).isFalse();
        assertThat(auditLog.changeHistory(id, 50))
            .filteredOn(e -> e.event().action().equals(ApprovalAuditAction.BREAK_GLASS_USED.name()))
            .singleElement()
            .satisfies(e -> assertThat(e.event().reason()).isEqualTo("Tenant B's keys leaked"));
    }

}
