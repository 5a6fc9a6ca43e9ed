package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.cksconsole.support.MigratedH2;
import com.cksconsole.support.MutableClock;

/**
 * Keyed fingerprints of secrets: the same secret under the same key always gives the same
 * fingerprint, another key another one, the secret and the key never show, and in sandbox
 * mode without a configured key one key is generated, stored and kept.
 */
class SecretFingerprinterTest {

    private static final String KEY = AuditFixture.FINGERPRINT_KEY;

    private static final String OTHER_KEY = "another-fingerprint-key-0123456789abcdef";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T09:30:00Z"));

    /** A database that is never reached: a configured key needs none. */
    private static final JdbcClient NO_DATABASE = JdbcClient.create(new DriverManagerDataSource("jdbc:h2:mem:unused"));

    private static SecretFingerprinter configured(String key) {
        return new SecretFingerprinter(key, false, NO_DATABASE, Clock.systemUTC());
    }

    /** The sandbox database, migrated once (the tests start with no stored key). */
    private static DriverManagerDataSource database;

    @BeforeAll
    static void migrate() {
        database = MigratedH2.newDatabase();
    }

    @BeforeEach
    void noStoredKey() {
        JdbcClient.create(database).sql("delete from audit_fingerprint_key").update();
    }

    private static String hmacHex(String key, String secret) throws Exception {
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
    }

    private static String storedKey(JdbcClient jdbc) {
        return jdbc.sql("select key_value from audit_fingerprint_key where id = 1").query(String.class).single();
    }

    /**
     * A fingerprint is {@code hmac-sha256:<key ID>:<HMAC in hex>}, the same for the same
     * secret under the same key (also after a restart), another for another secret.
     */
    @Test
    void theSameSecretUnderTheSameKeyAlwaysHasTheSameFingerprint() throws Exception {
        var fingerprinter = configured(KEY);
        String fingerprint = fingerprinter.fingerprint("Finance2026");

        assertThat(fingerprint).isEqualTo("hmac-sha256:" + fingerprinter.keyId() + ":" + hmacHex(KEY, "Finance2026"))
            .isEqualTo(configured(KEY).fingerprint("Finance2026"))
            .isNotEqualTo(fingerprinter.fingerprint("Finance2027"));
        assertThat(fingerprinter.keyId()).matches("[0-9a-f]{8}");
    }

    /**
     * Another key gives another fingerprint of the same secret and another key ID, so
     * that a key change is visible in the log.
     */
    @Test
    void anotherKeyGivesAnotherFingerprintAndAnotherKeyId() {
        var one = configured(KEY);
        var other = configured(OTHER_KEY);

        assertThat(other.keyId()).isNotEqualTo(one.keyId());
        assertThat(other.fingerprint("Finance2026")).isNotEqualTo(one.fingerprint("Finance2026"))
            .startsWith("hmac-sha256:" + other.keyId() + ":");
    }

    /**
     * The fingerprint holds neither the secret nor the key, and neither the fingerprinter
     * nor its key shows the key when printed.
     */
    @Test
    void neitherTheSecretNorTheKeyEverShows() {
        var fingerprinter = configured(KEY);
        String fingerprint = fingerprinter.fingerprint("Finance2026");

        assertThat(fingerprint).doesNotContain("Finance2026")
            .doesNotContain(HexFormat.of().formatHex("Finance2026".getBytes(StandardCharsets.UTF_8)))
            .doesNotContain(KEY);
        assertThat(fingerprinter).hasToString("SecretFingerprinter[<key hidden>]");
        var key = new FingerprintKey(KEY);
        assertThat(key).hasToString("FingerprintKey[id=" + fingerprinter.keyId() + "]");
        assertThat(key.id()).isEqualTo(fingerprinter.keyId());
    }

    /**
     * An auditor's candidate secret matches the fingerprint of that secret only: not
     * another secret, not the same secret's fingerprint under another key.
     */
    @Test
    void aCandidateMatchesOnlyTheFingerprintOfThatSecretUnderThisKey() {
        var fingerprinter = configured(KEY);
        String fingerprint = fingerprinter.fingerprint("Finance2026");

        assertThat(fingerprinter.matches(fingerprint, "Finance2026")).isTrue();
        assertThat(fingerprinter.matches(fingerprint, "Finance2027")).isFalse();
        assertThat(fingerprinter.matches(fingerprint, "")).isFalse();
        assertThat(configured(OTHER_KEY).matches(fingerprint, "Finance2026")).isFalse();
    }

    /**
     * A configured key must have at least 32 characters, in sandbox mode too: 31 are
     * refused, 32 accepted.
     */
    @Test
    void aConfiguredKeyOfFewerThan32CharactersIsRefusedInEveryMode() {
        assertThatThrownBy(() -> configured("k".repeat(AuditProperties.MIN_KEY_LENGTH - 1)))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("at least 32");
        assertThat(configured("k".repeat(AuditProperties.MIN_KEY_LENGTH)).fingerprint("s")).startsWith("hmac-sha256:");
    }

    /**
     * A blank key is no key: required in aws mode, replaced by the stored one in sandbox.
     */
    @Test
    void aBlankKeyCountsAsNoKey() throws Exception {
        assertThatThrownBy(() -> new SecretFingerprinter("   ", true, NO_DATABASE, clock))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("required in aws mode");

        var jdbc = JdbcClient.create(database);
        var fingerprinter = new SecretFingerprinter("   ", false, jdbc, clock);
        assertThat(fingerprinter.fingerprint("Finance2026")).endsWith(":" + hmacHex(storedKey(jdbc), "Finance2026"));
    }

    /**
     * In sandbox mode without a key, the first use generates a random key of 32 bytes
     * (Base64), stores it with the time it was made, and a restarted console uses the
     * same key.
     */
    @Test
    void inSandboxModeAGeneratedKeyIsStoredAndKeptAcrossRestarts() throws Exception {
        var jdbc = JdbcClient.create(database);
        assertThatNoException().as("nothing is generated before the first use")
            .isThrownBy(() -> new SecretFingerprinter(null, false, jdbc, clock));
        assertThat(jdbc.sql("select count(*) from audit_fingerprint_key").query(Integer.class).single()).isZero();

        String fingerprint = new SecretFingerprinter(null, false, jdbc, clock).fingerprint("Finance2026");

        String stored = storedKey(jdbc);
        assertThat(Base64.getDecoder().decode(stored)).hasSize(32);
        assertThat(fingerprint).endsWith(":" + hmacHex(stored, "Finance2026"));
        assertThat(jdbc.sql("select created_at from audit_fingerprint_key")
            .query(OffsetDateTime.class)
            .single()
            .toInstant()).isEqualTo(clock.instant());
        assertThat(new SecretFingerprinter(null, false, jdbc, clock).fingerprint("Finance2026")).as("after a restart")
            .isEqualTo(fingerprint);
    }

    /** Each sandbox database gets its own random key. */
    @Test
    void twoSandboxDatabasesGetDifferentKeys() {
        var jdbc = JdbcClient.create(database);
        String one = new SecretFingerprinter(null, false, jdbc, clock).keyId();
        noStoredKey();

        assertThat(new SecretFingerprinter(null, false, jdbc, clock).keyId()).as("the next empty database")
            .isNotEqualTo(one);
    }

    /** A key already in the database is used as it is. */
    @Test
    void aStoredKeyIsUsedAsItIs() throws Exception {
        var jdbc = JdbcClient.create(database);
        jdbc.sql("insert into audit_fingerprint_key (id, key_value, created_at) values (1, :key, :now)")
            .param("key", OTHER_KEY)
            .param("now", OffsetDateTime.parse("2026-01-01T00:00:00Z"))
            .update();

        var fingerprinter = new SecretFingerprinter(null, false, jdbc, clock);

        assertThat(fingerprinter.fingerprint("Finance2026"))
            .isEqualTo("hmac-sha256:" + new FingerprintKey(OTHER_KEY).id() + ":" + hmacHex(OTHER_KEY, "Finance2026"));
    }

    /**
     * The key is read once: fingerprints made by one running console stay comparable even
     * if the stored key changes under it.
     */
    @Test
    void theKeyIsReadOnceAndKept() {
        var jdbc = JdbcClient.create(database);
        var fingerprinter = new SecretFingerprinter(null, false, jdbc, clock);
        String first = fingerprinter.fingerprint("Finance2026");

        jdbc.sql("update audit_fingerprint_key set key_value = :key").param("key", OTHER_KEY).update();

        assertThat(fingerprinter.fingerprint("Finance2026")).isEqualTo(first);
    }

    /**
     * Several instances starting at once: when another one stores its key between this
     * one's look and its insert, this one uses the other's key (first insert wins).
     */
    @Test
    void whenAnotherInstanceStoresItsKeyFirstThatKeyIsUsed() throws Exception {
        var jdbc = JdbcClient.create(anotherInstanceInsertsFirst(database));

        String fingerprint = new SecretFingerprinter(null, false, jdbc, clock).fingerprint("Finance2026");

        assertThat(storedKey(JdbcClient.create(database))).isEqualTo(OTHER_KEY);
        assertThat(fingerprint).endsWith(":" + hmacHex(OTHER_KEY, "Finance2026"));
    }

    /**
     * A data source whose connections, just before this instance's insert of the key, let
     * "another instance" insert its key (OTHER_KEY) through a connection of its own.
     */
    private static DataSource anotherInstanceInsertsFirst(DriverManagerDataSource database) {
        return new DriverManagerDataSource(database.getUrl(), "sa", "") {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = database.getConnection();
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] { Connection.class }, (proxy, method, args) -> {
                            if (method.getName().equals("prepareStatement")
                                    && args[0].toString().startsWith("insert into audit_fingerprint_key")) {
                                JdbcClient.create(database)
                                    .sql("insert into audit_fingerprint_key (id, key_value, created_at) "
                                            + "values (1, :key, current_timestamp)")
                                    .param("key", OTHER_KEY)
                                    .update();
                            }
                            try {
                                return method.invoke(real, args);
                            }
                            catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }

    /**
     * The encoder's buffer is wiped once its bytes are taken, spare capacity included; a
     * buffer without an accessible array is read all the same.
     */
    @Test
    void theEncodedSecretIsTakenAndItsBufferWiped() {
        byte[] array = "xxFinance2026yy".getBytes(StandardCharsets.US_ASCII);
        var heap = ByteBuffer.wrap(array, 2, 11);

        assertThat(SecretFingerprinter.takeWiping(heap)).asString(StandardCharsets.US_ASCII).isEqualTo("Finance2026");
        assertThat(array).containsOnly(0);

        var direct = ByteBuffer.allocateDirect(16).put("Finance2026".getBytes(StandardCharsets.US_ASCII)).flip();
        assertThat(SecretFingerprinter.takeWiping(direct)).asString(StandardCharsets.US_ASCII).isEqualTo("Finance2026");
    }

    /** The key wipes the bytes of the secret it has fingerprinted. */
    @Test
    void theKeyWipesTheSecretsBytesOnceFingerprinted() throws Exception {
        byte[] secret = "Finance2026".getBytes(StandardCharsets.UTF_8);

        byte[] mac = new FingerprintKey(KEY).mac(secret);

        assertThat(HexFormat.of().formatHex(mac)).isEqualTo(hmacHex(KEY, "Finance2026"));
        assertThat(secret).containsOnly(0);
    }

}
