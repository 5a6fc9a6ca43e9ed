package com.cksconsole.keystore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 fingerprint of a key store as Describe returned it, for lost-update
 * protection: the edit form carries the fingerprint of the store it was filled from, and
 * applying is refused when the store's current fingerprint differs. Each property is
 * written as {@code name=<length>:<value>} (or {@code name=-} when absent) in the fixed
 * order of {@link CustomKeyStore#describedProperties()}, so no two different stores can
 * produce the same input text.
 */
public final class KeyStoreFingerprint {

    private KeyStoreFingerprint() {
    }

    public static String of(CustomKeyStore store) {
        var canonical = new StringBuilder();
        for (var property : store.describedProperties()) {
            canonical.append(property.name()).append('=');
            if (property.value() == null) {
                canonical.append('-');
            }
            else {
                canonical.append(property.value().length()).append(':').append(property.value());
            }
            canonical.append('\n');
        }
        return HexFormat.of().formatHex(sha256(canonical.toString()));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    }

}
