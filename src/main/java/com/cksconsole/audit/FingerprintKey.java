package com.cksconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server-side key of the secret fingerprints. Its ID (derived from the key by HMAC,
 * so it reveals nothing) is part of each fingerprint, so that a key change is visible in
 * the log.
 */
final class FingerprintKey {

    static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private final String id;

    FingerprintKey(String keyText) {
        this.key = keyText.getBytes(StandardCharsets.UTF_8);
        this.id = HexFormat.of()
            .formatHex(mac("cks-audit-fingerprint-key-id".getBytes(StandardCharsets.UTF_8)))
            .substring(0, 8);
    }

    String id() {
        return id;
    }

    byte[] mac(byte[] data) {
        try {
            return hmacSha256(key, data);
        }
        finally {
            Arrays.fill(data, (byte) 0);
        }
    }

    /**
     * HMAC-SHA-256 of {@code data} under {@code key} (also the keyed chain's MAC, see
     * {@link ChainKey}).
     */
    static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(data);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 is part of every JRE", e);
        }
    }

    @Override
    public String toString() {
        return "FingerprintKey[id=" + id + "]";
    }

}
