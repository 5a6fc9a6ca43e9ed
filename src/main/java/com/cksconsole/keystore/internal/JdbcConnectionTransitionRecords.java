package com.cksconsole.keystore.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cksconsole.keystore.ConnectionOperation;
import com.cksconsole.keystore.ConnectionTransitionRecords;
import com.cksconsole.kms.KeyStoreRef;

/**
 * {@link ConnectionTransitionRecords} in the {@code connection_transition} table (V100):
 * one row per store, replaced by its next connect or disconnect.
 */
@Component
class JdbcConnectionTransitionRecords implements ConnectionTransitionRecords {

    private final JdbcClient jdbc;

    JdbcConnectionTransitionRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(KeyStoreRef store, Started started) {
        if (update(store, started) == 1) {
            return;
        }
        try {
            jdbc.sql("insert into connection_transition (account_id, region, store_id, operation, started_at) "
                    + "values (?, ?, ?, ?, ?)")
                .params(StoreTargetColumns.values(store))
                .params(started.operation().name(), Timestamp.from(started.at()))
                .update();
        }
        catch (DuplicateKeyException anotherInstanceWasFirst) {
            // Two requests for one store at once: the later write wins, as for one
            // instance.
            update(store, started);
        }
    }

    private int update(KeyStoreRef store, Started started) {
        return jdbc
            .sql("update connection_transition set operation = ?, started_at = ? where " + StoreTargetColumns.WHERE)
            .params(started.operation().name(), Timestamp.from(started.at()))
            .params(StoreTargetColumns.values(store))
            .update();
    }

    @Override
    public Optional<Started> find(KeyStoreRef store) {
        return jdbc.sql("select operation, started_at from connection_transition where " + StoreTargetColumns.WHERE)
            .params(StoreTargetColumns.values(store))
            .query((rs, row) -> new Started(ConnectionOperation.valueOf(rs.getString("operation")),
                    rs.getTimestamp("started_at").toInstant()))
            .optional();
    }

    @Override
    public void forgetBefore(Instant instant) {
        jdbc.sql("delete from connection_transition where started_at < ?").param(Timestamp.from(instant)).update();
    }

}
