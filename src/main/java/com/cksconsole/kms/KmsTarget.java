package com.cksconsole.kms;

import java.io.Serializable;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * One KMS the console manages: an AWS account in one Region. KMS quotas, custom key store
 * IDs and the DescribeCustomKeyStores answer are all per account and Region, so
 * everything the console keeps about a store is kept per target.
 *
 * @param accountId the 12-digit AWS account; null when {@code console.kms.account-id} is
 * not configured in {@code aws} mode (KMS does not name the account in its answers),
 * which the console has always allowed
 * @param region the Region name, e.g. {@code eu-west-1}
 */
public record KmsTarget(@Nullable String accountId, String region) implements Serializable {

    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

    /**
     * The shape of a Region name (for example {@code us-east-1}, {@code us-gov-west-1},
     * {@code ap-southeast-4}): see "Regions and zones" in the Amazon EC2 User Guide for
     * the list.
     */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z0-9]+)+-[0-9]{1,2}");

    public KmsTarget {
        if (accountId != null && !ACCOUNT.matcher(accountId).matches()) {
            throw new IllegalArgumentException("An AWS account ID has 12 digits");
        }
        if (!REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("Not the name of an AWS Region: " + region);
        }
    }

    /** Whether a value has the shape of an AWS account ID (12 digits). */
    public static boolean isAccountId(@Nullable String value) {
        return value != null && ACCOUNT.matcher(value).matches();
    }

    /** Whether a value has the shape of a Region name. */
    public static boolean isRegion(@Nullable String value) {
        return value != null && REGION.matcher(value).matches();
    }

    /**
     * {@code 111122223333/eu-west-1}; {@code (account not configured)/eu-west-1} without
     * an account.
     */
    @Override
    public String toString() {
        return (accountId == null ? "(account not configured)" : accountId) + "/" + region;
    }
}
