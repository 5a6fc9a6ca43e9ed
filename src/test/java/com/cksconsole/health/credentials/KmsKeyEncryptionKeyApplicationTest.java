package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.KmsException;

import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.support.SandboxCustomerCa;
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
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KmsKeyEncryptionKeyApplicationTest {

    static final String SPARE_CLUSTER = "cluster-h5vq2xw7zpm";

    static final String SPARE_CLUSTER_PASSWORD = "SpareCluster9";

    static final String SECRET = MonitoringCredentialsTest.SECRET;

    @LocalServerPort
    int port;

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>();

    private final List<AuditIntent> audited = new ArrayList<>();

    private KmsClient kms;

    private KmsTarget target;

    private KeyStoreRef store;

    private KeyStoreRef otherStore;

    private TargetKmsCalls calls;

    private JdbcClient jdbc;

    private MonitoringCredentials credentials;

    private KmsKeyEncryptionKey kmsKek;

    /** A Region no other test uses: they count the keys of the seeded stores. */
    static final String REGION = "me-central-1";

    private String storeId;

    /**
     * A CloudHSM key store connected in this class's own Region (the sandbox makes KMS
     * keys only in custom key stores).
     */
    @BeforeAll
    void openRegion() {
        target = new KmsTarget(SandboxDefaults.ACCOUNT_ID, REGION);
        store = new KeyStoreRef(target, "cks-1234567890abcdef0");
        otherStore = new KeyStoreRef(target, "cks-0fedcba0987654321");
        kms = KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .region(Region.of(REGION))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .build();
        calls = new SdkCalls(kms);
        storeId = connectedCloudHsmStore();
    }

    /** A fresh database, and a fresh KMS key as the KEK (one test disables its key). */
    @BeforeEach
    void setUp() {
        DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        credentials = new MonitoringCredentials(new CredentialRepository(jdbc), keys::get,
                new EnvelopeCipher(new SecureRandom()), ref -> Optional.empty(), audited::add,
                new DataSourceTransactionManager(dataSource), new MutableClock(Instant.parse("2026-12-06T00:00:00Z")));
        kmsKek = KmsKeyEncryptionKey.of(newKmsKey(), target, calls);
        keys.set(new KeyEncryptionKeys(kmsKek, List.of()));
    }

    @AfterAll
    void closeClient() {
        kms.close();
    }

    private String connectedCloudHsmStore() {
        String id = kms
            .createCustomKeyStore(request -> request.customKeyStoreName("kek-store")
                .cloudHsmClusterId(SPARE_CLUSTER)
                .trustAnchorCertificate(
                        new String(SandboxCustomerCa.of(port, SPARE_CLUSTER), StandardCharsets.US_ASCII))
                .keyStorePassword(SPARE_CLUSTER_PASSWORD))
            .customKeyStoreId();
        kms.connectCustomKeyStore(request -> request.customKeyStoreId(id));
        await().atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(50))
            .until(() -> kms.describeCustomKeyStores(request -> request.customKeyStoreId(id))
                .customKeyStores()
                .get(0)
                .connectionState() == ConnectionStateType.CONNECTED);
        return id;
    }

    private String newKmsKey() {
        return kms
            .createKey(request -> request.description("monitoring credentials KEK (test)")
                .origin(OriginType.AWS_CLOUDHSM)
                .customKeyStoreId(storeId))
            .keyMetadata()
            .keyId();
    }

    /**
     * The target's calls as the keystore module makes them, reduced to the KMS error name
     * as {@code KmsCallException} carries it, on this test's own client.
     */
    record SdkCalls(KmsClient client) implements TargetKmsCalls {

        @Override
        public <T> T call(String operation, KmsTarget target, Function<KmsClient, T> call) {
            try {
                return call.apply(client);
            }
            catch (KmsException e) {
                throw new KmsCallException(operation,
                        new KmsFailure(KmsFailureKind.REFUSED, e.awsErrorDetails().errorCode(), e.requestId()));
            }
        }

    }

    private static MonitoringCredential credential() {
        return new MonitoringCredential(MonitoringCredentialsTest.ACCESS_KEY_ID, Secret.of(SECRET));
    }

    @Test
    void aCredentialUnderAKmsKeyDecryptsToTheSameSecretAndNamesTheKeyInItsRow() {
        credentials.put(store, credential(), "alice");

        assertThat(credentials.find(store).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
        var row = jdbc.sql("select kek_id, encrypted_data_key, ciphertext from monitoring_credential")
            .query()
            .singleRow();
        assertThat(row.get("kek_id")).isEqualTo(kmsKek.id()).asString().startsWith("kms-");
        assertThat(row.values()).noneMatch(value -> String.valueOf(value).contains(SECRET));
    }

    @Test
    void aRowCopiedOntoAnotherStoreDoesNotDecryptBecauseKmsChecksTheEncryptionContext() {
        credentials.put(store, credential(), "alice");
        jdbc.sql("update monitoring_credential set key_store_id = :other")
            .param("other", otherStore.keyStoreId())
            .update();

        assertThatThrownBy(() -> credentials.find(otherStore)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("could not be decrypted");
    }

    @Test
    void aRotationMovesRowsFromTheAesKeyOntoTheKmsKey() {
        var aes = MonitoringCredentialsTest.kek("aes-1");
        keys.set(new KeyEncryptionKeys(aes, List.of()));
        credentials.put(store, credential(), "alice");
        keys.set(new KeyEncryptionKeys(kmsKek, List.of(aes)));

        KekRotationReport report = credentials.rotateKeyEncryptionKey();

        assertThat(report.rotated()).isEqualTo(1);
        keys.set(new KeyEncryptionKeys(kmsKek, List.of()));
        assertThat(credentials.find(store).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aDisabledKmsKeyMakesTheCredentialUnreadableWithTheKmsErrorNamed() {
        credentials.put(store, credential(), "alice");
        calls.call("DisableKey", target, client -> client.disableKey(request -> request.keyId(kmsKek.keyId())));
        KeyState state = calls.call("DescribeKey", target,
                client -> client.describeKey(request -> request.keyId(kmsKek.keyId())).keyMetadata().keyState());
        assertThat(state).isEqualTo(KeyState.DISABLED);

        assertThatThrownBy(() -> credentials.find(store)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("Decrypt")
            .hasMessageContaining("DisabledException")
            .hasMessageNotContaining(SECRET);
    }

}
