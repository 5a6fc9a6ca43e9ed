package com.cksconsole.rotation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.internal.KeyStoreServices;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.rotation.CredentialRotations;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.UserAccount;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.TestTargets;
import com.cksconsole.targets.TargetName;

/**
 * A credential rotation under an approval policy, over HTTP against the sandbox: not
 * started without approval, asked for with the operator's own credential (its secret kept
 * only as a fingerprint), approved by someone else and started with the secret entered
 * again; a different secret is refused. On a store of this test's own.
 */
@ConsoleApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RotationApprovalApplicationTest {

    private static final String PASSWORD = "rotation-approval-password-2026";

    private static final String OWN_KEY = "ROTATIONAPPROVALNEWKEY234";

    private static final String OWN_SECRET = "cm90YXRpb24tYXBwcm92YWwtbmV3LXNlY3JldC0wMDAx";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    CredentialRotations rotations;

    @Autowired
    KeyStoreReads reads;

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

    private SeededKeyStores sandbox;

    private KmsClient kms;

    private String storeId;

    private KeyStoreRef store;

    private String base;

    private String alice;

    private String bob;

    private ApprovalPolicy policy;

    @BeforeAll
    void createTheStore() {
        sandbox = SeededKeyStores.of(context);
        kms = KeyStoreServices.defaultClient(context);
        storeId = kms
            .createCustomKeyStore(r -> r.customKeyStoreName("rotation-approval-store")
                .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
                .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
                .xksProxyUriEndpoint("https://xks-public.sandbox.example.com")
                .xksProxyUriPath("/rotation-approval-test/kms/xks/v1")
                .xksProxyAuthenticationCredential(c -> c.accessKeyId("ROTATIONAPPROVALOLDKEY234")
                    .rawSecretAccessKey("cm90YXRpb24tYXBwcm92YWwtb2xkLXNlY3JldC1ub3Q=")))
            .customKeyStoreId();
        store = TestTargets.ref(storeId);
        base = "/t/default/key-stores/" + storeId;
        sandbox.ensureConnected(storeId);
    }

    @BeforeEach
    void policyAndOperators() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        alice = "ralice-" + suffix;
        bob = "rbob-" + suffix;
        for (String name : new String[] { alice, bob }) {
            users.insert(new UserAccount(name, encoder.encode(PASSWORD), Set.of(Role.OPERATOR), true, false));
        }
        policy = policies.create(new TargetName("default"), storeId, EnumSet.of(ApprovalOperation.CREDENTIAL_ROTATION),
                1, ApproverRole.OPERATOR, Duration.ofHours(24), false, "admin");
    }

    @AfterEach
    void cleanUp() {
        policies.delete(policy.id());
        rotations.active(store).filter(run -> run.cancellable()).ifPresent(run -> rotations.cancel(run, "test"));
    }

    @AfterAll
    void deleteTheStore() {
        if (storeId != null) {
            sandbox.ensureDisconnected(storeId);
            kms.deleteCustomKeyStore(r -> r.customKeyStoreId(storeId));
            reads.forgetSnapshot();
            var http = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
            await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> !http.get("/key-stores").body().contains(storeId));
        }
    }

    @Test
    void aRotationUnderAPolicyIsNotStartedWithoutApproval() {
        var http = signedIn(alice);
        assertThat(http.get(base + "/rotations/new").body()).contains("This rotation needs approval")
            .contains("data-request-approval")
            .doesNotContain("data-start-rotation");

        var refused = http.postForm(base + "/rotations", Map.of("source", "generate"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("You hold no break-glass right");
        assertThat(rotations.active(store)).isEmpty();
    }

    @Test
    void anApprovedRotationWithTheOperatorsOwnCredentialStartsWithItsSecretEnteredAgain() {
        var http = signedIn(alice);
        http.get(base + "/rotations/new");
        var requested = http.postForm(base + "/rotations/request-approval", Map.of("source", "own", "accessKeyId",
                OWN_KEY, "secretAccessKey", OWN_SECRET, "approvalReason", "yearly rotation"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(302);
        String location = requested.headers().firstValue("Location").orElseThrow();
        String requestId = location.substring(location.lastIndexOf('/') + 1);
        assertThat(jdbc.sql("select change_json from approval_request where id = ?")
            .param(requestId)
            .query(String.class)
            .single()).doesNotContain(OWN_SECRET).contains(OWN_KEY);
        approvals.decide(requestId, new Approver(bob, true, false), true, null);
        String execute = base + "/rotations/approved/" + requestId;
        assertThat(http.get(execute).body()).contains("id=\"secretAccessKey\"").doesNotContain(OWN_SECRET);

        var wrong = http.postForm(execute,
                Map.of("secretAccessKey", "bm90LXRoZS1hcHByb3ZlZC1zZWNyZXQtYWNjZXNzLWtleQ=="));
        assertThat(wrong.body()).contains("id=\"secretAccessKey-error\"").contains("fingerprints differ");
        assertThat(rotations.active(store)).isEmpty();

        var started = http.postForm(execute, Map.of("secretAccessKey", OWN_SECRET));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(302);
        assertThat(started.headers().firstValue("Location").orElseThrow()).contains("/rotations/");
        assertThat(rotations.active(store)).hasValueSatisfying(run -> {
            assertThat(run.newAccessKeyId()).isEqualTo(OWN_KEY);
            assertThat(run.startedBy()).isEqualTo(alice);
        });
        assertThat(approvals.find(requestId).orElseThrow().status()).isEqualTo(ApprovalStatus.EXECUTED);
    }

    private ConsoleHttpClient signedIn(String user) {
        var http = ConsoleHttpClient.signedIn(port, user, PASSWORD);
        http.get("/");
        return http;
    }

}
