package com.cksconsole.audit;

import org.jspecify.annotations.Nullable;

/**
 * What an event is about: the KMS connection (Region and account) and, for key store
 * events, the store.
 *
 * @param region the AWS Region of the KMS the console manages, e.g. {@code us-east-1}
 * @param accountId the AWS account (12 digits)
 * @param storeId the custom key store ID
 * @param storeName the custom key store name at the time of the event
 */
public record AuditTarget(@Nullable String region, @Nullable String accountId, @Nullable String storeId,
        @Nullable String storeName) {

    private static final AuditTarget NONE = new AuditTarget(null, null, null, null);

    public AuditTarget {
        region = AuditText.cleanNullable(region, 32);
        accountId = AuditText.cleanNullable(accountId, 12);
        storeId = AuditText.cleanNullable(storeId, 64);
        storeName = AuditText.cleanNullable(storeName, 256);
    }

    /** No target: sign-in, sign-out, user administration, the audit log itself. */
    public static AuditTarget none() {
        return NONE;
    }

    /** One custom key store. */
    public static AuditTarget keyStore(String region, @Nullable String accountId, String storeId,
            @Nullable String storeName) {
        return new AuditTarget(region, accountId, storeId, storeName);
    }

    /**
     * Whether the event has no target at all ({@code audit/detail.html} reads it as
     * {@code target.empty}).
     */
    public boolean isEmpty() {
        return region == null && accountId == null && storeId == null && storeName == null;
    }
}
