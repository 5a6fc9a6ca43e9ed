package com.cksconsole.approval;

import java.util.List;

import com.cksconsole.audit.AuditAction;
import com.cksconsole.audit.AuditVocabulary;

/**
 * What the audit log records of approvals. Every event about a request carries its ID as
 * the parameter {@code approvalRequest}, so the audit search for that ID lists the
 * request, its decisions, its execution or voiding together. Stored by name in the audit
 * log: never rename a constant.
 */
public enum ApprovalAuditAction implements AuditAction {

    APPROVAL_POLICY_CREATED("Approval policy created"), APPROVAL_POLICY_DELETED("Approval policy deleted"),
    BREAK_GLASS_GRANTED("Break-glass right granted"), BREAK_GLASS_REVOKED("Break-glass right revoked"),
    APPROVAL_REQUESTED("Approval requested"), APPROVAL_APPROVED("Approval given"),
    APPROVAL_REJECTED("Approval refused"), APPROVAL_WITHDRAWN("Approval request withdrawn"),
    APPROVAL_EXPIRED("Approval request expired"), APPROVAL_VOIDED("Approval voided"),
    APPROVAL_EXECUTED("Approved change executed"), APPROVAL_RELEASED("Approved change not sent (approval kept)"),
    /** A change that needed approval, executed without one: flagged for review. */
    BREAK_GLASS_USED("Break glass: executed without approval (review)");

    private final String label;

    ApprovalAuditAction(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /** The approval vocabulary, for {@link com.cksconsole.audit.AuditActions}. */
    public static final class Vocabulary implements AuditVocabulary {

        @Override
        public List<ApprovalAuditAction> actions() {
            return List.of(values());
        }

    }

}
