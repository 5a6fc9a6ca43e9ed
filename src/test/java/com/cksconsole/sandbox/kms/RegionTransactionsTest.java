package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.sandbox.kms.SandboxKeyStore.CloudHsmSettings;
import com.cksconsole.sandbox.kms.SandboxKeyStore.Pending;
import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.xks.XksHealthCheckResult;

/**
 * The connection lifecycle's storage rules without the web layer: "settle on read" on its
 * own (no scheduler involved), and the scheduler on its own (no read involved), on an H2
 * database with the sandbox migration.
 */
class RegionTransactionsTest {

    private static final AccountRegion REGION = new AccountRegion("111122223333", "eu-west-1");

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private JdbcClient jdbc;

    private KeyStoreRepository repository;

    private TransactionTemplate transactions;

    private RegionTransactions regionTransactions;

    @BeforeEach
    void database() {
        var dataSource = new DriverManagerDataSource("jdbc:h2:mem:sandbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/sandbox")
            .table("sandbox_schema_history")
            .placeholders(java.util.Map.of("default_account_id", "111122223333"))
            .load()
            .migrate();
        jdbc = JdbcClient.create(dataSource);
        repository = new KeyStoreRepository(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void stop() {
        if (regionTransactions != null) {
            regionTransactions.close();
        }
    }

    @Test
    void aReadAfterTheDeadlineSettlesTheStoreAndStoresTheResult() {
        insertConnecting("cks-00000000000000001", T0.plusSeconds(3));
        regionTransactions = at(T0.plusSeconds(3));

        var store = regionTransactions.read(REGION).stores().get(0);

        assertThat(store.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        assertThat(store.pending()).isNull();
        assertThat(storedState("cks-00000000000000001")).isEqualTo("CONNECTED");
    }

    @Test
    void aReadBeforeTheDeadlineChangesNothing() {
        insertConnecting("cks-00000000000000001", T0.plusSeconds(3));
        regionTransactions = at(T0.plusSeconds(3).minusMillis(1));

        var store = regionTransactions.read(REGION).stores().get(0);

        assertThat(store.connectionState()).isEqualTo(ConnectionState.CONNECTING);
        assertThat(storedState("cks-00000000000000001")).isEqualTo("CONNECTING");
    }

    @Test
    void theSchedulerSettlesAtTheDeadlineWithoutAnyRead() {
        regionTransactions = new RegionTransactions(repository, transactions, Clock.systemUTC(), new XksHealthChecks(
                HealthOnlyXksProxyClient.answering(request -> XksHealthCheckResultFixtures.unused())));
        insertConnecting("cks-00000000000000002", Instant.now().plusSeconds(3600));

        // A write through the transactions (as Connect does) arms the scheduler for the
        // new deadline.
        regionTransactions.inRegion(REGION,
                region -> region.update(region.require("cks-00000000000000002")
                    .transitioning(ConnectionState.CONNECTING,
                            new Pending(ConnectionState.CONNECTED, null, Instant.now().plusMillis(100)))));

        await().atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> storedState("cks-00000000000000002").equals("CONNECTED"));
    }

    @Test
    void pendingTransitionsAreRearmedAfterARestart() {
        insertConnecting("cks-00000000000000003", Instant.now().plusMillis(100));
        regionTransactions = new RegionTransactions(repository, transactions, Clock.systemUTC(), new XksHealthChecks(
                HealthOnlyXksProxyClient.answering(request -> XksHealthCheckResultFixtures.unused())));

        regionTransactions.rearmPendingTransitions();

        await().atMost(Duration.ofSeconds(5))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> storedState("cks-00000000000000003").equals("CONNECTED"));
    }

    @Test
    void aPlanThatNeedsNoHealthCheckIsAppliedInOneTransaction() {
        regionTransactions = at(T0);

        String result = regionTransactions.execute(REGION, "request-1",
                region -> RegionTransactions.Plan.direct(healthy -> healthy.isEmpty() ? "applied" : "failed"));

        assertThat(result).isEqualTo("applied");
    }

    private RegionTransactions at(Instant now) {
        return new RegionTransactions(repository, transactions, Clock.fixed(now, ZoneOffset.UTC), new XksHealthChecks(
                HealthOnlyXksProxyClient.answering(request -> XksHealthCheckResultFixtures.unused())));
    }

    private void insertConnecting(String id, Instant settleAt) {
        repository.ensureRegion(REGION);
        repository.insert(
                new SandboxKeyStore(REGION.accountId(), id, REGION.region(), "store-" + id, KeyStoreType.AWS_CLOUDHSM,
                        ConnectionState.CONNECTING, null, new Pending(ConnectionState.CONNECTED, null, settleAt), T0,
                        new CloudHsmSettings("cluster-h5vq2xw7zpm", "pem", "SpareCluster9"), null, 0));
    }

    private String storedState(String id) {
        return jdbc.sql("select connection_state from sandbox_kms_custom_key_store where id = ?")
            .param(id)
            .query(String.class)
            .single();
    }

    /** The tests here never reach a proxy. */
    static final class XksHealthCheckResultFixtures {

        private XksHealthCheckResultFixtures() {
        }

        static XksHealthCheckResult unused() {
            throw new AssertionError("no proxy call expected");
        }

    }

}
