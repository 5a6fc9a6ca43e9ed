package com.cksconsole.rotation;

import java.security.SecureRandom;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import com.cksconsole.audit.AuditTrail;
import com.cksconsole.health.credentials.MonitoringCredentials;
import com.cksconsole.health.credentials.SecretSealer;
import com.cksconsole.keystore.KeyStoreChanges;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.XksPreflight;

/**
 * The rotation module's parts, wired by hand: one public entry point, the rest
 * package-private.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RotationProperties.class)
class RotationConfiguration {

    @Bean
    RotationRepository rotationRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        return new RotationRepository(JdbcClient.create(dataSource), transactions);
    }

    @Bean
    HeldSecrets rotationHeldSecrets(SecretSealer sealer, RotationRepository runs) {
        return new HeldSecrets(sealer, runs);
    }

    @Bean
    RotationJournal rotationJournal(RotationRepository runs, AuditTrail audit, Clock clock) {
        return new RotationJournal(runs, audit, clock);
    }

    @Bean
    ProxyChecks rotationProxyChecks(XksPreflight preflight) {
        return new ProxyChecks(preflight);
    }

    @Bean
    RotationEngine rotationEngine(RotationRepository runs, HeldSecrets secrets, ProxyChecks checks, KeyStoreReads reads,
            KeyStoreChanges changes, RotationJournal journal, RotationProperties properties, Clock clock) {
        return new RotationEngine(runs, secrets, checks, reads, changes, journal, properties, clock);
    }

    @Bean
    RotationRunner rotationRunner(RotationRepository runs, RotationEngine engine, RotationProperties properties,
            Clock clock) {
        return new RotationRunner(runs, engine, properties, clock);
    }

    @Bean
    RotationUnderWay rotationUnderWay(RotationRepository runs, KmsTargets targets) {
        return new RotationUnderWay(runs, targets);
    }

    @Bean
    CredentialRotations credentialRotations(RotationRepository runs, HeldSecrets secrets, ProxyChecks checks,
            KeyStoreReads reads, MonitoringCredentials monitoring, RotationJournal journal, RotationRunner runner,
            AuditTrail audit, RotationProperties properties, Clock clock) {
        return new CredentialRotations(runs, secrets, checks, reads, monitoring, journal, runner, audit,
                new NewCredentials(new SecureRandom()), properties, clock);
    }

}
