package com.cksconsole.keys.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
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
import org.springframework.security.crypto.password.PasswordEncoder;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.keys.KeyInventory;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.targets.TargetName;

/**
 * A key's scheduled deletion under an approval policy, over HTTP against the sandbox:
 * refused without approval, asked for with its waiting period, approved by someone else,
 * executed; a key whose state changed after the approval voids it; break glass.
 */
@ConsoleApplicationTest
class KeyDeletionApprovalApplicationTest {

    private static final String PASSWORD = "operator-password-2026";

    private static final String STORE = SeededKeyStores.FINANCE_HSM;

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

    private KmsClient kms;

    private final List<String> created = new ArrayList<>();

    private String alice;

    private String bob;

    private ApprovalPolicy policy;

    @BeforeEach
    void policyAndOperators() {
        kms = KeyStoreServices.defaultClient(context);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = "kalice-" + suffix;
        bob = "kbob-" + suffix;
        for (String name : new String[] { alice, bob }) {
            users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(Role.OPERATOR), true, false));
        }
        policy = policies.create(new TargetName("default"), null, EnumSet.of(ApprovalOperation.KEY_DELETION), 1,
                ApproverRole.OPERATOR, Duration.ofHours(24), false, "admin");
    }

    @AfterEach
    void cleanUp() {
        policies.delete(policy.id());
        policies.revokeBreakGlass(alice);
        KeyPagesSupport.removeKeys(context, created);
    }

    @Test
    void aDeletionUnderAPolicyIsNotScheduledWithoutApproval() {
        String keyId = key();
        var http = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
        var page = http.get(KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion").body();
        assertThat(page).contains("This deletion needs approval").doesNotContain("Break glass");

        var refused = http.postForm(KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion", Map.of("days", "7"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("You hold no break-glass right");
        assertThat(state(keyId)).isEqualTo(KeyState.ENABLED);
    }

    @Test
    void anApprovedDeletionIsScheduledWithItsApprovedWaitingPeriod() {
        String keyId = key();
        String requestId = requested(keyId, "9");
        approvals.decide(requestId, new Approver(bob, true, false), true, null);
        var http = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
        String execute = KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion/approved/" + requestId;
        assertThat(http.get(execute).body()).contains("Executing an approved deletion")
            .contains("<strong>9</strong> days");

        var done = http.postForm(execute, Map.of());

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.PENDING_DELETION);
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    @Test
    void aKeyWhoseStateChangedAfterTheApprovalVoidsIt() {
        String keyId = key();
        String requestId = requested(keyId, "30");
        approvals.decide(requestId, new Approver(bob, true, false), true, null);
        kms.disableKey(r -> r.keyId(keyId));
        context.getBean(KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);
        var http = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
        String execute = KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion/approved/" + requestId;
        http.get(execute);

        var refused = http.postForm(execute, Map.of());

        assertThat(refused.headers().firstValue("Location").orElseThrow())
            .endsWith("/t/default/approvals/" + requestId);
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(state(keyId)).isEqualTo(KeyState.DISABLED);
    }

    @Test
    void breakingTheGlassSchedulesTheDeletionWithAGrantAndAReason() {
        policies.grantBreakGlass(alice, "admin");
        String keyId = key();
        var http = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
        String confirm = KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion";
        assertThat(http.get(confirm).body()).contains("Break");

        var noReason = http.postForm(confirm, Map.of("days", "7"));
        assertThat(noReason.body()).contains("Breaking the glass needs a reason");
        assertThat(state(keyId)).isEqualTo(KeyState.ENABLED);

        var done = http.postForm(confirm, Map.of("days", "7", "breakGlassReason", "INC-77 compromised key"));
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(state(keyId)).isEqualTo(KeyState.PENDING_DELETION);
    }

    private String requested(String keyId, String days) {
        var http = ConsoleHttpClient.signedIn(port, alice, PASSWORD);
        String confirm = KeyPagesSupport.keyPage(STORE, keyId) + "/schedule-deletion";
        http.get(confirm);
        var response = http.postForm(confirm + "/request-approval",
                Map.of("days", days, "approvalReason", "retire the key"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        String location = response.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private String key() {
        String keyId = kms
            .createKey(r -> r.customKeyStoreId(STORE).origin(OriginType.AWS_CLOUDHSM).description("approval test"))
            .keyMetadata()
            .keyId();
        created.add(keyId);
        context.getBean(KeyInventory.class).forget(KeyPagesSupport.DEFAULT_TARGET);
        return keyId;
    }

    private KeyState state(String keyId) {
        return kms.describeKey(r -> r.keyId(keyId)).keyMetadata().keyState();
    }

}
