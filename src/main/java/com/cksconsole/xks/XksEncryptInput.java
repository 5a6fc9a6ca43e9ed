package com.cksconsole.xks;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What an Encrypt call sends besides its metadata; the algorithm is always
 * {@code AES_GCM} (XKS proxy API specification, "Encrypt"). The plaintext never appears
 * in toString.
 *
 * @param wantCiphertextDataIntegrityValue send
 * {@code ciphertextDataIntegrityValueAlgorithm: SHA_256} and require the value in the
 * answer
 */
public record XksEncryptInput(byte[] plaintext, byte @Nullable [] additionalAuthenticatedData,
        boolean wantCiphertextDataIntegrityValue) {

    @Override
    public boolean equals(Object other) {
        return other instanceof XksEncryptInput that && Arrays.equals(plaintext, that.plaintext)
                && Arrays.equals(additionalAuthenticatedData, that.additionalAuthenticatedData)
                && wantCiphertextDataIntegrityValue == that.wantCiphertextDataIntegrityValue;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(plaintext), Arrays.hashCode(additionalAuthenticatedData),
                wantCiphertextDataIntegrityValue);
    }

    @Override
    public String toString() {
        return "XksEncryptInput[plaintext=" + XksBytes.describe(plaintext) + ", additionalAuthenticatedData="
                + XksBytes.describe(additionalAuthenticatedData) + ", wantCiphertextDataIntegrityValue="
                + wantCiphertextDataIntegrityValue + "]";
    }

}
