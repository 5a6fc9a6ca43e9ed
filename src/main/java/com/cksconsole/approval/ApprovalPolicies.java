package com.cksconsole.approval;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.approval.ApprovalRefusedException.Reason;
import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTarget;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.targets.TargetName;
import com.cksconsole.targets.Targets;

/**
 * What an ADMIN defines: the approval policies and the break-glass grants, each change
 * audited in the same transaction.
 */
public class ApprovalPolicies {

    private final ApprovalPolicyRepository policies;

    private final BreakGlassGrantRepository grants;

    private final Targets targets;

    private final AuditTrail audit;

    private final TransactionTemplate transaction;

    private final Clock clock;

    ApprovalPolicies(ApprovalPolicyRepository policies, BreakGlassGrantRepository grants, Targets targets,
            AuditTrail audit, TransactionTemplate transaction, Clock clock) {
        this.policies = policies;
        this.grants = grants;
        this.targets = targets;
        this.audit = audit;
        this.transaction = transaction;
        this.clock = clock;
    }

    public List<ApprovalPolicy> all() {
        return policies.all();
    }

    /**
     * Adds a policy.
     * @throws IllegalArgumentException an unknown target, or values out of range (see
     * {@link ApprovalPolicy})
     */
    public ApprovalPolicy create(TargetName target, @Nullable String storeId, Set<ApprovalOperation> operations,
            int approvers, ApproverRole role, Duration validity, boolean anyOperatorExecutes, String admin) {
        if (targets.find(target).isEmpty()) {
            throw new IllegalArgumentException("There is no target " + target.value() + ".");
        }
        var draft = new ApprovalPolicy(0, target.value(), storeId == null || storeId.isBlank() ? null : storeId.strip(),
                operations, approvers, role, validity, anyOperatorExecutes, admin, clock.instant());
        return transaction.execute(status -> {
            long id = policies.insert(draft);
            var policy = policies.find(id).orElseThrow();
            audit.record(describe(ApprovalAuditAction.APPROVAL_POLICY_CREATED, policy), AuditResult.succeeded());
            return policy;
        });
    }

    /**
     * @return false when there was no such policy
     */
    public boolean delete(long id) {
        Boolean deleted = transaction.execute(status -> {
            var policy = policies.find(id);
            if (policy.isEmpty() || !policies.delete(id)) {
                return false;
            }
            audit.record(describe(ApprovalAuditAction.APPROVAL_POLICY_DELETED, policy.get()), AuditResult.succeeded());
            return true;
        });
        return Boolean.TRUE.equals(deleted);
    }

    public List<BreakGlassGrant> breakGlassGrants() {
        return grants.all();
    }

    /** Gives a user the break-glass right; false when they held it already. */
    public boolean grantBreakGlass(String username, String admin) {
        if (username.isBlank()) {
            throw new ApprovalRefusedException(Reason.NOT_FOUND, "Name the user.");
        }
        Boolean granted = transaction.execute(status -> {
            if (!grants.grant(username.strip(), admin, clock.instant())) {
                return false;
            }
            audit.record(AuditIntent.of(ApprovalAuditAction.BREAK_GLASS_GRANTED, AuditTarget.none())
                .value("user", username.strip())
                .build(), AuditResult.succeeded());
            return true;
        });
        return Boolean.TRUE.equals(granted);
    }

    /** Takes the break-glass right back; it counts at the user's next attempt. */
    public boolean revokeBreakGlass(String username) {
        Boolean revoked = transaction.execute(status -> {
            if (!grants.revoke(username)) {
                return false;
            }
            audit.record(AuditIntent.of(ApprovalAuditAction.BREAK_GLASS_REVOKED, AuditTarget.none())
                .value("user", username)
                .build(), AuditResult.succeeded());
            return true;
        });
        return Boolean.TRUE.equals(revoked);
    }

    private static AuditIntent describe(ApprovalAuditAction action, ApprovalPolicy policy) {
        return AuditIntent.of(action, new AuditTarget(null, null, policy.storeId(), null))
            .value("policy", String.valueOf(policy.id()))
            .value("target", policy.target())
            .value("operations",
                    String.join(",", EnumSet.copyOf(policy.operations()).stream().map(Enum::name).toList()))
            .value("approvers", String.valueOf(policy.approvers()))
            .value("approverRole", policy.approverRole().name())
            .value("validity", policy.validity().toString())
            .value("anyOperatorExecutes", String.valueOf(policy.anyOperatorExecutes()))
            .build();
    }

}
