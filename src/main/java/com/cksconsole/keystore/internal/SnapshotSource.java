package com.cksconsole.keystore.internal;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.kms.KmsTarget;

/**
 * Where a {@link KeyStoreSnapshotCache} gets a snapshot it does not hold: by a Describe
 * of its own ({@link #LOCAL}, one console instance) or through the snapshot that every
 * instance on the database shares ({@link SharedSnapshotSource}).
 */
interface SnapshotSource {

    /**
     * This instance Describes every time it is asked (the cache in front coalesces and
     * keeps the answer for the ttl).
     */
    SnapshotSource LOCAL = new SnapshotSource() {

        @Override
        public Fetched fetch(KmsTarget target, Describe describe) {
            try {
                return Fetched.current(describe.describe());
            }
            catch (KmsCallException failed) {
                return Fetched.failed(failed, describe.now(), null);
            }
        }

        @Override
        public Duration recheck(Duration ttl) {
            return ttl;
        }

    };

    /**
     * A current snapshot of the target, or why there is none now.
     * @param describe makes one DescribeCustomKeyStores of every store (and tells the
     * Describe listeners); called only by the instance that is to Describe now
     */
    Fetched fetch(KmsTarget target, Describe describe);

    /**
     * How long the cache in front may serve what it fetched before asking again (at most
     * the ttl): with a shared snapshot, how soon another instance's change is seen here.
     */
    Duration recheck(Duration ttl);

    /** The console changed the target: no instance may serve the snapshot any more. */
    default void invalidate(KmsTarget target) {
    }

    /** As {@link #invalidate(KmsTarget)}, for every target. */
    default void invalidateAll() {
    }

    /** One DescribeCustomKeyStores of every store of one target. */
    interface Describe {

        /**
         * @throws KmsCallException when KMS did not answer with the stores
         */
        KeyStoreSnapshot describe();

        /** The time by the cache's clock (for the time of a failure). */
        Instant now();

    }

    /**
     * What {@link #fetch} found.
     *
     * @param snapshot the current snapshot, null when it failed
     * @param failure why there is no current snapshot, null when there is one
     * @param failedAt when that failure happened (it is not repeated within the ttl)
     * @param lastKnown on failure, the newest snapshot known, if any (shown as stale for
     * a passing failure)
     */
    record Fetched(@Nullable KeyStoreSnapshot snapshot, @Nullable KmsCallException failure, @Nullable Instant failedAt,
            @Nullable KeyStoreSnapshot lastKnown) {

        static Fetched current(KeyStoreSnapshot snapshot) {
            return new Fetched(snapshot, null, null, null);
        }

        static Fetched failed(KmsCallException failure, Instant failedAt, @Nullable KeyStoreSnapshot lastKnown) {
            return new Fetched(null, failure, failedAt, lastKnown);
        }

    }

}
