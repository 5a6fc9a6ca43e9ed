package com.cksconsole.xks;

import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What a Decrypt call sends besides its metadata; the algorithm is always {@code AES_GCM}
 * (XKS proxy API specification, "Decrypt"). toString gives lengths only.
 */
public record XksDecryptInput(byte[] ciphertext, byte[] initializationVector, byte[] authenticationTag,
        byte @Nullable [] ciphertextMetadata, byte @Nullable [] additionalAuthenticatedData) {

    /** The input that decrypts what an Encrypt call returned. */
    public static XksDecryptInput of(XksCiphertext encrypted, byte @Nullable [] additionalAuthenticatedData) {
        return new XksDecryptInput(encrypted.ciphertext(), encrypted.initializationVector(),
                encrypted.authenticationTag(), encrypted.ciphertextMetadata(), additionalAuthenticatedData);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XksDecryptInput that && Arrays.equals(ciphertext, that.ciphertext)
                && Arrays.equals(initializationVector, that.initializationVector)
                && Arrays.equals(authenticationTag, that.authenticationTag)
                && Arrays.equals(ciphertextMetadata, that.ciphertextMetadata)
                && Arrays.equals(additionalAuthenticatedData, that.additionalAuthenticatedData);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(ciphertext), Arrays.hashCode(initializationVector),
                Arrays.hashCode(authenticationTag), Arrays.hashCode(ciphertextMetadata),
                Arrays.hashCode(additionalAuthenticatedData));
    }

    @Override
    public String toString() {
        return "XksDecryptInput[ciphertext=" + XksBytes.describe(ciphertext) + ", initializationVector="
                + XksBytes.describe(initializationVector) + ", authenticationTag="
                + XksBytes.describe(authenticationTag) + ", ciphertextMetadata=" + XksBytes.describe(ciphertextMetadata)
                + ", additionalAuthenticatedData=" + XksBytes.describe(additionalAuthenticatedData) + "]";
    }

}
