package com.cksconsole.keystore.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalPolicies;
import com.cksconsole.approval.ApprovalPolicy;
import com.cksconsole.approval.ApprovalStatus;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.Approver;
import com.cksconsole.approval.ApproverRole;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleFaultTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.support.MutableClock;
import com.cksconsole.targets.TargetName;

/**
 * An approved disconnect whose window has ended is not executed: the request is marked
 * EXPIRED and the store stays connected. The approval is given with the application's
 * clock set back, so that its window lies in the past while the KMS sandbox (which reads
 * the same clock and checks the SDK's signatures against it) runs on the real time.
 */
@ConsoleFaultTest
class ApprovedDisconnectExpiryApplicationTest {

    private static final String STORE = SeededKeyStores.PUBLIC_XKS;

    private static final String DETAIL = "/t/default/key-stores/" + STORE;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MutableClock clock;

    @Autowired
    ApprovalPolicies policies;

    @Autowired
    Approvals approvals;

    private @Nullable ApprovalPolicy policy;

    private SeededKeyStores sandbox;

    private ConsoleFlows console;

    @BeforeEach
    void signIn() {
        clock.setToRealTime();
        sandbox = SeededKeyStores.of(context);
        console = new ConsoleFlows(ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD));
        sandbox.ensureConnected(STORE);
    }

    @AfterEach
    void restore() {
        clock.setToRealTime();
        if (policy != null) {
            policies.delete(policy.id());
        }
        sandbox.restorePublicXks();
    }

    @Test
    void anApprovalPastItsWindowIsRefusedAndMarkedExpired() {
        policy = policies.create(new TargetName("default"), STORE, Set.of(ApprovalOperation.DISCONNECT), 1,
                ApproverRole.OPERATOR, ApprovalPolicy.MIN_VALIDITY, false, "admin");
        var requested = console.postOn(DETAIL + "/disconnect", DETAIL + "/disconnect/request-approval",
                Map.of("reason", "Maintenance window CHG-1234"));
        String location = requested.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        clock.advance(ApprovalPolicy.MIN_VALIDITY.multipliedBy(2).negated());
        approvals.decide(id, new Approver("second-operator", true, false), true, null);
        clock.setToRealTime();
        String execute = approvals.find(id).orElseThrow().executeUrl();

        var refused = console.postOn(execute, execute, Map.of());

        assertThat(refused.statusCode()).isEqualTo(302);
        assertThat(console.get(execute).body()).contains("The approval&#39;s window ended at")
            .doesNotContain("action=\"" + execute + "\"");
        assertThat(approvals.find(id).orElseThrow().status()).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(sandbox.describe(STORE).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

}
