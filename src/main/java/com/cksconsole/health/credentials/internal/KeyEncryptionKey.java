package com.cksconsole.health.credentials.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key-encryption key (KEK): an AES-256 key from configuration that encrypts the data
 * keys of the monitoring credentials. Its ID is stored with each row, so that a rotation
 * knows which rows are still under an older KEK. {@link #toString()} never shows the key.
 */
public final class KeyEncryptionKey implements Kek {

    public static final int LENGTH_BYTES = 32;

    private static final int MAX_ID_LENGTH = 64;

    private final String id;

    private final SecretKey key;

    private KeyEncryptionKey(String id, SecretKey key) {
        this.id = id;
        this.key = key;
    }

    /**
     * @param id a name of at most 64 characters; blank: derived from the key (the first 8
     * bytes of its SHA-256, {@code sha256-<hex>}), so that the same key always has the
     * same ID
     * @param base64 Base64 of 32 random bytes ({@code openssl rand -base64 32})
     * @param property the property that holds it, for the error message
     * @throws IllegalArgumentException not Base64 of 32 bytes (the message never shows
     * the value)
     */
    public static KeyEncryptionKey ofBase64(String id, String base64, String property) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(property + " is not Base64: set it to 'openssl rand -base64 32'");
        }
        if (bytes.length != LENGTH_BYTES) {
            throw new IllegalArgumentException(property + " must be Base64 of " + LENGTH_BYTES
                    + " bytes (AES-256), not " + bytes.length + ": set it to 'openssl rand -base64 32'");
        }
        String keyId = id.isBlank() ? derivedId(bytes) : id.strip();
        if (keyId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException(
                    "The ID of " + property + " has more than " + MAX_ID_LENGTH + " characters");
        }
        return new KeyEncryptionKey(keyId, new SecretKeySpec(bytes, "AES"));
    }

    private static String derivedId(byte[] key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest(("cks-console kek id\n" + Base64.getEncoder().encodeToString(key))
                    .getBytes(StandardCharsets.US_ASCII));
            return "sha256-" + HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String id() {
        return id;
    }

    SecretKey key() {
        return key;
    }

    @Override
    public String toString() {
        return "KeyEncryptionKey[id=" + id + ", key=<redacted>]";
    }

}
