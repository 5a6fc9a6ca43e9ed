package com.cksconsole.rotation;

import java.security.SecureRandom;
import java.util.Base64;

import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;

/**
 * Makes new XKS proxy authentication credentials from {@link SecureRandom}, in the shape
 * KMS requires (KMS API Reference, XksProxyAuthenticationCredentialType): an access key
 * ID of 20 to 30 characters from A-Z and 2-7, and a raw secret access key of 43 to 64
 * characters of Base64.
 */
final class NewCredentials {

    /** A-Z and 2-7: RFC 4648's Base32 alphabet, the characters KMS allows in the ID. */
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    /** 24 characters of 5 bits: 120 random bits, far beyond any chance of two alike. */
    static final int ACCESS_KEY_ID_LENGTH = 24;

    /**
     * 32 random bytes: 256 bits, in Base64 44 characters with one {@code =}, the form
     * {@code openssl rand -base64 32} gives.
     */
    static final int SECRET_BYTES = 32;

    private final SecureRandom random;

    NewCredentials(SecureRandom random) {
        this.random = random;
    }

    XksCredential generate() {
        var id = new StringBuilder(ACCESS_KEY_ID_LENGTH);
        for (int i = 0; i < ACCESS_KEY_ID_LENGTH; i++) {
            id.append(BASE32[random.nextInt(BASE32.length)]);
        }
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return new XksCredential(id.toString(), Secret.of(Base64.getEncoder().encodeToString(secret)));
    }

}
