package com.cksconsole.audit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The key of the keyed chain: each row's {@code link} is HMAC-SHA-256 under it of the
 * row's seq, the link before it and the row's (public) hash. It lives in the console's
 * configuration or secret store, never in the database, so the database login alone
 * cannot make a valid link.
 *
 * <p>
 * Link, version 1: lower-case hex HMAC-SHA-256 of the UTF-8 bytes of
 * {@code cks-audit-link-v1\n} followed by seq, previous link and hash, each written as
 * {@code <n>:<value>\n} as in {@link CanonicalForm}. The previous link of the first keyed
 * row ({@code keyed_from}) is its {@code prev_hash}.
 */
final class ChainKey {

    static final int MIN_KEY_BYTES = 32;

    private static final String HEADER = "cks-audit-link-v1\n";

    private final byte[] key;

    private final String id;

    private ChainKey(byte[] key) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("console.audit.chain-key must decode to at least " + MIN_KEY_BYTES
                    + " bytes (e.g. the output of 'openssl rand -base64 32')");
        }
        this.key = key.clone();
        this.id = HexFormat.of()
            .formatHex(mac("cks-audit-chain-key-id".getBytes(StandardCharsets.UTF_8)))
            .substring(0, 8);
    }

    /**
     * @param base64 the configured key, Base64 of at least 32 random bytes
     */
    static ChainKey ofBase64(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        }
        catch (IllegalArgumentException e) {
            throw new IllegalStateException("console.audit.chain-key is not Base64 (use 'openssl rand -base64 32')");
        }
        try {
            return new ChainKey(decoded);
        }
        finally {
            Arrays.fill(decoded, (byte) 0);
        }
    }

    /**
     * The key's ID, part of every checkpoint: a changed key is visible, the key is not.
     */
    String id() {
        return id;
    }

    /**
     * The link of the row at {@code seq} whose public hash is {@code hash}, after
     * {@code previousLink}.
     */
    String link(long seq, String previousLink, String hash) {
        var text = new ByteArrayOutputStream(256);
        text.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        CanonicalForm.field(text, Long.toString(seq));
        CanonicalForm.field(text, previousLink);
        CanonicalForm.field(text, hash);
        return HexFormat.of().formatHex(mac(text.toByteArray()));
    }

    /**
     * The previous link of the row at {@code seq}: the link before it, or its prev_hash
     * where the keyed chain starts.
     */
    static String previousLink(long seq, long keyedFrom, @Nullable String linkBefore, String prevHash) {
        return seq == keyedFrom || linkBefore == null ? prevHash : linkBefore;
    }

    private byte[] mac(byte[] data) {
        return FingerprintKey.hmacSha256(key, data);
    }

    @Override
    public String toString() {
        return "ChainKey[id=" + id + "]";
    }

}
