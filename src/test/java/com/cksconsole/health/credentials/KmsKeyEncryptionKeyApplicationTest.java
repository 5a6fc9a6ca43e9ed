package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.health.credentials.internal.KmsKeyEncryptionKey;
import com.cksconsole.keystore.SeededKeyStores;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.TargetKmsCalls;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.MutableClock;

/**
 * A KMS key as the monitoring credentials' key-encryption key, through the real SDK
 * client of a target against the sandbox KMS over HTTP: GenerateDataKey for new rows,
 * Decrypt to read them, Encrypt when a rotation moves rows from an AES key onto it, and
 * the row's binding as encryption context.
 */
@ConsoleApplicationTest
class KmsKeyEncryptionKeyApplicationTest {

    static final KmsTarget SANDBOX = new KmsTarget("111122223333", "us-east-1");

    static final KeyStoreRef STORE = new KeyStoreRef(SANDBOX, "cks-1234567890abcdef0");

    static final KeyStoreRef OTHER_STORE = new KeyStoreRef(SANDBOX, "cks-0fedcba0987654321");

    static final String SECRET = MonitoringCredentialsTest.SECRET;

    @Autowired
    TargetKmsCalls calls;

    @Autowired
    ApplicationContext context;

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>();

    private final List<AuditIntent> audited = new ArrayList<>();

    private JdbcClient jdbc;

    private MonitoringCredentials credentials;

    private KmsKeyEncryptionKey kmsKek;

    @BeforeEach
    void setUp() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        credentials = new MonitoringCredentials(new CredentialRepository(jdbc), keys::get,
                new EnvelopeCipher(new SecureRandom()), store -> Optional.empty(), audited::add,
                new DataSourceTransactionManager(dataSource), new MutableClock(Instant.parse("2026-12-06T00:00:00Z")));
        kmsKek = KmsKeyEncryptionKey.of(newKmsKey(), SANDBOX, calls);
        keys.set(new KeyEncryptionKeys(kmsKek, List.of()));
    }

    /**
     * A new key of its own (the test disables it), in the seeded CloudHSM key store: the
     * sandbox makes KMS keys only in custom key stores.
     */
    private String newKmsKey() {
        SeededKeyStores.of(context).ensureConnected(SeededKeyStores.FINANCE_HSM);
        return calls.call("CreateKey", SANDBOX,
                client -> client.createKey(request -> request.description("monitoring credentials KEK (test)")
                    .origin(OriginType.AWS_CLOUDHSM)
                    .customKeyStoreId(SeededKeyStores.FINANCE_HSM)))
            .keyMetadata()
            .keyId();
    }

    private static MonitoringCredential credential() {
        return new MonitoringCredential(MonitoringCredentialsTest.ACCESS_KEY_ID, Secret.of(SECRET));
    }

    @Test
    void aCredentialUnderAKmsKeyDecryptsToTheSameSecretAndNamesTheKeyInItsRow() {
        credentials.put(STORE, credential(), "alice");

        assertThat(credentials.find(STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
        var row = jdbc.sql("select kek_id, encrypted_data_key, ciphertext from monitoring_credential")
            .query()
            .singleRow();
        assertThat(row.get("kek_id")).isEqualTo(kmsKek.id()).asString().startsWith("kms-");
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(SECRET));
    }

    @Test
    void aRowCopiedOntoAnotherStoreDoesNotDecryptBecauseKmsChecksTheEncryptionContext() {
        credentials.put(STORE, credential(), "alice");
        jdbc.sql("update monitoring_credential set key_store_id = :other")
            .param("other", OTHER_STORE.keyStoreId())
            .update();

        assertThatThrownBy(() -> credentials.find(OTHER_STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("could not be decrypted");
    }

    @Test
    void aRotationMovesRowsFromTheAesKeyOntoTheKmsKey() {
        var aes = MonitoringCredentialsTest.kek("aes-1");
        keys.set(new KeyEncryptionKeys(aes, List.of()));
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(kmsKek, List.of(aes)));

        KekRotationReport report = credentials.rotateKeyEncryptionKey();

        assertThat(report.rotated()).isEqualTo(1);
        keys.set(new KeyEncryptionKeys(kmsKek, List.of()));
        assertThat(credentials.find(STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aDisabledKmsKeyMakesTheCredentialUnreadableWithTheKmsErrorNamed() {
        credentials.put(STORE, credential(), "alice");
        calls.call("DisableKey", SANDBOX, client -> client.disableKey(request -> request.keyId(kmsKek.keyId())));
        KeyState state = calls.call("DescribeKey", SANDBOX,
                client -> client.describeKey(request -> request.keyId(kmsKek.keyId())).keyMetadata().keyState());
        assertThat(state).isEqualTo(KeyState.DISABLED);

        assertThatThrownBy(() -> credentials.find(STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("Decrypt")
            .hasMessageContaining("DisabledException")
            .hasMessageNotContaining(SECRET);
    }

}
