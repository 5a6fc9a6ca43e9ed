package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.keystore.TestKeyStores;
import com.cksconsole.kms.ConnectionState;

/**
 * The shared Describe snapshot on the embedded H2 database, and what an instance does
 * when the database cannot share it.
 */
class SharedSnapshotH2Test extends SharedSnapshotContract {

    @Override
    DataSource emptyDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @Test
    void withoutTheDatabaseAnInstanceDescribesByItselfAndServesTheAnswer() {
        // A database without the table: every statement fails as when the database is
        // away.
        var away = new SnapshotTable(JdbcClient.create(emptyDatabase()));
        var alone = new SharedSnapshotSource(away, clock, TTL, Duration.ofSeconds(1), LEASE, Duration.ofSeconds(1),
                Duration.ofMillis(5));
        var describes = new AtomicInteger();
        var described = snapshot(TARGET, START, TestKeyStores.cloudHsm(ConnectionState.CONNECTED));

        var fetched = alone.fetch(TARGET, describing(() -> {
            describes.incrementAndGet();
            return described;
        }));
        alone.invalidate(TARGET);
        alone.invalidateAll();

        assertThat(fetched.snapshot()).isEqualTo(described);
        assertThat(describes).hasValue(1);
    }

}
