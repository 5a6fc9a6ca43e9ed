package com.cksconsole.sandbox.kms;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.cksconsole.keystore.KmsProperties;
import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.xks.XksProxyClient;

/**
 * Wires the KMS sandbox; none of it exists outside sandbox mode (so aws mode creates no
 * sandbox tables).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxKmsConfiguration {

    private static final String MARKER_KEY_SETTING = "marker-key";

    /**
     * The sandbox's tables, with their own Flyway history, after the console's
     * migrations.
     */
    @Bean
    @DependsOnDatabaseInitialization
    SandboxKmsSchema sandboxKmsSchema(DataSource dataSource, SandboxKmsProperties properties) {
        Flyway.configure()
            .dataSource(dataSource)
            .locations("classpath:db/sandbox")
            .table("sandbox_schema_history")
            // The schema already holds the console's tables; version 0 as baseline so V1
            // still runs.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            // V3 gives the stores of earlier versions to the default account.
            .placeholders(Map.of("default_account_id", properties.accountId()))
            .load()
            .migrate();
        return new SandboxKmsSchema();
    }

    @Bean
    KeyStoreRepository sandboxKeyStoreRepository(SandboxKmsSchema schema, JdbcClient jdbc) {
        return new KeyStoreRepository(jdbc);
    }

    @Bean
    SimulatedAws sandboxSimulatedAws(SandboxKmsProperties properties, KeyStoreRepository repository, Clock clock) {
        return new SimulatedAws(properties, SandboxTrustAnchors.load(repository, clock, properties));
    }

    /** Seeds an empty sandbox before the first request can arrive. */
    @Bean
    SandboxSeed sandboxSeed(KeyStoreRepository repository, PlatformTransactionManager transactionManager,
            SimulatedAws aws, SandboxKmsProperties properties, SandboxWorldProperties world, KmsProperties kms,
            Clock clock) {
        var seed = new SandboxSeed(repository, new TransactionTemplate(transactionManager), aws,
                new AccountRegion(properties.accountId(), kms.region()), clock);
        if (properties.seed()) {
            seed.seedOnFirstStart(world.seedStores());
        }
        return seed;
    }

    @Bean
    StsSessions sandboxStsSessions(SandboxKmsSchema schema, JdbcClient jdbc, Clock clock) {
        return new StsSessions(jdbc, clock);
    }

    @Bean
    SandboxCredentials sandboxCredentials(SandboxKmsProperties properties, SandboxWorldProperties world,
            StsSessions sessions) {
        return new SandboxCredentials(properties, world, sessions);
    }

    @Bean
    StsRoles sandboxStsRoles(SandboxKmsProperties properties, SandboxWorldProperties world) {
        return new StsRoles(world.roles(), properties.accountId(), world.accounts());
    }

    @Bean
    SigV4Authenticator sandboxStsSigV4Authenticator(SandboxCredentials credentials, Clock clock,
            SandboxKmsProperties properties) {
        return new SigV4Authenticator("sts", credentials, clock, properties.simulatedRegionPattern());
    }

    @Bean(destroyMethod = "close")
    RegionTransactions sandboxRegionTransactions(KeyStoreRepository repository, SandboxSeed seed,
            PlatformTransactionManager transactionManager, Clock clock, XksProxyClient xksProxyClient) {
        var transactions = new RegionTransactions(repository, new TransactionTemplate(transactionManager), clock,
                new XksHealthChecks(xksProxyClient));
        transactions.rearmPendingTransitions();
        return transactions;
    }

    @Bean
    SigV4Authenticator sandboxKmsSigV4Authenticator(SandboxCredentials credentials, Clock clock,
            SandboxKmsProperties properties) {
        return new SigV4Authenticator("kms", credentials, clock, properties.simulatedRegionPattern());
    }

    /** CloudHSM v2 signs with the name {@code cloudhsm}, not its endpoint prefix. */
    @Bean
    SigV4Authenticator sandboxCloudHsmSigV4Authenticator(SandboxCredentials credentials, Clock clock,
            SandboxKmsProperties properties) {
        return new SigV4Authenticator("cloudhsm", credentials, clock, properties.simulatedRegionPattern());
    }

    @Bean
    RequestRateLimiter sandboxRequestRateLimiter(SandboxKmsProperties properties, Clock clock) {
        return new RequestRateLimiter(properties.throttling().enabled(), properties.throttling().requestsPerSecond(),
                clock);
    }

    @Bean
    KeyStoreRules sandboxKeyStoreRules(SimulatedAws aws) {
        return new KeyStoreRules(aws);
    }

    @Bean
    KmsOperation sandboxCreateCustomKeyStore(RegionTransactions transactions, KeyStoreRules rules,
            SandboxKmsProperties properties) {
        return new CreateCustomKeyStore(transactions, rules, properties.customKeyStoreQuota());
    }

    @Bean
    KmsOperation sandboxDescribeCustomKeyStores(RegionTransactions transactions, KeyStoreRepository repository,
            SandboxKmsProperties properties) {
        return new DescribeCustomKeyStores(transactions, new MarkerCodec(markerKey(repository)),
                properties.describePageSize());
    }

    @Bean
    KmsOperation sandboxUpdateCustomKeyStore(RegionTransactions transactions, KeyStoreRules rules, SimulatedAws aws,
            SandboxKmsProperties properties, KmsProperties kms) {
        return new UpdateCustomKeyStore(transactions, rules, aws, kms.cloudhsmRenameWhileConnected());
    }

    @Bean
    KmsOperation sandboxConnectCustomKeyStore(RegionTransactions transactions, SimulatedAws aws, KeyStoreRules rules,
            SandboxKmsProperties properties) {
        return new ConnectCustomKeyStore(transactions, aws, rules, properties.connectDelay());
    }

    @Bean
    KmsOperation sandboxDisconnectCustomKeyStore(RegionTransactions transactions, SandboxKmsProperties properties) {
        return new DisconnectCustomKeyStore(transactions, properties.disconnectDelay());
    }

    @Bean
    KmsOperation sandboxDeleteCustomKeyStore(RegionTransactions transactions, SandboxKmsProperties properties) {
        return new DeleteCustomKeyStore(transactions, properties.kmsKeyCounts());
    }

    /**
     * A random key per database, so markers survive restarts and work on every instance.
     */
    private static byte[] markerKey(KeyStoreRepository repository) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        repository.createSetting(MARKER_KEY_SETTING, Base64.getEncoder().encodeToString(fresh));
        return Base64.getDecoder().decode(repository.setting(MARKER_KEY_SETTING).orElseThrow());
    }

    /** Marker bean: the sandbox's tables exist once this bean does. */
    static final class SandboxKmsSchema {

    }

}
