package com.cksconsole.health.credentials;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.audit.AuditIntent;
import com.cksconsole.audit.AuditParameter;
import com.cksconsole.health.credentials.internal.CredentialRepository;
import com.cksconsole.health.credentials.internal.EnvelopeCipher;
import com.cksconsole.health.credentials.internal.KeyEncryptionKey;
import com.cksconsole.health.credentials.internal.KeyEncryptionKeys;
import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.MutableClock;

/**
 * The monitoring credential service on a real (H2) database: envelope encryption with
 * AES-256-GCM, the AAD binding each row to its store, KEK rotation, the refusal of KMS's
 * own credential, audit events and the secret kept out of logs and the table.
 */
@ExtendWith(OutputCaptureExtension.class)
class MonitoringCredentialsTest {

    static final Instant T0 = Instant.parse("2026-12-06T02:00:00Z");

    static final KeyStoreRef STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-1234567890abcdef0");

    static final KeyStoreRef OTHER_STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-0fedcba0987654321");

    static final String KMS_ACCESS_KEY_ID = "KMSUSESTHISKEYID2345";

    static final String ACCESS_KEY_ID = "MONITORINGKEYID23456";

    static final String SECRET = "bW9uaXRvcmluZy1zZWNyZXQtbmV2ZXItaW4tcGxhaW50ZXh0";

    static final KeyEncryptionKey KEK_1 = kek("kek-1");

    static final KeyEncryptionKey KEK_2 = kek("kek-2");

    private final AtomicReference<KeyEncryptionKeys> keys = new AtomicReference<>(
            new KeyEncryptionKeys(KEK_1, List.of()));

    private final List<AuditIntent> audited = new ArrayList<>();

    private final MutableClock clock = new MutableClock(T0);

    private DataSource dataSource;

    private JdbcClient jdbc;

    private MonitoringCredentials credentials;

    @BeforeEach
    void setUp() {
        dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(dataSource);
        credentials = new MonitoringCredentials(new CredentialRepository(jdbc), keys::get,
                new EnvelopeCipher(new SecureRandom()),
                store -> store.equals(STORE) ? Optional.of(KMS_ACCESS_KEY_ID) : Optional.empty(), audited::add,
                new DataSourceTransactionManager(dataSource), clock);
    }

    static KeyEncryptionKey kek(String id) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return KeyEncryptionKey.ofBase64(id, Base64.getEncoder().encodeToString(key), "test");
    }

    static MonitoringCredential credential() {
        return new MonitoringCredential(ACCESS_KEY_ID, Secret.of(SECRET));
    }

    @Test
    void aStoredCredentialDecryptsToTheSameSecret() {
        credentials.put(STORE, credential(), "alice");

        MonitoringCredential found = credentials.find(STORE).orElseThrow();
        assertThat(found.accessKeyId()).isEqualTo(ACCESS_KEY_ID);
        assertThat(found.secretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(credentials.find(OTHER_STORE)).isEmpty();
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() {
        credentials.put(STORE, credential(), "alice");
        credentials.put(OTHER_STORE, credential(), "alice");

        List<String> ciphertexts = jdbc.sql("select ciphertext from monitoring_credential").query(String.class).list();
        assertThat(ciphertexts).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aTamperedCiphertextIsRefused() {
        credentials.put(STORE, credential(), "alice");
        byte[] ciphertext = Base64.getDecoder()
            .decode(jdbc.sql("select ciphertext from monitoring_credential").query(String.class).single());
        ciphertext[0] ^= 1;
        jdbc.sql("update monitoring_credential set ciphertext = :c")
            .param("c", Base64.getEncoder().encodeToString(ciphertext))
            .update();

        assertThatThrownBy(() -> credentials.find(STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("row was altered");
    }

    @Test
    void aRowCopiedOntoAnotherStoreIsRefused() {
        credentials.put(STORE, credential(), "alice");
        credentials.put(OTHER_STORE, new MonitoringCredential("OTHERSTOREKEYID23456", Secret.of("o".repeat(43))),
                "alice");
        // Swap: the other store's row gets this store's encrypted data key and
        // ciphertext.
        jdbc.sql("""
                update monitoring_credential set
                    (encrypted_data_key, iv, ciphertext, access_key_id) = (select encrypted_data_key, iv, ciphertext,
                        access_key_id from monitoring_credential where key_store_id = :from)
                where key_store_id = :to
                """).param("from", STORE.keyStoreId()).param("to", OTHER_STORE.keyStoreId()).update();

        assertThatThrownBy(() -> credentials.find(OTHER_STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining(OTHER_STORE.toString());
        assertThat(credentials.find(STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void aRowGivenAnotherAccessKeyIdIsRefused() {
        credentials.put(OTHER_STORE, credential(), "alice");
        jdbc.sql("update monitoring_credential set access_key_id = 'SOMEOTHERKEYID234567'").update();

        assertThatThrownBy(() -> credentials.find(OTHER_STORE)).isInstanceOf(CredentialUnreadableException.class);
    }

    @Test
    void anotherKeyUnderTheSameKekIdIsRefusedWithAClearError() {
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(kek("kek-1"), List.of()));

        assertThatThrownBy(() -> credentials.find(STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessage("The monitoring credential of " + STORE + " could not be decrypted: the configured "
                    + "key-encryption key 'kek-1' is not the key it was encrypted under, or the row was altered or "
                    + "copied from another store");
    }

    @Test
    void aRowUnderAKekThatIsNotConfiguredNamesTheProperty() {
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_2, List.of()));

        assertThatThrownBy(() -> credentials.find(STORE)).isInstanceOf(CredentialUnreadableException.class)
            .hasMessageContaining("'kek-1', which is not configured")
            .hasMessageContaining("console.health.credentials.previous-key-encryption-keys.kek-1");
    }

    @Test
    void rotationReencryptsEveryRowSoTheOldKekIsNoLongerNeeded() {
        credentials.put(STORE, credential(), "alice");
        credentials.put(OTHER_STORE, credential(), "bob");
        String ciphertextBefore = ciphertextOf(STORE);
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1)));

        KekRotationReport report = credentials.rotateKeyEncryptionKey();

        assertThat(report).isEqualTo(new KekRotationReport("kek-2", 2, 0, 0, List.of()));
        assertThat(jdbc.sql("select kek_id from monitoring_credential").query(String.class).list())
            .containsOnly("kek-2");
        assertThat(ciphertextOf(STORE)).as("only the data key is re-encrypted").isEqualTo(ciphertextBefore);
        keys.set(new KeyEncryptionKeys(KEK_2, List.of()));
        assertThat(credentials.find(STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(credentials.find(OTHER_STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void rotationRunAgainChangesNothing() {
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1)));
        credentials.rotateKeyEncryptionKey();
        String dataKey = jdbc.sql("select encrypted_data_key from monitoring_credential").query(String.class).single();

        assertThat(credentials.rotateKeyEncryptionKey()).isEqualTo(new KekRotationReport("kek-2", 0, 1, 0, List.of()));
        assertThat(jdbc.sql("select encrypted_data_key from monitoring_credential").query(String.class).single())
            .isEqualTo(dataKey);
    }

    @Test
    void rotationReportsRowsItCannotReadAndFinishesThemOnTheNextRun() {
        KeyEncryptionKey kek0 = kek("kek-0");
        keys.set(new KeyEncryptionKeys(kek0, List.of()));
        credentials.put(OTHER_STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_1, List.of(kek0)));
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1)));

        KekRotationReport first = credentials.rotateKeyEncryptionKey();

        assertThat(first.rotated()).isEqualTo(1);
        assertThat(first.complete()).isFalse();
        assertThat(first.failures()).singleElement()
            .asString()
            .contains(OTHER_STORE.toString())
            .contains("'kek-0', which is not configured");

        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1, kek0)));
        assertThat(credentials.rotateKeyEncryptionKey()).isEqualTo(new KekRotationReport("kek-2", 1, 1, 0, List.of()));
        keys.set(new KeyEncryptionKeys(KEK_2, List.of()));
        assertThat(credentials.find(OTHER_STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
        assertThat(credentials.find(STORE).orElseThrow().secretAccessKey().reveal()).isEqualTo(SECRET);
    }

    @Test
    void rotationWithTheWrongKeyUnderAnOldIdReportsTheRowAndLeavesIt() {
        credentials.put(OTHER_STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(kek("kek-1"))));

        KekRotationReport report = credentials.rotateKeyEncryptionKey();

        assertThat(report.rotated()).isZero();
        assertThat(report.failures()).singleElement().asString().contains("is not the key it was encrypted under");
        assertThat(jdbc.sql("select kek_id from monitoring_credential").query(String.class).single())
            .isEqualTo("kek-1");
    }

    @Test
    void kmsOwnAccessKeyIdIsRefused() {
        assertThatThrownBy(
                () -> credentials.put(STORE, new MonitoringCredential(KMS_ACCESS_KEY_ID, Secret.of(SECRET)), "alice"))
            .isInstanceOf(KmsCredentialReusedException.class)
            .hasMessageContaining(KMS_ACCESS_KEY_ID)
            .hasMessageNotContaining(SECRET);
        assertThat(credentials.find(STORE)).isEmpty();
        assertThat(audited).isEmpty();
    }

    @Test
    void putIsAuditedWithStoreAndAccessKeyIdButNotTheSecret() {
        credentials.put(STORE, credential(), "alice");

        assertThat(audited).singleElement().satisfies(intent -> {
            assertThat(intent.action()).isEqualTo(HealthCredentialAuditAction.MONITORING_CREDENTIAL_SET);
            assertThat(intent.target().storeId()).isEqualTo(STORE.keyStoreId());
            assertThat(intent.target().region()).isEqualTo("eu-west-1");
            assertThat(intent.target().accountId()).isEqualTo("111122223333");
            assertThat(intent.parameters()).containsExactly(AuditParameter.value("AccessKeyId", ACCESS_KEY_ID));
            assertThat(intent.toString()).doesNotContain(SECRET);
        });
    }

    @Test
    void removeDeletesTheCredentialAndIsAudited() {
        credentials.put(STORE, credential(), "alice");

        assertThat(credentials.remove(STORE, "bob")).isTrue();

        assertThat(credentials.find(STORE)).isEmpty();
        assertThat(audited).extracting(AuditIntent::action)
            .containsExactly(HealthCredentialAuditAction.MONITORING_CREDENTIAL_SET,
                    HealthCredentialAuditAction.MONITORING_CREDENTIAL_REMOVED);
        assertThat(audited.get(1).parameters()).containsExactly(AuditParameter.value("AccessKeyId", ACCESS_KEY_ID));
    }

    @Test
    void removingWhatIsNotThereIsNotAudited() {
        assertThat(credentials.remove(STORE, "bob")).isFalse();
        assertThat(audited).isEmpty();
    }

    @Test
    void anAuditFailureStoresNothing() {
        var failingAudit = new MonitoringCredentials(new CredentialRepository(jdbc), keys::get,
                new EnvelopeCipher(new SecureRandom()), store -> Optional.empty(), intent -> {
                    throw new IllegalStateException("audit log unavailable");
                }, new DataSourceTransactionManager(dataSource), clock);

        assertThatThrownBy(() -> failingAudit.put(STORE, credential(), "alice"))
            .isInstanceOf(IllegalStateException.class);
        assertThat(credentials.find(STORE)).isEmpty();
    }

    @Test
    void theAgeIsCountedFromWhenTheCredentialWasStored() {
        credentials.put(STORE, credential(), "alice");
        clock.advance(Duration.ofDays(91));

        assertThat(credentials.age(STORE)).contains(Duration.ofDays(91));
        assertThat(credentials.stored(STORE)).contains(new StoredCredential(STORE, ACCESS_KEY_ID, T0, "alice"));
        assertThat(credentials.age(OTHER_STORE)).isEmpty();
    }

    @Test
    void theSecretIsInNoColumnOfTheTable() {
        credentials.put(STORE, credential(), "alice");
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1)));
        credentials.rotateKeyEncryptionKey();

        List<Map<String, Object>> rows = jdbc.sql("select * from monitoring_credential").query().listOfRows();
        assertThat(rows).singleElement().satisfies(row -> assertThat(row.values()).allSatisfy(value -> {
            String text = String.valueOf(value);
            assertThat(text).doesNotContain(SECRET)
                .doesNotContain(Base64.getEncoder().encodeToString(SECRET.getBytes()))
                .doesNotContain(SECRET.substring(0, 16));
        }));
    }

    @Test
    void theSecretIsNeverLogged(CapturedOutput output) {
        credentials.put(STORE, credential(), "alice");
        credentials.find(STORE).ifPresent(found -> LoggerFactory.getLogger(getClass()).info("found {}", found));
        keys.set(new KeyEncryptionKeys(KEK_2, List.of(KEK_1)));
        credentials.rotateKeyEncryptionKey();
        keys.set(new KeyEncryptionKeys(kek("kek-2"), List.of()));
        assertThatThrownBy(() -> credentials.find(STORE)).isInstanceOf(CredentialUnreadableException.class);

        assertThat(output.getAll()).contains("found MonitoringCredential[accessKeyId=" + ACCESS_KEY_ID)
            .contains("KEK rotation to kek-2")
            .doesNotContain(SECRET)
            .doesNotContain(SECRET.substring(0, 16));
    }

    private String ciphertextOf(KeyStoreRef store) {
        return jdbc.sql("select ciphertext from monitoring_credential where key_store_id = :id")
            .param("id", store.keyStoreId())
            .query(String.class)
            .single();
    }

}
