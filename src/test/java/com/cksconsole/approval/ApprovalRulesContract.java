package com.cksconsole.approval;

import static com.cksconsole.approval.ApprovalTestChanges.OTHER_STORE;
import static com.cksconsole.approval.ApprovalTestChanges.OTHER_TARGET;
import static com.cksconsole.approval.ApprovalTestChanges.STORE;
import static com.cksconsole.approval.ApprovalTestChanges.STORE_FINGERPRINT;
import static com.cksconsole.approval.ApprovalTestChanges.TARGET;
import static com.cksconsole.approval.ApprovalTestChanges.disconnect;
import static com.cksconsole.approval.ApprovalTestChanges.passwordChange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.approval.ApprovalRefusedException.Reason;
import com.cksconsole.audit.AuditFixture;
import com.cksconsole.support.MutableClock;
import com.cksconsole.support.TestTargets;
import com.cksconsole.targets.RegisteredTarget;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.TargetOrigin;
import com.cksconsole.targets.Targets;

/**
 * The approval rules (issue #20, docs/approvals.md) through {@link Approvals} and
 * {@link ApprovalPolicies} over the real tables (V102) and the real audit log, on each
 * supported database: which changes need approval, who may ask and answer, when an
 * approval counts for an execution, expiry, break glass, and two console instances acting
 * at once.
 */
abstract class ApprovalRulesContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static final String REQUESTER = "rita";

    static final Approver RITA = new Approver(REQUESTER, true, false);

    static final Approver OLIVIA = new Approver("olivia", true, false);

    static final Approver OSCAR = new Approver("oscar", true, false);

    static final Approver ADA = new Approver("ada", true, true);

    /** Signed in, without the change right on the target. */
    static final Approver VIEWER = new Approver("victor", false, false);

    final MutableClock clock = new MutableClock(NOW);

    final List<Object> published = new CopyOnWriteArrayList<>();

    DataSource dataSource;

    JdbcClient jdbc;

    Approvals approvals;

    ApprovalPolicies policies;

    private final List<ExecutorService> executors = new ArrayList<>();

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        dataSource = emptyDatabase();
        var audit = AuditFixture.migrated(dataSource, clock);
        jdbc = audit.jdbc;
        approvals = instance(audit);
        var registered = new RegisteredTarget(TestTargets.DEFAULT, TargetOrigin.CONFIGURATION, null, 1, Instant.EPOCH,
                "test");
        Targets targets = mock(Targets.class);
        given(targets.find(any(TargetName.class))).willAnswer(call -> {
            String name = call.<TargetName>getArgument(0).value();
            return name.equals(TARGET) || name.equals(OTHER_TARGET) ? Optional.of(registered) : Optional.empty();
        });
        policies = new ApprovalPolicies(new ApprovalPolicyRepository(jdbc), new BreakGlassGrantRepository(jdbc),
                targets, audit.trail, new TransactionTemplate(new DataSourceTransactionManager(dataSource)), clock);
    }

    @AfterEach
    void stopThreads() {
        executors.forEach(ExecutorService::shutdownNow);
    }

    /**
     * A console instance's approval rules over the database, with its own audit trail.
     */
    Approvals instance(AuditFixture audit) {
        var jdbc = JdbcClient.create(dataSource);
        return new Approvals(new ApprovalPolicyRepository(jdbc), new ApprovalRequestRepository(jdbc),
                new BreakGlassGrantRepository(jdbc), audit.trail,
                new TransactionTemplate(new DataSourceTransactionManager(dataSource)), published::add, clock);
    }

    ApprovalPolicy policy(String target, String store, Set<ApprovalOperation> operations, int approvers,
            ApproverRole role, Duration validity, boolean anyOperatorExecutes) {
        return policies.create(new TargetName(target), store, operations, approvers, role, validity,
                anyOperatorExecutes, "ada");
    }

    /**
     * A target-wide policy: disconnects and password changes need one operator's
     * approval.
     */
    ApprovalPolicy onePerson() {
        return policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT, ApprovalOperation.UPDATE_PASSWORD), 1,
                ApproverRole.OPERATOR, Duration.ofHours(1), false);
    }

    ApprovalRequest approvedDisconnect() {
        var request = approvals.request(disconnect(), REQUESTER, "maintenance window CHG-7");
        return approvals.decide(request.id(), OLIVIA, true, null);
    }

    ApprovalStatus statusInDatabase(String id) {
        return ApprovalStatus.valueOf(
                jdbc.sql("select status from approval_request where id = ?").param(id).query(String.class).single());
    }

    /** The audit events of {@code action} about request {@code id}. */
    List<String> auditedReasons(ApprovalAuditAction action, String id) {
        return jdbc.sql("select reason, parameters from audit_event where action = ? order by seq")
            .param(action.name())
            .query((rs, row) -> new String[] { String.valueOf(rs.getString("reason")), rs.getString("parameters") })
            .list()
            .stream()
            .filter(row -> id.isEmpty() || row[1].contains(id))
            .map(row -> row[0])
            .toList();
    }

    static Reason refusal(Runnable call) {
        try {
            call.run();
        }
        catch (ApprovalRefusedException e) {
            return e.reason();
        }
        throw new AssertionError("not refused");
    }

    // Which changes need approval

    @Test
    void aTargetWidePolicyCoversEveryStoreOfItsTarget() {
        onePerson();

        assertThat(approvals.requirement(TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT))).isPresent();
        assertThat(approvals.requirement(TARGET, OTHER_STORE, Set.of(ApprovalOperation.DISCONNECT))).isPresent();
        assertThat(approvals.requirement(TARGET, null, Set.of(ApprovalOperation.UPDATE_PASSWORD))).isPresent();
    }

    @Test
    void aStorePolicyCoversThatStoreOnly() {
        policy(TARGET, STORE, Set.of(ApprovalOperation.DELETE), 1, ApproverRole.OPERATOR, Duration.ofHours(1), false);

        assertThat(approvals.requirement(TARGET, STORE, Set.of(ApprovalOperation.DELETE))).isPresent();
        assertThat(approvals.requirement(TARGET, OTHER_STORE, Set.of(ApprovalOperation.DELETE))).isEmpty();
        assertThat(approvals.requirement(TARGET, null, Set.of(ApprovalOperation.DELETE))).isEmpty();
    }

    @Test
    void aPolicyCoversAChangeSharingAnyOfItsOperations() {
        onePerson();

        assertThat(approvals.requirement(TARGET, STORE,
                Set.of(ApprovalOperation.UPDATE_NAME, ApprovalOperation.UPDATE_PASSWORD)))
            .isPresent();
        assertThat(
                approvals.requirement(TARGET, STORE, Set.of(ApprovalOperation.UPDATE_NAME, ApprovalOperation.CONNECT)))
            .isEmpty();
    }

    @Test
    void anotherTargetsPolicyDoesNotApply() {
        policy(OTHER_TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.ADMIN, Duration.ofHours(1),
                false);
        policy(OTHER_TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.ADMIN, Duration.ofHours(1),
                false);

        assertThat(approvals.requirement(TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT))).isEmpty();
        assertThat(refusal(() -> approvals.request(disconnect(), REQUESTER, "why"))).isEqualTo(Reason.NO_POLICY);
    }

    @Test
    void twoCoveringPoliciesMergeToTheStrictestOfEach() {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.OPERATOR, Duration.ofHours(24),
                true);
        policy(TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT, ApprovalOperation.DELETE), 1, ApproverRole.ADMIN,
                Duration.ofHours(2), false);

        assertThat(approvals.requirement(TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT)))
            .contains(new ApprovalRequirement(2, ApproverRole.ADMIN, Duration.ofHours(2), false));
        assertThat(approvals.requirement(TARGET, OTHER_STORE, Set.of(ApprovalOperation.DISCONNECT)))
            .contains(new ApprovalRequirement(2, ApproverRole.OPERATOR, Duration.ofHours(24), true));
    }

    @Test
    void aPolicyOfAnUnknownTargetIsRefusedAndOneCreatedOrDeletedIsAudited() {
        assertThatThrownBy(() -> policy("nowhere", null, Set.of(ApprovalOperation.DELETE), 1, ApproverRole.OPERATOR,
                Duration.ofHours(1), false))
            .isInstanceOf(IllegalArgumentException.class);

        var created = onePerson();
        assertThat(policies.all()).containsExactly(created);
        assertThat(policies.delete(created.id())).isTrue();
        assertThat(policies.delete(created.id())).isFalse();

        assertThat(policies.all()).isEmpty();
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_POLICY_CREATED, "")).hasSize(1);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_POLICY_DELETED, "")).hasSize(1);
    }

    // Requests

    @Test
    void aChangeNoPolicyCoversCannotBeRequested() {
        assertThat(refusal(() -> approvals.request(disconnect(), REQUESTER, "why"))).isEqualTo(Reason.NO_POLICY);
        assertThat(jdbc.sql("select count(*) from approval_request").query(Long.class).single()).isZero();
    }

    @Test
    void aRequestNeedsAReason() {
        onePerson();

        assertThat(refusal(() -> approvals.request(disconnect(), REQUESTER, null))).isEqualTo(Reason.REASON_REQUIRED);
        assertThat(refusal(() -> approvals.request(disconnect(), REQUESTER, "  \n"))).isEqualTo(Reason.REASON_REQUIRED);
        assertThat(jdbc.sql("select count(*) from approval_request").query(Long.class).single()).isZero();
    }

    @Test
    void aRequestIsStoredPendingWithItsChangeAndHashAndAudited() {
        onePerson();

        var request = approvals.request(disconnect(), REQUESTER, "maintenance window CHG-7");

        var stored = approvals.find(request.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stored.change()).isEqualTo(disconnect());
        assertThat(stored.changeHash()).isEqualTo(disconnect().hash());
        assertThat(stored.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_REQUESTED, request.id()))
            .containsExactly("maintenance window CHG-7");
    }

    // Decisions

    @Test
    void theRequesterCannotApproveTheirOwnRequest() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");

        assertThat(refusal(() -> approvals.decide(request.id(), new Approver(REQUESTER, true, true), true, null)))
            .isEqualTo(Reason.SELF_APPROVAL);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void anApproverMustHoldThePolicysRoleOnTheTarget() {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 1, ApproverRole.ADMIN, Duration.ofHours(1), false);
        var adminsOnly = approvals.request(disconnect(), REQUESTER, "why");
        policy(TARGET, null, Set.of(ApprovalOperation.DELETE), 1, ApproverRole.OPERATOR, Duration.ofHours(1), false);
        var operators = approvals.request(new ProposedChange(TARGET, STORE, "s", Set.of(ApprovalOperation.DELETE),
                List.of(), Map.of(), Map.of(), null, "/x/"), REQUESTER, "why");

        assertThat(refusal(() -> approvals.decide(adminsOnly.id(), OLIVIA, true, null))).isEqualTo(Reason.WRONG_ROLE);
        assertThat(refusal(() -> approvals.decide(operators.id(), VIEWER, true, null))).isEqualTo(Reason.WRONG_ROLE);
        assertThat(approvals.find(adminsOnly.id()).orElseThrow().decisions()).isEmpty();
        assertThat(approvals.decide(adminsOnly.id(), ADA, true, null).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void anApproverAnswersOnlyOnce() {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.OPERATOR, Duration.ofHours(1),
                false);
        var request = approvals.request(disconnect(), REQUESTER, "why");
        approvals.decide(request.id(), OLIVIA, true, null);

        assertThat(refusal(() -> approvals.decide(request.id(), OLIVIA, true, null))).isEqualTo(Reason.ALREADY_DECIDED);
        assertThat(refusal(() -> approvals.decide(request.id(), OLIVIA, false, "changed my mind")))
            .isEqualTo(Reason.ALREADY_DECIDED);
        var stored = approvals.find(request.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(stored.decisions()).singleElement().extracting(ApprovalDecision::approver).isEqualTo("olivia");
    }

    @Test
    void aOneApproverPolicyApprovesAtTheFirstApprovalAndTheExecutionWindowStarts() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");
        clock.advance(Duration.ofMinutes(10));

        var decided = approvals.decide(request.id(), OLIVIA, true, "fine");

        assertThat(decided.status()).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(decided.approvedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));
        assertThat(decided.expiresAt()).isEqualTo(NOW.plus(Duration.ofMinutes(70)));
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_APPROVED, request.id())).containsExactly("fine");
    }

    @Test
    void aTwoApproverPolicyNeedsTwoDistinctApprovers() {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.OPERATOR, Duration.ofHours(1),
                false);
        var request = approvals.request(disconnect(), REQUESTER, "why");

        assertThat(approvals.decide(request.id(), OLIVIA, true, null).status()).isEqualTo(ApprovalStatus.PENDING);
        assertThat(approvals.decide(request.id(), OSCAR, true, null).status()).isEqualTo(ApprovalStatus.APPROVED);
    }

    @Test
    void aRejectionNeedsACommentAndClosesTheRequest() {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.OPERATOR, Duration.ofHours(1),
                false);
        var request = approvals.request(disconnect(), REQUESTER, "why");
        approvals.decide(request.id(), OLIVIA, true, null);

        assertThat(refusal(() -> approvals.decide(request.id(), OSCAR, false, " "))).isEqualTo(Reason.REASON_REQUIRED);
        var rejected = approvals.decide(request.id(), OSCAR, false, "not during quarter close");

        assertThat(rejected.status()).isEqualTo(ApprovalStatus.REJECTED);
        assertThat(rejected.closedBy()).isEqualTo("oscar");
        assertThat(rejected.closedNote()).isEqualTo("not during quarter close");
        assertThat(refusal(() -> approvals.decide(request.id(), ADA, true, null))).isEqualTo(Reason.NOT_PENDING);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_REJECTED, request.id()))
            .containsExactly("not during quarter close");
    }

    @Test
    void aCommentLongerThanItsColumnIsShortened() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");

        var rejected = approvals.decide(request.id(), OLIVIA, false, "x".repeat(5000));

        assertThat(rejected.closedNote()).hasSize(Approvals.MAX_REASON);
        assertThat(rejected.decisions().get(0).comment()).hasSize(Approvals.MAX_REASON);
    }

    @Test
    void aPendingRequestPastItsWindowTakesNoDecision() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");
        clock.advance(Duration.ofHours(1));

        assertThat(refusal(() -> approvals.decide(request.id(), OLIVIA, true, null))).isEqualTo(Reason.EXPIRED);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.EXPIRED);
    }

    // Withdrawal

    @Test
    void onlyTheRequesterWithdrawsTheirRequest() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");

        assertThat(refusal(() -> approvals.withdraw(request.id(), "olivia"))).isEqualTo(Reason.NOT_REQUESTER);
        var withdrawn = approvals.withdraw(request.id(), REQUESTER);

        assertThat(withdrawn.status()).isEqualTo(ApprovalStatus.WITHDRAWN);
        assertThat(withdrawn.closedBy()).isEqualTo(REQUESTER);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_WITHDRAWN, request.id())).hasSize(1);
        assertThat(refusal(() -> approvals.withdraw(request.id(), REQUESTER))).isEqualTo(Reason.NOT_PENDING);
    }

    // Execution

    @Test
    void aRequestNotApprovedIsNotCleared() {
        onePerson();
        var request = approvals.request(disconnect(), REQUESTER, "why");

        assertThat(refusal(() -> approvals.clear(request.id(), disconnect(), RITA))).isEqualTo(Reason.NOT_APPROVED);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.PENDING);
    }

    @Test
    void onlyTheRequesterExecutesUnlessThePolicyLetsAnyOperatorExecute() {
        policy(TARGET, STORE, Set.of(ApprovalOperation.DISCONNECT), 1, ApproverRole.OPERATOR, Duration.ofHours(1),
                false);
        policy(TARGET, OTHER_STORE, Set.of(ApprovalOperation.DISCONNECT), 1, ApproverRole.OPERATOR, Duration.ofHours(1),
                true);
        var requesterOnly = approvedDisconnect();
        var anyOperator = approvals.request(disconnect(OTHER_STORE), REQUESTER, "why");
        approvals.decide(anyOperator.id(), OLIVIA, true, null);

        assertThat(refusal(() -> approvals.clear(requesterOnly.id(), disconnect(), OSCAR)))
            .isEqualTo(Reason.NOT_EXECUTOR);
        assertThat(statusInDatabase(requesterOnly.id())).isEqualTo(ApprovalStatus.APPROVED);
        assertThat(refusal(() -> approvals.clear(anyOperator.id(), disconnect(OTHER_STORE), VIEWER)))
            .isEqualTo(Reason.NOT_EXECUTOR);
        assertThat(approvals.clear(anyOperator.id(), disconnect(OTHER_STORE), OSCAR).actor()).isEqualTo("oscar");
        assertThat(approvals.clear(requesterOnly.id(), disconnect(), RITA).actor()).isEqualTo(REQUESTER);
    }

    @Test
    void aStoreChangedSinceTheApprovalVoidsIt() {
        onePerson();
        var request = approvedDisconnect();
        var storeChanged = new ProposedChange(TARGET, STORE, disconnect().subject(), disconnect().operations(),
                disconnect().lines(), disconnect().parameters(), Map.of(), "store-fingerprint-2",
                disconnect().executePath());

        assertThat(refusal(() -> approvals.clear(request.id(), storeChanged, RITA))).isEqualTo(Reason.VOIDED);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_VOIDED, request.id())).singleElement()
            .asString()
            .contains("key store changed");
        assertThat(refusal(() -> approvals.clear(request.id(), disconnect(), RITA))).isEqualTo(Reason.NOT_APPROVED);
    }

    @Test
    void aChangeThatDiffersFromTheApprovedOneVoidsIt() {
        onePerson();
        var request = approvedDisconnect();
        var other = new ProposedChange(TARGET, STORE, disconnect().subject(), disconnect().operations(),
                List.of(new ChangeLine("Connection", "CONNECTED", "DISCONNECTED"), new ChangeLine("Name", "a", "b")),
                disconnect().parameters(), Map.of(), STORE_FINGERPRINT, disconnect().executePath());

        assertThat(refusal(() -> approvals.clear(request.id(), other, RITA))).isEqualTo(Reason.VOIDED);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.VOIDED);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_VOIDED, request.id())).singleElement()
            .asString()
            .contains("differs");
    }

    @Test
    void aReEnteredSecretThatDiffersIsRefusedAndTheApprovalStands() {
        onePerson();
        var approvedChange = passwordChange(approvals.fingerprint("KeyStorePassword", "approved-password-1"),
                STORE_FINGERPRINT);
        var request = approvals.request(approvedChange, REQUESTER, "rotate kmsuser");
        approvals.decide(request.id(), OLIVIA, true, null);
        var reEntered = passwordChange(approvals.fingerprint("KeyStorePassword", "another-password-2"),
                STORE_FINGERPRINT);

        assertThat(refusal(() -> approvals.clear(request.id(), reEntered, RITA))).isEqualTo(Reason.SECRET_MISMATCH);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.APPROVED);
        var again = passwordChange(approvals.fingerprint("KeyStorePassword", "approved-password-1"), STORE_FINGERPRINT);
        assertThat(approvals.clear(request.id(), again, RITA).requestId()).isEqualTo(request.id());
    }

    @Test
    void theExecutionWindowEndsAtItsExpiry() {
        onePerson();
        var inTime = approvedDisconnect();
        var late = approvedDisconnect();
        clock.advance(Duration.ofHours(1).minusNanos(1));

        assertThat(approvals.clear(inTime.id(), disconnect(), RITA).requestId()).isEqualTo(inTime.id());
        clock.advance(Duration.ofNanos(1));
        assertThat(refusal(() -> approvals.clear(late.id(), disconnect(), RITA))).isEqualTo(Reason.EXPIRED);
        assertThat(statusInDatabase(late.id())).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_EXPIRED, late.id())).hasSize(1);
    }

    @Test
    void anApprovalIsClaimedByOneExecutionAtATime() {
        onePerson();
        var request = approvedDisconnect();

        var first = approvals.clear(request.id(), disconnect(), RITA);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.EXECUTING);
        assertThat(refusal(() -> approvals.clear(request.id(), disconnect(), RITA))).isEqualTo(Reason.NOT_APPROVED);
        approvals.notSent(first);
        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.APPROVED);
        var second = approvals.clear(request.id(), disconnect(), RITA);
        approvals.sent(second);

        assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.EXECUTED);
        assertThat(approvals.find(request.id()).orElseThrow().closedBy()).isEqualTo(REQUESTER);
        assertThat(second.auditNote()).contains(request.id()).contains("olivia");
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_RELEASED, request.id())).hasSize(1);
        assertThat(refusal(() -> approvals.clear(request.id(), disconnect(), RITA))).isEqualTo(Reason.NOT_APPROVED);
    }

    // Expiry

    @Test
    void expiryMarksPendingAndApprovedRequestsPastTheirWindowAndNoneEarlier() {
        onePerson();
        var pending = approvals.request(disconnect(), REQUESTER, "why");
        clock.advance(Duration.ofMinutes(30));
        var approved = approvedDisconnect();
        clock.advance(Duration.ofMinutes(30).minusMillis(1));

        assertThat(approvals.expireDue()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(approvals.expireDue()).isEqualTo(1);
        assertThat(statusInDatabase(pending.id())).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(statusInDatabase(approved.id())).isEqualTo(ApprovalStatus.APPROVED);
        clock.advance(Duration.ofMinutes(30));
        assertThat(approvals.expireDue()).isEqualTo(1);

        assertThat(statusInDatabase(approved.id())).isEqualTo(ApprovalStatus.EXPIRED);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_EXPIRED, pending.id())).hasSize(1);
        assertThat(auditedReasons(ApprovalAuditAction.APPROVAL_EXPIRED, approved.id())).hasSize(1);
        assertThat(approvals.expireDue()).isZero();
    }

    // Break glass

    @Test
    void breakingTheGlassNeedsAGrant() {
        onePerson();

        assertThat(refusal(() -> approvals.breakGlass(disconnect(), REQUESTER, "outage INC-42")))
            .isEqualTo(Reason.NO_BREAK_GLASS);
        assertThat(auditedReasons(ApprovalAuditAction.BREAK_GLASS_USED, "")).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void breakingTheGlassNeedsAReason() {
        onePerson();
        policies.grantBreakGlass(REQUESTER, "ada");

        assertThat(refusal(() -> approvals.breakGlass(disconnect(), REQUESTER, " "))).isEqualTo(Reason.REASON_REQUIRED);
        assertThat(auditedReasons(ApprovalAuditAction.BREAK_GLASS_USED, "")).isEmpty();
        assertThat(published).isEmpty();
    }

    @Test
    void breakingTheGlassIsAuditedForReviewAndAnnounced() {
        onePerson();
        assertThat(policies.grantBreakGlass(REQUESTER, "ada")).isTrue();
        assertThat(approvals.holdsBreakGlass(REQUESTER)).isTrue();

        var clearance = approvals.breakGlass(disconnect(), REQUESTER, "outage INC-42");

        assertThat(clearance.breakGlass()).isTrue();
        assertThat(clearance.auditNote()).contains("outage INC-42");
        assertThat(auditedReasons(ApprovalAuditAction.BREAK_GLASS_USED, "")).containsExactly("outage INC-42");
        assertThat(published).containsExactly(new BreakGlassUsed(REQUESTER, TARGET, STORE, disconnect().subject(),
                Set.of(ApprovalOperation.DISCONNECT), "outage INC-42", NOW));
    }

    @Test
    void aRevokedBreakGlassGrantIsRefusedAtOnce() {
        onePerson();
        policies.grantBreakGlass(REQUESTER, "ada");
        approvals.breakGlass(disconnect(), REQUESTER, "outage INC-42");

        assertThat(policies.revokeBreakGlass(REQUESTER)).isTrue();

        assertThat(refusal(() -> approvals.breakGlass(disconnect(), REQUESTER, "again")))
            .isEqualTo(Reason.NO_BREAK_GLASS);
        assertThat(auditedReasons(ApprovalAuditAction.BREAK_GLASS_REVOKED, "")).hasSize(1);
    }

    // Secrets

    @Test
    void noSecretReachesTheApprovalTablesOrTheAuditLog() {
        onePerson();
        String secret = "S3cret-value-of-kmsuser-7f3a9c";
        String wrong = "Wr0ng-secret-entered-at-execution-51b2";
        var change = passwordChange(approvals.fingerprint("KeyStorePassword", secret), STORE_FINGERPRINT);
        var request = approvals.request(change, REQUESTER, "rotate kmsuser");
        approvals.decide(request.id(), OLIVIA, true, "ok");
        refusal(() -> approvals.clear(request.id(),
                passwordChange(approvals.fingerprint("KeyStorePassword", wrong), STORE_FINGERPRINT), RITA));
        approvals.sent(approvals.clear(request.id(), change, RITA));
        policies.grantBreakGlass(REQUESTER, "ada");
        approvals.breakGlass(change, REQUESTER, "outage INC-42");

        String rows = contents("approval_request") + contents("approval_decision") + contents("audit_event");

        assertThat(rows).contains(request.id()).contains(change.secretFingerprints().get("KeyStorePassword"));
        assertThat(rows).doesNotContain(secret).doesNotContain(wrong);
        assertThat(published).hasSize(1).allSatisfy(event -> assertThat(event.toString()).doesNotContain(secret));
    }

    /** Every row of a table, as text. */
    String contents(String table) {
        var all = new StringBuilder(table).append('\n');
        jdbc.sql("select * from " + table).query(rs -> {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                all.append(rs.getString(i)).append('|');
            }
            all.append('\n');
        });
        return all.toString();
    }

    // Two console instances on one database

    @Test
    void twoInstancesApprovingAtOnceApproveOnce() throws Exception {
        onePerson();
        var other = instance(AuditFixture.migrated(dataSource, clock));
        for (int round = 0; round < 5; round++) {
            var request = approvals.request(disconnect(), REQUESTER, "round " + round);

            var outcomes = atOnce(() -> approvals.decide(request.id(), OLIVIA, true, null),
                    () -> other.decide(request.id(), OSCAR, true, null));

            assertThat(outcomes).as("round %d", round).containsExactlyInAnyOrder("DECIDED", "NOT_PENDING");
            var stored = approvals.find(request.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(stored.decisions()).hasSize(1);
        }
    }

    @Test
    void twoApprovalsGivenAtOnceByTwoInstancesBothCount() throws Exception {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 2, ApproverRole.OPERATOR, Duration.ofHours(1),
                false);
        var other = instance(AuditFixture.migrated(dataSource, clock));
        for (int round = 0; round < 5; round++) {
            var request = approvals.request(disconnect(), REQUESTER, "round " + round);

            var outcomes = atOnce(() -> approvals.decide(request.id(), OLIVIA, true, null),
                    () -> other.decide(request.id(), OSCAR, true, null));

            assertThat(outcomes).as("round %d", round).containsExactly("DECIDED", "DECIDED");
            var stored = approvals.find(request.id()).orElseThrow();
            assertThat(stored.status()).isEqualTo(ApprovalStatus.APPROVED);
            assertThat(stored.decisions()).hasSize(2);
        }
    }

    @Test
    void twoInstancesClaimingAtOnceClearOneExecution() throws Exception {
        policy(TARGET, null, Set.of(ApprovalOperation.DISCONNECT), 1, ApproverRole.OPERATOR, Duration.ofHours(1), true);
        var other = instance(AuditFixture.migrated(dataSource, clock));
        for (int round = 0; round < 5; round++) {
            var request = approvedDisconnect();

            var outcomes = atOnce(() -> approvals.clear(request.id(), disconnect(), RITA).actor(),
                    () -> other.clear(request.id(), disconnect(), OSCAR).actor());

            assertThat(outcomes).as("round %d", round).containsOnlyOnce("NOT_APPROVED").hasSize(2);
            assertThat(statusInDatabase(request.id())).isEqualTo(ApprovalStatus.EXECUTING);
        }
    }

    /**
     * Runs both calls at the same moment, each on its own thread; the outcome of each:
     * DECIDED, or the clearance's actor, or the refusal's reason.
     */
    List<String> atOnce(Supplier<?> one, Supplier<?> two) throws Exception {
        var executor = Executors.newFixedThreadPool(2);
        executors.add(executor);
        var start = new CountDownLatch(1);
        var futures = new ArrayList<Future<String>>();
        for (Supplier<?> call : List.of(one, two)) {
            futures.add(executor.submit(() -> {
                start.await();
                try {
                    Object result = call.get();
                    // A decision's own outcome, not the request's status read after both.
                    return result instanceof ApprovalRequest ? "DECIDED" : String.valueOf(result);
                }
                catch (ApprovalRefusedException e) {
                    return e.reason().name();
                }
            }));
        }
        start.countDown();
        var outcomes = new ArrayList<String>();
        for (Future<String> future : futures) {
            outcomes.add(future.get(30, TimeUnit.SECONDS).toUpperCase(Locale.ROOT));
        }
        return outcomes;
    }

}
