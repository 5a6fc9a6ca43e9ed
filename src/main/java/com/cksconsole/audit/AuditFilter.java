package com.cksconsole.audit;

import java.time.Instant;
import java.util.ArrayList;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreRef;

/**
 * A search of the audit log; every criterion is optional and they combine with AND.
 *
 * @param from inclusive
 * @param to exclusive
 * @param actor exact user name
 * @param action an {@link AuditAction} name
 * @param storeId exact custom key store ID
 * @param outcome the entry's outcome; PENDING finds intents whose outcome is unknown
 * @param accountId exact AWS account of the event's target (12 digits)
 * @param region exact AWS Region of the event's target
 */
public record AuditFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String actor,
        @Nullable AuditAction action, @Nullable String storeId, @Nullable AuditOutcome outcome,
        @Nullable String accountId, @Nullable String region) {

    private static final AuditFilter NONE = new AuditFilter(null, null, null, null, null, null);

    public AuditFilter {
        actor = actor == null || actor.isBlank() ? null : actor.strip();
        storeId = storeId == null || storeId.isBlank() ? null : storeId.strip();
        accountId = accountId == null || accountId.isBlank() ? null : accountId.strip();
        region = region == null || region.isBlank() ? null : region.strip();
    }

    /** A search of any account and Region. */
    public AuditFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String actor,
            @Nullable AuditAction action, @Nullable String storeId, @Nullable AuditOutcome outcome) {
        this(from, to, actor, action, storeId, outcome, null, null);
    }

    public static AuditFilter store(String storeId) {
        return new AuditFilter(null, null, null, null, storeId, null);
    }

    /**
     * One store: its ID in its account and Region, so that a store with the same ID in
     * another target is not matched (an unknown account matches any).
     */
    public static AuditFilter store(KeyStoreRef ref) {
        return new AuditFilter(null, null, null, null, ref.keyStoreId(), null, ref.target().accountId(),
                ref.target().region());
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** A short description, e.g. for the audit event of an export. */
    public String describe() {
        var parts = new ArrayList<String>();
        if (from != null) {
            parts.add("from=" + from);
        }
        if (to != null) {
            parts.add("to=" + to);
        }
        if (actor != null) {
            parts.add("actor=" + actor);
        }
        if (action != null) {
            parts.add("action=" + action.name());
        }
        if (storeId != null) {
            parts.add("store=" + storeId);
        }
        if (outcome != null) {
            parts.add("outcome=" + outcome.name());
        }
        if (accountId != null) {
            parts.add("account=" + accountId);
        }
        if (region != null) {
            parts.add("region=" + region);
        }
        return parts.isEmpty() ? "everything" : String.join(", ", parts);
    }
}
