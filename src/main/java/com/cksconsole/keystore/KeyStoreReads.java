package com.cksconsole.keystore;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/**
 * The reads of custom key stores: the shared snapshot (list, find) and, for decisions
 * that must not rest on it, a fresh DescribeCustomKeyStores. The public facade of the
 * keystore module for pages, the overview and the guided change.
 */
public interface KeyStoreReads {

    /**
     * Every store of one account and Region (possibly a marked, older snapshot while KMS
     * throttles).
     * @throws KmsCallException KMS could not be asked and there is no earlier snapshot to
     * show
     */
    SnapshotRead list(KmsTarget target);

    /**
     * Every store of each target, the targets described in parallel (each with its own
     * snapshot, coalescing and throttling fallback); a target that cannot be read answers
     * with its own failure, in the order given.
     */
    List<TargetRead> list(Collection<KmsTarget> targets);

    /**
     * One store, from the shared snapshot. An ID the snapshot does not know is not asked
     * for: made-up IDs must not cost DescribeCustomKeyStores calls (KMS allows about 5
     * per second per account and Region, shared by every caller), so the answer comes
     * from the snapshot, which is at most {@code console.kms.snapshot-ttl} old (a store
     * created a moment ago outside the console shows up with the next snapshot).
     * @throws KeyStoreNotFoundException the current snapshot does not hold the ID
     * @throws KmsCallException KMS could not be asked, and the last known snapshot does
     * not hold the ID either (so the console cannot tell whether it exists)
     */
    KeyStoreView find(KeyStoreRef ref);

    /**
     * One store straight from KMS, bypassing the snapshot: for decisions that must not
     * rest on a view up to {@code console.kms.snapshot-ttl} old (the steps of a guided
     * change).
     * @throws KeyStoreNotFoundException the store is gone
     * @throws KmsCallException KMS could not be asked
     */
    CustomKeyStore describeNow(KeyStoreRef ref);

    /**
     * The change under way on this store (a guided change, or an edit being applied), if
     * any.
     */
    Optional<StoreLockHolder> changeUnderWay(KeyStoreRef ref);

    /**
     * Drops a target's shared snapshot (a guided change saw the state of one of its
     * stores move).
     */
    void forgetSnapshot(KmsTarget target);

    /** Drops every target's shared snapshot. */
    void forgetSnapshot();

}
