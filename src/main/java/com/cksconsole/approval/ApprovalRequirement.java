package com.cksconsole.approval;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * What a change needs before it may be sent, merged from every policy that covers it: the
 * strictest of each (most approvers, ADMIN over OPERATOR, shortest validity, only the
 * requester executes unless every covering policy lets any operator).
 */
public record ApprovalRequirement(int approvers, ApproverRole approverRole, Duration validity,
        boolean anyOperatorExecutes) {

    /**
     * "one approver with the OPERATOR role", "two approvers with the ADMIN role": who
     * must approve, in the one wording every page uses.
     */
    public String approversText() {
        return (approvers == 1 ? "one approver" : "two approvers") + " with the " + approverRole.name() + " role";
    }

    /** "24 hours", "90 minutes": how long an approval stays valid, for the pages. */
    public String validityText() {
        long minutes = validity.toMinutes();
        if (minutes % 60 == 0) {
            long hours = minutes / 60;
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return minutes + " minutes";
    }

    static Optional<ApprovalRequirement> strictest(Collection<ApprovalPolicy> covering) {
        return covering.stream()
            .map(policy -> new ApprovalRequirement(policy.approvers(), policy.approverRole(), policy.validity(),
                    policy.anyOperatorExecutes()))
            .reduce(ApprovalRequirement::stricter);
    }

    ApprovalRequirement stricter(ApprovalRequirement other) {
        return new ApprovalRequirement(Math.max(approvers, other.approvers),
                approverRole == ApproverRole.ADMIN || other.approverRole == ApproverRole.ADMIN ? ApproverRole.ADMIN
                        : ApproverRole.OPERATOR,
                validity.compareTo(other.validity) <= 0 ? validity : other.validity,
                anyOperatorExecutes && other.anyOperatorExecutes);
    }

}
