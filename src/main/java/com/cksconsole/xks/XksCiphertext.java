package com.cksconsole.xks;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A proxy's Encrypt answer, checked as KMS checks it (XKS proxy API specification,
 * "Encrypt"): ciphertext as long as the plaintext, IV of 12 or 16 bytes, tag of 16 bytes,
 * metadata of at most 20 bytes, integrity value present and correct when asked for.
 * toString gives lengths only.
 */
public record XksCiphertext(byte[] ciphertext, byte[] initializationVector, byte[] authenticationTag,
        byte @Nullable [] ciphertextMetadata, byte @Nullable [] ciphertextDataIntegrityValue) {

    @Override
    public boolean equals(Object other) {
        return other instanceof XksCiphertext that && Arrays.equals(ciphertext, that.ciphertext)
                && Arrays.equals(initializationVector, that.initializationVector)
                && Arrays.equals(authenticationTag, that.authenticationTag)
                && Arrays.equals(ciphertextMetadata, that.ciphertextMetadata)
                && Arrays.equals(ciphertextDataIntegrityValue, that.ciphertextDataIntegrityValue);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ciphertext), Arrays.hashCode(initializationVector),
                Arrays.hashCode(authenticationTag), Arrays.hashCode(ciphertextMetadata),
                Arrays.hashCode(ciphertextDataIntegrityValue));
    }

    @Override
    public String toString() {
        return "XksCiphertext[ciphertext=" + XksBytes.describe(ciphertext) + ", initializationVector="
                + XksBytes.describe(initializationVector) + ", authenticationTag="
                + XksBytes.describe(authenticationTag) + ", ciphertextMetadata=" + XksBytes.describe(ciphertextMetadata)
                + ", ciphertextDataIntegrityValue=" + XksBytes.describe(ciphertextDataIntegrityValue) + "]";
    }

}
