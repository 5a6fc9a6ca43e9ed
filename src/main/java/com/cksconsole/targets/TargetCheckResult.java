package com.cksconsole.targets;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of checking a target: the account the credentials actually reached next to
 * the configured one, and whether one DescribeCustomKeyStores call succeeded there.
 *
 * @param reachedAccount the account of the caller's ARN (for a role, the assumed role's
 * ARN); null when the credentials could not be obtained
 * @param storeCount custom key stores on the first page of DescribeCustomKeyStores, when
 * it succeeded
 * @param detail what went wrong, in words (an AWS error code and message), when it did
 */
public record TargetCheckResult(Instant checkedAt, TargetCheckOutcome outcome, @Nullable String reachedAccount,
        @Nullable Integer storeCount, @Nullable String detail) {

    public boolean passed() {
        return outcome == TargetCheckOutcome.OK;
    }
}
