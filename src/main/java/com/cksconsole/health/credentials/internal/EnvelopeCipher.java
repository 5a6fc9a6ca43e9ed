package com.cksconsole.health.credentials.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption with AES-256-GCM (JDK {@code javax.crypto}): a fresh random data
 * key per secret encrypts the secret; the data key is encrypted under a KEK (a configured
 * AES-256 key, or a KMS key that makes the data key with GenerateDataKey). Both
 * encryptions take the same additional authenticated data (AAD), so a ciphertext decrypts
 * only for the row it was made for. Every encryption uses a fresh random 96-bit IV (NIST
 * SP 800-38D, section 8.2.2: random IVs are safe for far more messages than the console
 * ever encrypts under one key).
 */
public final class EnvelopeCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int IV_BYTES = 12;

    private static final int TAG_BITS = 128;

    private static final Base64.Encoder ENCODER = Base64.getEncoder();

    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random;

    public EnvelopeCipher(SecureRandom random) {
        this.random = random;
    }

    /**
     * Encrypts {@code plaintext} under a new data key, and that data key under
     * {@code kek}.
     */
    public Sealed seal(byte[] plaintext, byte[] aad, Kek kek) {
        byte[] dataKey;
        String encryptedDataKey;
        if (kek instanceof KmsKeyEncryptionKey kms) {
            var generated = kms.generateDataKey(aad);
            dataKey = generated.plaintext();
            encryptedDataKey = generated.ciphertextBlob();
        }
        else {
            dataKey = new byte[32];
            random.nextBytes(dataKey);
            encryptedDataKey = null;
        }
        try {
            byte[] iv = randomIv();
            byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), iv, aad, plaintext);
            return new Sealed(encryptedDataKey != null ? encryptedDataKey : wrap(dataKey, aad, kek), kek.id(),
                    ENCODER.encodeToString(iv), ENCODER.encodeToString(ciphertext));
        }
        catch (AEADBadTagException e) {
            throw new IllegalStateException("Encryption does not check a tag", e);
        }
        finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The plaintext of {@code sealed}.
     * @throws AEADBadTagException the KEK is not the one the data key was encrypted
     * under, or the row (or its AAD) was altered
     */
    public byte[] open(Sealed sealed, byte[] aad, Kek kek) throws AEADBadTagException {
        byte[] dataKey = unwrap(sealed.encryptedDataKey(), aad, kek);
        try {
            return gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), DECODER.decode(sealed.iv()), aad,
                    DECODER.decode(sealed.ciphertext()));
        }
        finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * The same data key, encrypted under {@code to} instead of {@code from} (the secret's
     * ciphertext does not change).
     * @throws AEADBadTagException {@code from} is not the KEK the data key was encrypted
     * under, or the row was altered
     */
    public Sealed rewrap(Sealed sealed, byte[] aad, Kek from, Kek to) throws AEADBadTagException {
        byte[] dataKey = unwrap(sealed.encryptedDataKey(), aad, from);
        try {
            return new Sealed(wrap(dataKey, aad, to), to.id(), sealed.iv(), sealed.ciphertext());
        }
        catch (AEADBadTagException e) {
            throw new IllegalStateException("Encryption does not check a tag", e);
        }
        finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    private String wrap(byte[] dataKey, byte[] aad, Kek kek) throws AEADBadTagException {
        if (kek instanceof KmsKeyEncryptionKey kms) {
            return kms.encrypt(dataKey, aad);
        }
        var local = (KeyEncryptionKey) kek;
        byte[] iv = randomIv();
        byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, local.key(), iv, aad, dataKey);
        byte[] ivAndWrapped = Arrays.copyOf(iv, IV_BYTES + wrapped.length);
        System.arraycopy(wrapped, 0, ivAndWrapped, IV_BYTES, wrapped.length);
        return ENCODER.encodeToString(ivAndWrapped);
    }

    private byte[] unwrap(String encryptedDataKey, byte[] aad, Kek kek) throws AEADBadTagException {
        if (kek instanceof KmsKeyEncryptionKey kms) {
            return kms.decrypt(encryptedDataKey, aad);
        }
        var local = (KeyEncryptionKey) kek;
        byte[] ivAndWrapped = DECODER.decode(encryptedDataKey);
        if (ivAndWrapped.length <= IV_BYTES) {
            throw new AEADBadTagException("The encrypted data key is too short");
        }
        return gcm(Cipher.DECRYPT_MODE, local.key(), Arrays.copyOf(ivAndWrapped, IV_BYTES), aad,
                Arrays.copyOfRange(ivAndWrapped, IV_BYTES, ivAndWrapped.length));
    }

    private byte[] randomIv() {
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        return iv;
    }

    private static byte[] gcm(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) throws AEADBadTagException {
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        }
        catch (AEADBadTagException e) {
            throw e;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM is part of every JDK", e);
        }
    }

    /**
     * What is stored of one encrypted secret, Base64 text.
     *
     * @param encryptedDataKey the IV and the data key encrypted under the KEK
     * @param kekId the ID of that KEK
     * @param iv the IV of the secret's encryption
     * @param ciphertext the secret encrypted under the data key, with the GCM tag
     */
    public record Sealed(String encryptedDataKey, String kekId, String iv, String ciphertext) {
    }

}
