package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The 256-bit AES key material of each KMS key: of the simulated HSM for CloudHSM keys,
 * of KMS's own inner layer for external keys (KMS Developer Guide, "External key stores",
 * double encryption). It is derived from a random sandbox secret (kept in the sandbox
 * tables, so every instance and restart derives the same) and the key ARN, so no key
 * material is stored and every KMS key has its own. Neither the secret nor derived
 * material is ever logged or returned.
 *
 * <p>
 * Sealed form: a fresh 12-byte IV, then the AES-256-GCM ciphertext with its 16-byte tag.
 */
final class SimulatedKeyMaterial {

    static final int IV_BYTES = 12;

    static final int TAG_BYTES = 16;

    private static final String CONTEXT = "cks-console sandbox KMS key material v1|";

    private final SecretKeySpec secret;

    private final SecureRandom random = new SecureRandom();

    SimulatedKeyMaterial(byte[] secret) {
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
    }

    byte[] seal(SandboxKey key, byte[] plaintext, byte[] aad) {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, key, iv);
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return out;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    /** Empty when the sealed bytes or the AAD are not what {@link #seal} was given. */
    Optional<byte[]> open(SandboxKey key, byte[] sealed, byte[] aad) {
        if (sealed.length < IV_BYTES + TAG_BYTES) {
            return Optional.empty();
        }
        try {
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, IV_BYTES));
            cipher.updateAAD(aad);
            return Optional.of(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES));
        }
        catch (AEADBadTagException tampered) {
            return Optional.empty();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    private Cipher cipher(int mode, SandboxKey key, byte[] iv) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(secret);
        byte[] material = mac.doFinal((CONTEXT + key.arn()).getBytes(StandardCharsets.UTF_8));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(material, "AES"), new GCMParameterSpec(TAG_BYTES * 8, iv));
            return cipher;
        }
        finally {
            Arrays.fill(material, (byte) 0);
        }
    }

    @Override
    public String toString() {
        return "SimulatedKeyMaterial[<redacted>]";
    }

}
