package com.cksconsole.keystore.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.KeyStoreBusyException;
import com.cksconsole.keystore.StoreChangeLocks;
import com.cksconsole.keystore.StoreLockHolder;
import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link StoreChangeLocks} on the {@code active_store_lock} table: the store (account,
 * Region and key store ID, see {@link StoreTargetColumns}) is the primary key, so a
 * second insert for the same store fails in the database, whichever instance tries (a
 * unique partial index would say the same, but H2 has none).
 *
 * <p>
 * A plain edit holds its row for the few seconds of one UpdateCustomKeyStore. Should the
 * console die (or lose its database) in between, the row would stay; an edit's row
 * {@link StoreLockHolder#EDIT_TAKEOVER} old is therefore abandoned
 * ({@link StoreLockHolder#abandonedAt}): {@link #holder} no longer reports it, and the
 * next acquisition deletes it. A guided change's row has no such expiry: it is released
 * only when the run ends.
 */
@Component
public class JdbcStoreChangeLocks implements StoreChangeLocks {

    private final JdbcClient jdbc;

    private final Clock clock;

    public JdbcStoreChangeLocks(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * The holder, unless it is an abandoned edit (which every path treats as no holder at
     * all).
     */
    @Override
    public Optional<StoreLockHolder> holder(KeyStoreRef store) {
        var now = now();
        return row(store).filter(holder -> !holder.abandonedAt(now));
    }

    private Optional<StoreLockHolder> row(KeyStoreRef store) {
        return jdbc.sql("select run_id, holder, acquired_at from active_store_lock where " + StoreTargetColumns.WHERE)
            .params(StoreTargetColumns.values(store))
            .query((rs, n) -> new StoreLockHolder(store, rs.getString("run_id"), rs.getString("holder"),
                    rs.getObject("acquired_at", OffsetDateTime.class).toInstant()))
            .optional();
    }

    @Override
    public StoreLockHolder acquireForEdit(KeyStoreRef store, String user) {
        var hold = new StoreLockHolder(store, null, user, now());
        take(hold);
        return hold;
    }

    @Override
    public void releaseEdit(StoreLockHolder hold) {
        jdbc.sql("delete from active_store_lock where " + StoreTargetColumns.WHERE
                + " and run_id is null and holder = ? and acquired_at = ?")
            .params(StoreTargetColumns.values(hold.store()))
            .param(hold.holder())
            .param(utc(hold.acquiredAt()))
            .update();
    }

    @Override
    public void acquireForRun(KeyStoreRef store, String runId, String user) {
        take(new StoreLockHolder(store, runId, user, now()));
    }

    @Override
    public void releaseRun(KeyStoreRef store, String runId) {
        jdbc.sql("delete from active_store_lock where " + StoreTargetColumns.WHERE + " and run_id = ?")
            .params(StoreTargetColumns.values(store))
            .param(runId)
            .update();
    }

    private void take(StoreLockHolder hold) {
        // The same rule as StoreLockHolder.abandonedAt, as a condition, so that only an
        // abandoned row goes.
        jdbc.sql("delete from active_store_lock where " + StoreTargetColumns.WHERE
                + " and run_id is null and acquired_at <= ?")
            .params(StoreTargetColumns.values(hold.store()))
            .param(utc(hold.acquiredAt().minus(StoreLockHolder.EDIT_TAKEOVER)))
            .update();
        // Read first, so that the common refusal names its holder without a failed insert
        // (which would abort
        // a surrounding PostgreSQL transaction); the primary key still decides a race.
        var current = row(hold.store());
        if (current.isPresent()) {
            throw new KeyStoreBusyException(current.get());
        }
        try {
            jdbc.sql("insert into active_store_lock (account_id, region, store_id, run_id, holder, acquired_at) "
                    + "values (?, ?, ?, ?, ?, ?)")
                .params(StoreTargetColumns.values(hold.store()))
                .param(hold.runId())
                .param(hold.holder())
                .param(utc(hold.acquiredAt()))
                .update();
        }
        catch (DuplicateKeyException taken) {
            throw new KeyStoreBusyException(currentHolder(hold));
        }
    }

    /**
     * The holder that won. Inside a transaction PostgreSQL refuses every further
     * statement after the failed insert; the caller then reads the holder again after its
     * rollback.
     */
    private StoreLockHolder currentHolder(StoreLockHolder attempted) {
        try {
            return row(attempted.store()).orElse(attempted);
        }
        catch (DataAccessException abortedTransaction) {
            return new StoreLockHolder(attempted.store(), null, "another change", attempted.acquiredAt());
        }
    }

    /**
     * Milliseconds, which every database keeps exactly, so that a hold finds its own row
     * again.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
