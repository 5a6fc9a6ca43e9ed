package com.cksconsole.sandbox.xksproxy;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

import org.jspecify.annotations.Nullable;

/**
 * AES-GCM as the XKS proxy API specification ("Encrypt", "Decrypt", Appendix C) asks of a
 * key manager: 12-byte random IV, 16-byte tag kept apart from the ciphertext, and the
 * caller's AAD and the ciphertext metadata both bound into the GCM AAD as
 * {@code len16BE(aad) || aad || len8(ctm) || ctm}, so that neither can be changed or
 * moved into the other.
 */
final class AesGcmEnvelope {

    static final int IV_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int MAX_METADATA_BYTES = 20;
    static final int MAX_AAD_BYTES = 0xFFFF;

    private static final SecureRandom RANDOM = new SecureRandom();

    private AesGcmEnvelope() {
    }

    /** What Encrypt returns; plaintext never held here. */
    record Sealed(byte[] ciphertext, byte[] iv, byte[] tag) {
    }

    static Sealed encrypt(SecretKey key, byte[] plaintext, byte @Nullable [] aad, byte @Nullable [] metadata) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(boundAad(aad, metadata));
            byte[] sealed = cipher.doFinal(plaintext);
            int length = sealed.length - TAG_BYTES;
            return new Sealed(Arrays.copyOf(sealed, length), iv, Arrays.copyOfRange(sealed, length, sealed.length));
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JDK", e);
        }
    }

    /**
     * @throws AEADBadTagException if ciphertext, IV, tag, AAD or metadata differ from
     * what was encrypted
     */
    static byte[] decrypt(SecretKey key, byte[] ciphertext, byte[] iv, byte[] tag, byte @Nullable [] aad,
            byte @Nullable [] metadata) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, iv));
            cipher.updateAAD(boundAad(aad, metadata));
            byte[] joined = Arrays.copyOf(ciphertext, ciphertext.length + tag.length);
            System.arraycopy(tag, 0, joined, ciphertext.length, tag.length);
            return cipher.doFinal(joined);
        }
        catch (AEADBadTagException e) {
            throw e;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM/NoPadding is part of every JDK", e);
        }
    }

    /**
     * The ciphertext data integrity value of Appendix C: SHA-256(aad || ctm || iv ||
     * ciphertext || tag), no length prefixes.
     */
    static byte[] integrityValue(byte @Nullable [] aad, byte @Nullable [] metadata, byte[] iv, byte[] ciphertext,
            byte[] tag) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(aad == null ? new byte[0] : aad);
            digest.update(metadata == null ? new byte[0] : metadata);
            digest.update(iv);
            digest.update(ciphertext);
            return digest.digest(tag);
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static byte[] boundAad(byte @Nullable [] aad, byte @Nullable [] metadata) {
        byte[] a = aad == null ? new byte[0] : aad;
        byte[] m = metadata == null ? new byte[0] : metadata;
        var out = new ByteArrayOutputStream(3 + a.length + m.length);
        out.write(a.length >>> 8);
        out.write(a.length & 0xff);
        out.writeBytes(a);
        out.write(m.length);
        out.writeBytes(m);
        return out.toByteArray();
    }

}
