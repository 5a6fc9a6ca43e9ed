package com.cksconsole.approval;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * A request for approval of one exact change, as stored.
 *
 * @param changeHash {@link ProposedChange#hash()} of {@code change} when requested
 * @param requirement what the covering policies asked for when it was requested
 * @param expiresAt the end of the window: of the wait for decisions while PENDING, of the
 * execution once APPROVED
 * @param closedBy who withdrew, rejected, executed or voided it (or {@code system})
 * @param closedNote why it was voided or expired, or the rejection's comment
 */
public record ApprovalRequest(String id, ProposedChange change, String changeHash, String requester, String reason,
        ApprovalStatus status, ApprovalRequirement requirement, Instant createdAt, @Nullable Instant approvedAt,
        Instant expiresAt, List<ApprovalDecision> decisions, @Nullable String closedBy, @Nullable Instant closedAt,
        @Nullable String closedNote) {

    public ApprovalRequest {
        decisions = List.copyOf(decisions);
    }

    public long approvals() {
        return decisions.stream().filter(ApprovalDecision::approved).count();
    }

    /** Whether this person has answered already. */
    public boolean decidedBy(String user) {
        return decisions.stream().anyMatch(decision -> decision.approver().equals(user));
    }

    /** The page that executes it. */
    public String executeUrl() {
        return change.executePath() + id;
    }

    /** Whether {@code executor} may execute it, once APPROVED. */
    public boolean executableBy(Approver executor) {
        return executor.name().equals(requester)
                || requirement.anyOperatorExecutes() && (executor.mayChangeTarget() || executor.admin());
    }

    /** Whether {@code approver} could answer it now. */
    public boolean awaits(Approver approver) {
        return status == ApprovalStatus.PENDING
                && new PendingAnswer(change.target(), requester, requirement.approverRole(),
                        decisions.stream().map(ApprovalDecision::approver).collect(Collectors.toSet()))
                    .awaits(approver);
    }

}
