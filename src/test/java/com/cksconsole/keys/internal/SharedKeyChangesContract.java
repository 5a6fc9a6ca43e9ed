package com.cksconsole.keys.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import com.cksconsole.keys.KmsKey;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;

/**
 * Two console instances' key caches on one database (V101): a key changed through one
 * instance is in the other's next page, within the cache's time to live; without a
 * change, a cached read is shared as before (one read per time to live).
 */
abstract class SharedKeyChangesContract {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    static final KmsTarget TARGET = new KmsTarget("111122223333", "us-east-1");

    static final KeyStoreRef STORE = new KeyStoreRef(TARGET, "cks-1234567890abcdef0");

    final MutableClock clock = new MutableClock(NOW);

    final CountingReader kms = new CountingReader();

    SharedKeyChanges changes;

    CachedKeyInventory instanceA;

    CachedKeyInventory instanceB;

    abstract DataSource emptyDatabase();

    @BeforeEach
    void migrate() {
        DataSource dataSource = emptyDatabase();
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        changes = new SharedKeyChanges(JdbcClient.create(dataSource));
        var properties = new KeysProperties(Duration.ofSeconds(10));
        instanceA = new CachedKeyInventory(kms, clock, properties, changes);
        instanceB = new CachedKeyInventory(kms, clock, properties, changes);
    }

    @Test
    void aKeyCreatedThroughOneInstanceIsInTheOtherInstancesNextPage() {
        assertThat(instanceB.keysOf(STORE).keys()).hasSize(1);
        kms.keys.set(2);

        // Instance A created a key: KeyOperations drops the target's read.
        instanceA.forget(TARGET);

        assertThat(instanceB.keysOf(STORE).keys()).hasSize(2);
    }

    @Test
    void withoutAChangeEachInstanceReadsOncePerTimeToLive() {
        instanceB.keysOf(STORE);
        clock.advance(Duration.ofSeconds(10).minusMillis(1));
        instanceB.keysOf(STORE);
        assertThat(kms.reads).hasValue(1);

        clock.advance(Duration.ofMillis(1));
        instanceB.keysOf(STORE);
        assertThat(kms.reads).hasValue(2);
    }

    @Test
    void everyChangeMovesTheTargetsGenerationOnOnlyForThatTarget() {
        var west = new KmsTarget("111122223333", "us-west-2");
        var noAccount = new KmsTarget(null, "us-east-1");
        assertThat(changes.generation(TARGET)).hasValue(0);

        changes.moveOn(TARGET);
        changes.moveOn(TARGET);
        changes.moveOn(noAccount);

        assertThat(changes.generation(TARGET)).hasValue(2);
        assertThat(changes.generation(noAccount)).hasValue(1);
        assertThat(changes.generation(west)).hasValue(0);
    }

    /** KMS with {@code keys} keys in the store, counting the reads. */
    static final class CountingReader extends KeyReader {

        final AtomicInteger keys = new AtomicInteger(1);

        final AtomicInteger reads = new AtomicInteger();

        CountingReader() {
            super(null);
        }

        @Override
        public Map<String, List<KmsKey>> read(KmsTarget target) {
            reads.incrementAndGet();
            var list = new java.util.ArrayList<KmsKey>();
            for (int i = 0; i < keys.get(); i++) {
                list.add(new KmsKey("key-" + i, "arn:aws:kms:us-east-1:111122223333:key/key-" + i, List.of(), "",
                        KmsKey.ENABLED, NOW, null, "EXTERNAL", STORE.keyStoreId(), "xks-" + i, null));
            }
            return Map.of(STORE.keyStoreId(), list);
        }

    }

}
