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

    private static final String KEY_MATERIAL_SETTING = "key-material-secret";

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
    SandboxSeed sandboxSeed(KeyStoreRepository repository, KeyRepository keys,
            PlatformTransactionManager transactionManager, SimulatedAws aws, SandboxKmsProperties properties,
            SandboxWorldProperties world, KmsProperties kms, Clock clock) {
        var seed = new SandboxSeed(repository, keys, new TransactionTemplate(transactionManager), aws,
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
    MarkerCodec sandboxMarkerCodec(KeyStoreRepository repository) {
        return new MarkerCodec(secret(repository, MARKER_KEY_SETTING));
    }

    @Bean
    KmsOperation sandboxDescribeCustomKeyStores(RegionTransactions transactions, MarkerCodec markers,
            SandboxKmsProperties properties) {
        return new DescribeCustomKeyStores(transactions, markers, properties.describePageSize());
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
    KmsOperation sandboxDeleteCustomKeyStore(RegionTransactions transactions, KeyRepository keys) {
        return new DeleteCustomKeyStore(transactions, keys);
    }

    @Bean
    KeyRepository sandboxKeyRepository(SandboxKmsSchema schema, JdbcClient jdbc) {
        return new KeyRepository(jdbc);
    }

    @Bean
    SimulatedKeyMaterial sandboxKeyMaterial(KeyStoreRepository repository) {
        return new SimulatedKeyMaterial(secret(repository, KEY_MATERIAL_SETTING));
    }

    @Bean
    ExternalKeyCalls sandboxExternalKeyCalls(XksProxyClient xksProxyClient) {
        return new ProxyExternalKeyCalls(xksProxyClient);
    }

    @Bean
    KmsOperation sandboxCreateKey(RegionTransactions transactions, KeyRepository keys, SimulatedAws aws,
            ExternalKeyCalls externalKeys) {
        return new CreateKey(transactions, keys, aws, externalKeys);
    }

    @Bean
    KmsOperation sandboxDescribeKey(RegionTransactions transactions, KeyRepository keys) {
        return new DescribeKey(transactions, keys);
    }

    @Bean
    KmsOperation sandboxListKeys(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
        return new DescribeKey.ListKeys(transactions, keys, markers);
    }

    @Bean
    KmsOperation sandboxCreateAlias(RegionTransactions transactions, KeyRepository keys) {
        return new KeyAliases.CreateAlias(transactions, keys);
    }

    @Bean
    KmsOperation sandboxDeleteAlias(RegionTransactions transactions, KeyRepository keys) {
        return new KeyAliases.DeleteAlias(transactions, keys);
    }

    @Bean
    KmsOperation sandboxListAliases(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
        return new KeyAliases.ListAliases(transactions, keys, markers);
    }

    @Bean
    KmsOperation sandboxTagResource(RegionTransactions transactions, KeyRepository keys) {
        return new KeyTags.TagResource(transactions, keys);
    }

    @Bean
    KmsOperation sandboxUntagResource(RegionTransactions transactions, KeyRepository keys) {
        return new KeyTags.UntagResource(transactions, keys);
    }

    @Bean
    KmsOperation sandboxListResourceTags(RegionTransactions transactions, KeyRepository keys, MarkerCodec markers) {
        return new KeyTags.ListResourceTags(transactions, keys, markers);
    }

    @Bean
    KmsOperation sandboxEnableKey(RegionTransactions transactions, KeyRepository keys) {
        return new KeyStateChanges(KeyStateChanges.Kind.EnableKey, transactions, keys);
    }

    @Bean
    KmsOperation sandboxDisableKey(RegionTransactions transactions, KeyRepository keys) {
        return new KeyStateChanges(KeyStateChanges.Kind.DisableKey, transactions, keys);
    }

    @Bean
    KmsOperation sandboxScheduleKeyDeletion(RegionTransactions transactions, KeyRepository keys) {
        return new KeyStateChanges(KeyStateChanges.Kind.ScheduleKeyDeletion, transactions, keys);
    }

    @Bean
    KmsOperation sandboxCancelKeyDeletion(RegionTransactions transactions, KeyRepository keys) {
        return new KeyStateChanges(KeyStateChanges.Kind.CancelKeyDeletion, transactions, keys);
    }

    @Bean
    KmsOperation sandboxUpdateKeyDescription(RegionTransactions transactions, KeyRepository keys) {
        return new KeyStateChanges(KeyStateChanges.Kind.UpdateKeyDescription, transactions, keys);
    }

    @Bean
    KmsOperation sandboxEncrypt(RegionTransactions transactions, KeyRepository keys, SimulatedAws aws,
            SimulatedKeyMaterial material, ExternalKeyCalls externalKeys) {
        return new KeyCryptography(KeyCryptography.Kind.Encrypt, transactions, keys, aws, material, externalKeys);
    }

    @Bean
    KmsOperation sandboxDecrypt(RegionTransactions transactions, KeyRepository keys, SimulatedAws aws,
            SimulatedKeyMaterial material, ExternalKeyCalls externalKeys) {
        return new KeyCryptography(KeyCryptography.Kind.Decrypt, transactions, keys, aws, material, externalKeys);
    }

    @Bean
    KmsOperation sandboxGenerateDataKey(RegionTransactions transactions, KeyRepository keys, SimulatedAws aws,
            SimulatedKeyMaterial material, ExternalKeyCalls externalKeys) {
        return new KeyCryptography(KeyCryptography.Kind.GenerateDataKey, transactions, keys, aws, material,
                externalKeys);
    }

    @Bean
    KmsOperation sandboxGenerateDataKeyWithoutPlaintext(RegionTransactions transactions, KeyRepository keys,
            SimulatedAws aws, SimulatedKeyMaterial material, ExternalKeyCalls externalKeys) {
        return new KeyCryptography(KeyCryptography.Kind.GenerateDataKeyWithoutPlaintext, transactions, keys, aws,
                material, externalKeys);
    }

    /**
     * A random secret per database (kept in the sandbox tables), so that what depends on
     * it survives restarts and works on every instance.
     */
    private static byte[] secret(KeyStoreRepository repository, String setting) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        repository.createSetting(setting, Base64.getEncoder().encodeToString(fresh));
        return Base64.getDecoder().decode(repository.setting(setting).orElseThrow());
    }

    /** Marker bean: the sandbox's tables exist once this bean does. */
    static final class SandboxKmsSchema {

    }

}
