package com.cksconsole.audit;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which console instance signs the periodic checkpoint of a period: several instances on
 * one database each run the schedule, and without this each would sign its own checkpoint
 * every period. The single row of {@code audit_checkpoint_turn} (V99) holds when the next
 * periodic checkpoint is due; the first instance to find it due moves it one interval on
 * with one conditional update, which only one instance can win, as the health probes
 * claim their jobs.
 */
class CheckpointTurns {

    private final JdbcClient jdbc;

    private final Clock clock;

    CheckpointTurns(DataSource dataSource, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.clock = clock;
    }

    /**
     * Claims the current period for this instance when it is due.
     * @param interval how long the period lasts, from now
     * @return true for exactly one caller per period across every instance on this
     * database; false when the period is not due yet or another instance claimed it
     */
    boolean claim(Duration interval) {
        long now = clock.millis();
        return jdbc
            .sql("update audit_checkpoint_turn set next_due_at_millis = ? where id = 1 and next_due_at_millis <= ?")
            .params(now + interval.toMillis(), now)
            .update() == 1;
    }

}
