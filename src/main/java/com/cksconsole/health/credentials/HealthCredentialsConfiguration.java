package com.cksconsole.health.credentials;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.function.SingletonSupplier;
import java.util.function.Supplier;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;

import com.cksconsole.audit.AuditResult;
import com.cksconsole.audit.AuditTrail;
import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KmsKeyEncryptionKey;
import com.cksconsole.keystore.KmsTargets;
import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.targets.Target;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.SecretSealing;

/** Wires the monitoring credentials from plain classes (the tests build them by hand). */
@Configuration(proxyBeanMethods = false)
class HealthCredentialsConfiguration {

    /**
     * The KMS mode property of the keystore package, read by name as the audit module
     * does.
     */
    static final String KMS_MODE_PROPERTY = "console.kms.mode";

    /**
     * The key-encryption keys, loaded at first use: the console runs without monitoring
     * credentials, and in aws mode a missing KEK then fails the first put or find with a
     * message naming the property.
     */
    @Bean
    KeyRing credentialKeyRing(HealthCredentialsProperties properties, Environment environment, KmsTargets kmsTargets,
            TargetKmsCalls kmsCalls) {
        boolean awsMode = "aws".equalsIgnoreCase(environment.getProperty(KMS_MODE_PROPERTY, "sandbox"));
        KeyEncryptionKeyLoader.KmsKeks kmsKeks = keyId -> KmsKeyEncryptionKey.of(keyId,
                kmsKeyTarget(properties, kmsTargets), kmsCalls);
        return new KeyRing(SingletonSupplier.of(() -> KeyEncryptionKeyLoader.load(properties, awsMode, kmsKeks)));
    }

    @Bean
    SecretSealer secretSealer(KeyRing keyRing) {
        return new SecretSealer(keyRing.keys(), new EnvelopeCipher(new SecureRandom()));
    }

    /**
     * The keystore module's port for the secrets guided changes hold until their update
     * step: sealed under the same key-encryption key.
     */
    @Bean
    SecretSealing keyStoreSecretSealing(SecretSealer secretSealer) {
        return new SealingForKeyStores(secretSealer);
    }

    @Bean
    MonitoringCredentials monitoringCredentials(KeyRing keyRing, DataSource dataSource, KeyStoreReads keyStores,
            AuditTrail auditTrail, PlatformTransactionManager transactions, Clock clock) {
        var keys = keyRing.keys();
        // A fresh DescribeCustomKeyStores, not the shared snapshot: the refusal of KMS's
        // own
        // credential must not rest on a view up to console.kms.snapshot-ttl old.
        KmsAccessKeyIds kmsAccessKeyIds = store -> keyStores.describeNow(store)
            .xks()
            .flatMap(xks -> Optional.ofNullable(xks.accessKeyId()));
        return new MonitoringCredentials(new CredentialRepository(JdbcClient.create(dataSource)), keys,
                new EnvelopeCipher(new SecureRandom()), kmsAccessKeyIds,
                intent -> auditTrail.record(intent, AuditResult.succeeded()), transactions, clock);
    }

    /** One supplier of the key-encryption keys, shared by every user of them. */
    record KeyRing(Supplier<KeyEncryptionKeys> keys) {
    }

    /** The target whose KMS holds {@code kms-key-id}: the one named, or the default. */
    private static KmsTarget kmsKeyTarget(HealthCredentialsProperties properties, KmsTargets kmsTargets) {
        if (properties.kmsKeyTarget().isBlank()) {
            return kmsTargets.defaultTarget();
        }
        return kmsTargets.find(properties.kmsKeyTarget())
            .map(Target::kmsTarget)
            .orElseThrow(() -> new IllegalStateException("console.health.credentials.kms-key-target names no "
                    + "registered target: " + properties.kmsKeyTarget()));
    }

    @Bean
    @ConditionalOnProperty(name = "console.health.credentials.rotate", havingValue = "true")
    KekRotationCommand kekRotationCommand(MonitoringCredentials credentials, ConfigurableApplicationContext context) {
        return new KekRotationCommand(credentials, status -> System.exit(KekRotationCommand.exit(context, status)));
    }

}
