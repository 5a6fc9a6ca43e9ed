package com.cksconsole.sandbox.kms;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.xks.XksFailureKind;

/**
 * Runs sandbox operations atomically. Every mutating operation runs in one transaction
 * that holds the lock row of its account and Region ({@code select ... for update}; each
 * account and Region is a world of its own), so concurrent callers, also on other console
 * instances sharing the database, see each operation entirely or not at all and
 * cross-store rules (uniqueness, quota) cannot race.
 *
 * <p>
 * Connection transitions: a store in CONNECTING/DISCONNECTING carries its outcome and
 * deadline. Whoever loads it after the deadline settles it ("settle on read"), and a
 * scheduler settles it at the deadline, so the lifecycle needs no in-memory state and
 * survives restarts.
 *
 * <p>
 * XKS proxy health checks are network calls and run outside the transaction: the
 * operation is planned, the proxy is called, and the operation is planned again under the
 * lock; it is applied only if it still needs the very same check (otherwise it starts
 * over).
 */
final class RegionTransactions implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RegionTransactions.class);

    private static final int MAX_ATTEMPTS = 5;

    private final KeyStoreRepository repository;

    private final TransactionTemplate transactions;

    private final Clock clock;

    private final XksHealthChecks healthChecks;

    private static final long SETTLE_MARGIN_MILLIS = 5;

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "sandbox-kms-settler");
        thread.setDaemon(true);
        return thread;
    });

    RegionTransactions(KeyStoreRepository repository, TransactionTemplate transactions, Clock clock,
            XksHealthChecks healthChecks) {
        this.repository = repository;
        this.transactions = transactions;
        this.clock = clock;
        this.healthChecks = healthChecks;
    }

    /**
     * The stores of an account and Region in a consistent transaction, after anything due
     * has been settled.
     */
    Region read(AccountRegion region) {
        Region snapshot = Objects.requireNonNull(transactions.execute(status -> {
            Instant now = clock.instant();
            return new Region(region, now, repository.findAll(region), repository);
        }));
        if (snapshot.stores().stream().anyMatch(store -> store.isDue(snapshot.now()))) {
            return inRegion(region, locked -> locked);
        }
        return snapshot;
    }

    /**
     * Runs {@code work} in a transaction holding the Region's lock, with its stores
     * loaded and settled.
     */
    <T> T inRegion(AccountRegion region, Function<Region, T> work) {
        repository.ensureRegion(region);
        List<SandboxKeyStore> toSchedule = new ArrayList<>();
        T result = transactions.execute(status -> {
            repository.lockRegion(region);
            Instant now = clock.instant();
            List<SandboxKeyStore> stores = new ArrayList<>();
            for (SandboxKeyStore store : repository.findAll(region)) {
                stores.add(store.isDue(now) ? repository.update(store.settledAt(now)) : store);
            }
            Region view = new Region(region, now, stores, repository);
            T value = work.apply(view);
            toSchedule.addAll(view.transitions);
            return value;
        });
        toSchedule.forEach(this::scheduleSettle);
        return result;
    }

    /**
     * An operation that may need one XKS health check before it can be applied.
     *
     * @param check the health check the operation needs, or null
     * @param apply applies the operation given the check's outcome (empty = healthy or
     * not checked)
     */
    record Plan<T>(XksHealthChecks.@Nullable Target check, Function<Optional<XksFailureKind>, T> apply) {

        static <T> Plan<T> direct(Function<Optional<XksFailureKind>, T> apply) {
            return new Plan<>(null, apply);
        }
    }

    /**
     * Plans (and, without a health check, applies) in one locked transaction; see the
     * class comment.
     */
    <T> T execute(AccountRegion region, String requestId, Function<Region, Plan<T>> planner) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Step<T> first = inRegion(region, view -> {
                Plan<T> plan = planner.apply(view);
                return plan.check() == null ? new Step<>(plan.apply().apply(Optional.empty()), null)
                        : new Step<T>(null, plan.check());
            });
            if (first.check() == null) {
                return first.result();
            }
            XksHealthChecks.Target check = first.check();
            Optional<XksFailureKind> outcome = healthChecks.check(check, region.region(), requestId);
            Step<T> second = inRegion(region, view -> {
                Plan<T> plan = planner.apply(view);
                return Objects.equals(plan.check(), check) ? new Step<>(plan.apply().apply(outcome), null)
                        : new Step<T>(null, plan.check());
            });
            if (second.check() == null) {
                return second.result();
            }
            log.debug("custom key store changed during a proxy health check; planning again");
        }
        throw KmsError.internal();
    }

    private record Step<T>(@Nullable T value, XksHealthChecks.@Nullable Target check) {

        /**
         * The operation's result: a step without a health check to run always has one.
         */
        T result() {
            return Objects.requireNonNull(value, "a step without a check has its result");
        }
    }

    /**
     * Re-arms the scheduler for transitions that were pending when the application
     * stopped.
     */
    void rearmPendingTransitions() {
        repository.findPending().forEach(this::scheduleSettle);
    }

    private void scheduleSettle(SandboxKeyStore store) {
        if (store.pending() == null) {
            return;
        }
        // The executor measures time with nanoTime, the deadline is wall-clock time, and
        // toMillis() rounds down:
        // a small margin keeps the settle from running just before the deadline and
        // finding nothing to do.
        long delay = Math.max(0, Duration.between(clock.instant(), store.pending().settleAt()).toMillis())
                + SETTLE_MARGIN_MILLIS;
        scheduler.schedule(() -> settle(store.accountRegion()), delay, TimeUnit.MILLISECONDS);
    }

    private void settle(AccountRegion region) {
        try {
            inRegion(region, view -> null);
            // A deadline due about now that is still pending (the clocks disagreed) gets
            // another turn; later
            // deadlines already have their own scheduled settle.
            var soon = clock.instant().plusSeconds(1);
            repository.findPending()
                .stream()
                .filter(store -> store.accountRegion().equals(region))
                .filter(store -> store.pending() != null && store.pending().settleAt().isBefore(soon))
                .forEach(this::scheduleSettle);
        }
        catch (RuntimeException e) {
            // Harmless: the next read settles the store.
            log.warn("could not settle the custom key stores of {}: {}", region, e.toString());
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /**
     * The stores of one account and Region inside a transaction, with writes that
     * remember transitions to schedule.
     */
    static final class Region {

        private final AccountRegion name;

        private final Instant now;

        private final List<SandboxKeyStore> stores;

        private final KeyStoreRepository repository;

        private final List<SandboxKeyStore> transitions = new ArrayList<>();

        Region(AccountRegion name, Instant now, List<SandboxKeyStore> stores, KeyStoreRepository repository) {
            this.name = name;
            this.now = now;
            this.stores = List.copyOf(stores);
            this.repository = repository;
        }

        /** The Region's name. */
        String name() {
            return name.region();
        }

        /** The account the stores belong to. */
        String accountId() {
            return name.accountId();
        }

        Instant now() {
            return now;
        }

        List<SandboxKeyStore> stores() {
            return stores;
        }

        Optional<SandboxKeyStore> find(String id) {
            return stores.stream().filter(store -> store.id().equals(id)).findFirst();
        }

        SandboxKeyStore require(String id) {
            return find(id).orElseThrow(() -> KmsError.notFound(id));
        }

        void insert(SandboxKeyStore store) {
            repository.insert(store);
        }

        SandboxKeyStore update(SandboxKeyStore store) {
            SandboxKeyStore updated = repository.update(store);
            if (updated.pending() != null) {
                transitions.add(updated);
            }
            return updated;
        }

        void delete(SandboxKeyStore store) {
            repository.delete(store);
        }

    }

}
