package com.cksconsole.approval;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Which operations on a target (or on one store of it, {@code storeId}) need approval, by
 * how many approvers of which role, and how long an approval stays valid.
 *
 * @param anyOperatorExecutes whether any operator of the target may execute an approved
 * request (otherwise only its requester)
 */
public record ApprovalPolicy(long id, String target, @Nullable String storeId, Set<ApprovalOperation> operations,
        int approvers, ApproverRole approverRole, Duration validity, boolean anyOperatorExecutes, String createdBy,
        Instant createdAt) {

    public static final int MIN_APPROVERS = 1;

    public static final int MAX_APPROVERS = 2;

    public static final Duration MIN_VALIDITY = Duration.ofMinutes(5);

    public static final Duration MAX_VALIDITY = Duration.ofDays(7);

    public static final Duration DEFAULT_VALIDITY = Duration.ofHours(24);

    public ApprovalPolicy {
        if (operations.isEmpty()) {
            throw new IllegalArgumentException("A policy names at least one operation");
        }
        if (approvers < MIN_APPROVERS || approvers > MAX_APPROVERS) {
            throw new IllegalArgumentException("A policy asks for 1 or 2 approvers");
        }
        if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
            throw new IllegalArgumentException("An approval is valid for 5 minutes to 7 days");
        }
        operations = Set.copyOf(EnumSet.copyOf(operations));
    }

    /** Whether this policy covers a change of these operations on this store. */
    boolean covers(String target, @Nullable String storeId, Set<ApprovalOperation> changeOperations) {
        return this.target.equals(target) && (this.storeId == null || this.storeId.equals(storeId))
                && changeOperations.stream().anyMatch(operations::contains);
    }

}
