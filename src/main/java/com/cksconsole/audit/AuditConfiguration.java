package com.cksconsole.audit;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Wires the audit log from plain classes (they are also built by hand in the repository
 * tests).
 */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * The KMS mode property of the keystore package, read by name: the audit package
     * depends on no other.
     */
    static final String KMS_MODE_PROPERTY = "console.kms.mode";

    @Bean
    AuditContextResolver auditContextResolver(AuditProperties properties) {
        return new AuditContextResolver(TrustedProxies.of(properties.trustedProxies()));
    }

    @Bean
    SecretFingerprinter secretFingerprinter(AuditProperties properties, Environment environment, DataSource dataSource,
            Clock clock) {
        return new SecretFingerprinter(properties.fingerprintKey(), awsMode(environment), JdbcClient.create(dataSource),
                clock);
    }

    /**
     * Loads (or, in sandbox mode at the first start, generates) the fingerprint key once
     * the schema exists.
     */
    @Bean
    ApplicationRunner auditFingerprintKeyInitialiser(SecretFingerprinter fingerprinter) {
        return args -> fingerprinter.keyId();
    }

    @Bean
    ChainKey auditChainKey(AuditProperties properties, Environment environment) {
        return AuditKeys.chainKey(properties, awsMode(environment));
    }

    @Bean
    CheckpointKey auditCheckpointKey(AuditProperties properties, Environment environment) {
        return AuditKeys.checkpointKey(properties, awsMode(environment));
    }

    @Bean
    AuditEventRepository auditEventRepository(DataSource dataSource, Clock clock, ChainKey chainKey) {
        return new AuditEventRepository(dataSource, clock, chainKey);
    }

    @Bean
    AuditQueries auditQueries(DataSource dataSource, PlatformTransactionManager transactions) {
        return new AuditQueries(dataSource, transactions);
    }

    @Bean
    AuditTrail auditTrail(AuditEventRepository events, PlatformTransactionManager transactions,
            AuditContextResolver contexts, SecretFingerprinter fingerprinter, AuditProperties properties, Clock clock) {
        return new AuditTrail(events, transactions, contexts, fingerprinter, new AuditJsonLog(), clock,
                properties.reconcileAfter());
    }

    @Bean
    AuditCheckpoints auditCheckpoints(AuditQueries queries, AuditTrail trail, ChainKey chainKey,
            CheckpointKey checkpointKey, AuditProperties properties, Clock clock) {
        var file = new CheckpointFile(properties.checkpointFile());
        return new AuditCheckpoints(new ChainVerifier(queries, clock, chainKey, file, checkpointKey), trail, file,
                checkpointKey, chainKey, new AuditJsonLog(), clock);
    }

    @Bean
    CheckpointSchedule auditCheckpointSchedule(AuditCheckpoints checkpoints, DataSource dataSource,
            AuditProperties properties, Clock clock) {
        return new CheckpointSchedule(checkpoints, new CheckpointTurns(dataSource, clock),
                properties.checkpointInterval());
    }

    @Bean
    AuditLog auditLog(AuditQueries queries, AuditCheckpoints checkpoints, AuditTrail trail,
            SecretFingerprinter fingerprinter, AuditContextResolver contexts, AuditProperties properties, Clock clock) {
        return new AuditLog(queries, checkpoints, trail, fingerprinter,
                new SecretCheckLimit(properties.secretCheckPerMinute(), clock), contexts, properties.exportTimeout());
    }

    private static boolean awsMode(Environment environment) {
        return "aws".equalsIgnoreCase(environment.getProperty(KMS_MODE_PROPERTY, "sandbox"));
    }

}
