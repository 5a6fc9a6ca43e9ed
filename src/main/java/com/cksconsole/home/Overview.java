package com.cksconsole.home;

import java.util.List;

import com.cksconsole.targets.Target;
import org.jspecify.annotations.Nullable;

import com.cksconsole.audit.AuditEntry;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.StoreKeys;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.ConnectionState;

/**
 * What the overview page shows. Each part is read on its own: when one source cannot be
 * read (KMS, the audit log, the guided changes), its part says so and the others still
 * show.
 *
 * @param snapshot the shared Describe snapshot; null when KMS could not be asked (then
 * {@code kmsFailure}) or the user sees no key stores
 * @param staleAge how old a stale snapshot is, in words; null when it is current
 * @param attention what needs someone, most urgent first
 * @param stores every key store with its last recorded change
 * @param auditUnreadable the audit log could not be read (last changes, outside changes,
 * unknown outcomes)
 * @param runsUnreadable the guided changes could not be read
 * @param targets the chosen targets, each with its count against its quota or why it
 * could not be read
 */
public record Overview(boolean seesKeyStores, @Nullable SnapshotRead snapshot, @Nullable String staleAge,
        @Nullable KmsFailure kmsFailure, List<Count> byState, List<Count> byType, List<Attention> attention,
        List<StoreLine> stores, boolean auditUnreadable, boolean runsUnreadable, List<TargetCount> targets) {

    /** Without the per-target counts (one target, as before targets existed). */
    public Overview(boolean seesKeyStores, @Nullable SnapshotRead snapshot, @Nullable String staleAge,
            @Nullable KmsFailure kmsFailure, List<Count> byState, List<Count> byType, List<Attention> attention,
            List<StoreLine> stores, boolean auditUnreadable, boolean runsUnreadable) {
        this(seesKeyStores, snapshot, staleAge, kmsFailure, byState, byType, attention, stores, auditUnreadable,
                runsUnreadable, List.of());
    }

    /**
     * One target's key stores against its quota ("7 of 10"), or why it could not be read.
     *
     * @param count null when the target could not be read
     * @param failure why the target could not be read (null when it could)
     */
    public record TargetCount(Target target, @Nullable Integer count, @Nullable KmsFailure failure) {

        public String quotaText() {
            return (count == null ? "?" : count) + " of " + target.storeQuota();
        }

    }

    /**
     * One count, linking to the key store list filtered on it.
     *
     * @param state the connection state counted, or null for a type
     */
    public record Count(String label, long count, String href, @Nullable ConnectionState state) {
    }

    /** Why something is listed under "needs attention", most urgent first. */
    public enum Reason {

        FAILED, SLOW_TRANSITION, GUIDED_RUN, PENDING_OUTCOME, OUTSIDE_CHANGE, DISCONNECTED

    }

    /**
     * One thing that needs someone: what, why, and a link to where it is fixed.
     *
     * @param actionHref for operators: the page of the first step of the fix (connect,
     * disconnect), if any
     * @param auditHref for auditors: the audit entry it comes from, if any
     */
    public record Attention(Reason reason, @Nullable String storeId, String title, String detail, String href,
            String linkText, @Nullable String actionHref, @Nullable String actionText, @Nullable String auditHref) {
    }

    /**
     * A key store with its last recorded change (null: none among its recent audit
     * entries), the path of its page, and its KMS keys as last counted (null: not counted
     * yet).
     */
    public record StoreLine(CustomKeyStore store, @Nullable AuditEntry lastChange, String page,
            StoreKeys.@Nullable KeyCount keys) {

        public StoreLine(CustomKeyStore store, @Nullable AuditEntry lastChange, String page) {
            this(store, lastChange, page, null);
        }
    }
}
