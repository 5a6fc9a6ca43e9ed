package com.cksconsole.audit;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Keyed fingerprints (HMAC-SHA-256) of secrets, so that an auditor holding a candidate
 * secret can confirm which one was set without the log ever revealing it. The key is
 * {@code console.audit.fingerprint-key}; in sandbox mode without one, a key is generated
 * at the first start and kept in {@code audit_fingerprint_key}, so fingerprints stay
 * comparable across restarts.
 */
class SecretFingerprinter {

    private static final Logger log = LoggerFactory.getLogger(SecretFingerprinter.class);

    private static final String PREFIX = "hmac-sha256:";

    private final @Nullable String configuredKey;

    private final JdbcClient jdbc;

    private final Clock clock;

    private @Nullable FingerprintKey key;

    /**
     * @param awsMode true when the console manages real KMS: then a configured key is
     * required
     * @throws IllegalStateException when the key is missing in aws mode or too short
     */
    SecretFingerprinter(@Nullable String configuredKey, boolean awsMode, JdbcClient jdbc, Clock clock) {
        if (configuredKey != null && !configuredKey.isBlank()
                && configuredKey.length() < AuditProperties.MIN_KEY_LENGTH) {
            throw new IllegalStateException("console.audit.fingerprint-key must have at least "
                    + AuditProperties.MIN_KEY_LENGTH + " characters (e.g. the output of 'openssl rand -base64 32')");
        }
        if ((configuredKey == null || configuredKey.isBlank()) && awsMode) {
            throw new IllegalStateException("console.audit.fingerprint-key is required in aws mode: set it to a "
                    + "stable random value of at least " + AuditProperties.MIN_KEY_LENGTH
                    + " characters (e.g. 'openssl rand -base64 32') kept in your secret store");
        }
        this.configuredKey = configuredKey == null || configuredKey.isBlank() ? null : configuredKey;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A SECRET_REPLACED parameter holding only the fingerprint of {@code secret}. */
    AuditParameter secretReplaced(String name, CharSequence secret) {
        return AuditParameter.secretReplaced(name, fingerprint(secret));
    }

    String fingerprint(CharSequence secret) {
        byte[] bytes = takeWiping(StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret)));
        var current = key();
        return PREFIX + current.id() + ":" + HexFormat.of().formatHex(current.mac(bytes));
    }

    /**
     * The bytes left in {@code encoded}; its array (when it has an accessible one) is
     * wiped, spare capacity included, so that the encoder's copy of the secret does not
     * stay in memory. {@link FingerprintKey#mac} wipes the returned copy.
     */
    static byte[] takeWiping(ByteBuffer encoded) {
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    /**
     * Whether {@code candidate} is the secret behind {@code fingerprint} (constant-time
     * comparison).
     */
    boolean matches(String fingerprint, CharSequence candidate) {
        return MessageDigest.isEqual(fingerprint.getBytes(StandardCharsets.US_ASCII),
                fingerprint(candidate).getBytes(StandardCharsets.US_ASCII));
    }

    /** The ID of the key in use (part of every fingerprint made under it). */
    String keyId() {
        return key().id();
    }

    /**
     * The key, made at the first use (the sandbox key is read from the database, which is
     * not migrated yet when this is constructed) and then kept.
     */
    private synchronized FingerprintKey key() {
        var current = key;
        if (current == null) {
            current = new FingerprintKey(configuredKey != null ? configuredKey : storedKey());
            key = current;
        }
        return current;
    }

    /**
     * The sandbox key from the database, generated at the first start (several instances:
     * first insert wins).
     */
    private String storedKey() {
        var stored = jdbc.sql("select key_value from audit_fingerprint_key where id = 1")
            .query(String.class)
            .optional();
        if (stored.isPresent()) {
            return stored.get();
        }
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String generated = Base64.getEncoder().encodeToString(random);
        try {
            jdbc.sql("insert into audit_fingerprint_key (id, key_value, created_at) values (1, :key, :now)")
                .param("key", generated)
                .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
            log.warn("Generated the audit fingerprint key and stored it in the database (sandbox mode). "
                    + "Production must set console.audit.fingerprint-key.");
            return generated;
        }
        catch (DuplicateKeyException anotherInstanceWasFirst) {
            return jdbc.sql("select key_value from audit_fingerprint_key where id = 1").query(String.class).single();
        }
    }

    @Override
    public String toString() {
        return "SecretFingerprinter[<key hidden>]";
    }

}
