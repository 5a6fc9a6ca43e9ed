package com.cksconsole.keys.internal;

import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.cksconsole.kms.KmsTarget;

/**
 * Each target's key-change generation in the database ({@code key_inventory_generation},
 * V101), shared by every console instance: a key change moves it on, and a cached read of
 * the target's keys counts only under the generation it was read with
 * ({@link CachedKeyInventory}). Without it, the page after creating a key could be served
 * by an instance whose cached list (up to {@code console.keys.cache-ttl} old) does not
 * show the key yet.
 */
@Component
class SharedKeyChanges {

    private static final Logger log = LoggerFactory.getLogger(SharedKeyChanges.class);

    private final JdbcClient jdbc;

    SharedKeyChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The target's generation (0 before its first change); empty when the database cannot
     * say, and then a cached read counts for its time to live as on a single instance.
     */
    OptionalLong generation(KmsTarget target) {
        try {
            return OptionalLong
                .of(jdbc.sql("select generation from key_inventory_generation where account_id = ? and region = ?")
                    .params(account(target), target.region())
                    .query(Long.class)
                    .optional()
                    .orElse(0L));
        }
        catch (RuntimeException e) {
            log.debug("The key-change generation of {} could not be read ({})", target, e.toString());
            return OptionalLong.empty();
        }
    }

    /**
     * Moves the target's generation on: every instance's cached read of it is old now.
     */
    void moveOn(KmsTarget target) {
        try {
            if (increment(target) == 1) {
                return;
            }
            try {
                jdbc.sql("insert into key_inventory_generation (account_id, region, generation) values (?, ?, 1)")
                    .params(account(target), target.region())
                    .update();
            }
            catch (DuplicateKeyException anotherInstanceWasFirst) {
                increment(target);
            }
        }
        catch (RuntimeException e) {
            // The change itself is done: other instances may show the old list for up to
            // the cache's time to live.
            log.warn("The key-change generation of {} could not be moved on ({})", target, e.toString());
        }
    }

    private int increment(KmsTarget target) {
        return jdbc
            .sql("update key_inventory_generation set generation = generation + 1 where account_id = ? and region = ?")
            .params(account(target), target.region())
            .update();
    }

    /**
     * Key columns cannot be null: a target without a configured account is kept as "".
     */
    private static String account(KmsTarget target) {
        var account = target.accountId();
        return account == null ? "" : account;
    }

}
