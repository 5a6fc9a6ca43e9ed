package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.kms.KmsTarget;

/**
 * One Describe snapshot per target for every console instance on the database
 * ({@link SnapshotTable}), so that N instances still make at most one
 * DescribeCustomKeyStores per target per {@code console.kms.snapshot-ttl} (KMS allows
 * about 5 per second per account and Region, for everyone using the account):
 * <ul>
 * <li>a current stored snapshot (or a failure of the period) is served as it is;</li>
 * <li>otherwise the instance claims the target's lease (one conditional update) and
 * Describes; the others wait for its answer, polling the row, and serve the stored one.
 * Only the instance that Describes tells the Describe listeners (audit reconciliation,
 * outside-change detection, credential records), so they still run once per
 * Describe;</li>
 * <li>a console change bumps the row's generation: every instance sees the snapshot as
 * out of date at its next look (within {@code console.kms.snapshot-recheck});</li>
 * <li>a lease left by a stopped instance expires after {@link #DEFAULT_LEASE} and is
 * taken over; a viewer that waits longer than {@link #DEFAULT_WAIT} for another
 * instance's Describe gets the last known snapshot, marked stale.</li>
 * </ul>
 * Fail-safe: when the database cannot be read or written the instance Describes by itself
 * and serves the answer (the quota is at risk only while the database is away).
 */
@Component
class SharedSnapshotSource implements SnapshotSource {

    /**
     * How long one instance may Describe a target before another may take over: well
     * above a Describe's usual second, so a slow answer is rarely Described twice, and
     * short enough that a stopped instance's lease is not missed for long.
     */
    static final Duration DEFAULT_LEASE = Duration.ofSeconds(20);

    /**
     * How long a page view waits for another instance's Describe before it is shown the
     * last known snapshot instead.
     */
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(5);

    /** How often a waiting instance looks at the row. */
    static final Duration DEFAULT_POLL = Duration.ofMillis(20);

    /**
     * The error code of the stale read served when another instance's Describe takes
     * longer than the wait.
     */
    static final String STILL_DESCRIBING = "DescribeByAnotherInstancePending";

    private static final Logger log = LoggerFactory.getLogger(SharedSnapshotSource.class);

    private final SnapshotTable table;

    private final Clock clock;

    private final Duration ttl;

    private final Duration recheck;

    private final Duration lease;

    private final Duration wait;

    private final Duration poll;

    /** This instance in the lease column: unique per start. */
    private final String owner = "console-" + UUID.randomUUID();

    /**
     * Runs the table's statements outside any transaction of the caller: a lease, a
     * stored snapshot and a generation bump must be seen by the other instances at once,
     * and must not be rolled back with (or wait for) a caller's unrelated work.
     */
    private final Consumer<Runnable> outsideTransactions;

    @Autowired
    SharedSnapshotSource(SnapshotTable table, Clock clock, KmsProperties properties,
            PlatformTransactionManager transactions) {
        this(table, clock, properties.snapshotTtl(), properties.snapshotRecheck(), DEFAULT_LEASE, DEFAULT_WAIT,
                DEFAULT_POLL, notSupported(transactions));
    }

    SharedSnapshotSource(SnapshotTable table, Clock clock, Duration ttl, Duration recheck, Duration lease,
            Duration wait, Duration poll) {
        this(table, clock, ttl, recheck, lease, wait, poll, Runnable::run);
    }

    private SharedSnapshotSource(SnapshotTable table, Clock clock, Duration ttl, Duration recheck, Duration lease,
            Duration wait, Duration poll, Consumer<Runnable> outsideTransactions) {
        this.outsideTransactions = outsideTransactions;
        this.table = table;
        this.clock = clock;
        this.ttl = ttl;
        this.recheck = recheck;
        this.lease = lease;
        this.wait = wait;
        this.poll = poll;
    }

    String owner() {
        return owner;
    }

    @Override
    public Duration recheck(Duration ttl) {
        return recheck.compareTo(ttl) < 0 ? recheck : ttl;
    }

    private static Consumer<Runnable> notSupported(PlatformTransactionManager transactions) {
        var template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_NOT_SUPPORTED);
        return work -> template.executeWithoutResult(status -> work.run());
    }

    @Override
    public Fetched fetch(KmsTarget target, Describe describe) {
        var fetched = new AtomicReference<Fetched>();
        outsideTransactions.accept(() -> fetched.set(fetchHere(target, describe)));
        return Objects.requireNonNull(fetched.get());
    }

    private Fetched fetchHere(KmsTarget target, Describe describe) {
        // Real time, not the clock: a wait is a wait even when a test stops the clock.
        long deadline = System.nanoTime() + wait.toNanos();
        SnapshotTable.Stored row;
        try {
            row = table.readOrCreate(target);
        }
        catch (DataAccessException databaseAway) {
            return unshared(target, describe, databaseAway);
        }
        while (true) {
            Instant now = clock.instant();
            Fetched settled = row.settled(now, ttl);
            if (settled != null) {
                return settled;
            }
            try {
                if (table.claim(target, row.generation(), owner, now, now.plus(lease), ttl)) {
                    return describeAndShare(target, describe, row);
                }
            }
            catch (DataAccessException databaseAway) {
                return unshared(target, describe, databaseAway);
            }
            if (System.nanoTime() - deadline > 0 || Thread.currentThread().isInterrupted()) {
                return stillDescribing(target, describe, row, now);
            }
            LockSupport.parkNanos(poll.toNanos());
            try {
                row = table.read(target).orElseThrow();
            }
            catch (DataAccessException databaseAway) {
                return unshared(target, describe, databaseAway);
            }
        }
    }

    private Fetched describeAndShare(KmsTarget target, Describe describe, SnapshotTable.Stored claimed) {
        KeyStoreSnapshot snapshot;
        try {
            snapshot = describe.describe();
        }
        catch (KmsCallException failed) {
            Instant failedAt = clock.instant();
            try {
                table.storeFailure(target, failed.failure(), failedAt, claimed.generation(), owner);
            }
            catch (DataAccessException databaseAway) {
                log.warn("Could not share the failed Describe of {} ({}): its lease expires by itself", target,
                        databaseAway.getClass().getSimpleName());
            }
            return Fetched.failed(failed, failedAt, claimed.snapshot());
        }
        catch (RuntimeException unexpected) {
            release(target);
            throw unexpected;
        }
        try {
            if (!table.store(snapshot, claimed.generation(), owner)) {
                log.info("Describe of {} took longer than its lease; another instance has taken it over", target);
            }
        }
        catch (DataAccessException databaseAway) {
            // The answer is good: serve it even though the other instances cannot see it.
            log.warn("Could not share the Describe of {} ({}): serving it unshared", target,
                    databaseAway.getClass().getSimpleName());
        }
        return Fetched.current(snapshot);
    }

    private void release(KmsTarget target) {
        try {
            table.release(target, owner);
        }
        catch (DataAccessException databaseAway) {
            // The lease expires by itself.
        }
    }

    /**
     * Another instance holds the lease longer than a page view should wait: the last
     * known snapshot, marked stale, or a Describe of our own when there is none yet.
     */
    private Fetched stillDescribing(KmsTarget target, Describe describe, SnapshotTable.Stored row, Instant now) {
        @Nullable KeyStoreSnapshot lastKnown = row.snapshot();
        if (lastKnown == null) {
            log.info("No shared snapshot of {} yet and its Describe by {} takes long: describing here", target,
                    row.leaseOwner());
            return SnapshotSource.LOCAL.fetch(target, describe);
        }
        return Fetched.failed(new KmsCallException("DescribeCustomKeyStores",
                new KmsFailure(KmsFailureKind.TIMED_OUT, STILL_DESCRIBING, null)), now, lastKnown);
    }

    private Fetched unshared(KmsTarget target, Describe describe, DataAccessException databaseAway) {
        log.warn("Shared snapshot of {} unavailable ({}): describing without it", target,
                databaseAway.getClass().getSimpleName());
        return SnapshotSource.LOCAL.fetch(target, describe);
    }

    @Override
    public void invalidate(KmsTarget target) {
        try {
            outsideTransactions.accept(() -> table.bumpGeneration(target));
        }
        catch (DataAccessException databaseAway) {
            log.warn("Could not mark the shared snapshot of {} out of date ({}); other instances show it for up to "
                    + "console.kms.snapshot-ttl", target, databaseAway.getClass().getSimpleName());
        }
    }

    @Override
    public void invalidateAll() {
        try {
            outsideTransactions.accept(table::bumpAllGenerations);
        }
        catch (DataAccessException databaseAway) {
            log.warn("Could not mark the shared snapshots out of date ({}); other instances show them for up to "
                    + "console.kms.snapshot-ttl", databaseAway.getClass().getSimpleName());
        }
    }

}
