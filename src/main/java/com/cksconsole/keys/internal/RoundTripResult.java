package com.cksconsole.keys.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What a round-trip test found. Never holds the plaintext or the ciphertext.
 *
 * @param encryptLatency how long Encrypt took (null when it was not answered)
 * @param decryptLatency how long Decrypt took (null when it was not reached or answered)
 * @param match whether Decrypt gave back the test plaintext
 * @param failedOperation {@code Encrypt} or {@code Decrypt} when one failed
 * @param errorCode the KMS error name (or a label such as {@code Timeout})
 * @param kmsMessage KMS's message when it is one of the documented texts (never free text
 * that may echo request values)
 * @param requestId the KMS request ID of the failure
 */
public record RoundTripResult(@Nullable Duration encryptLatency, @Nullable Duration decryptLatency, boolean match,
        @Nullable String failedOperation, @Nullable String errorCode, @Nullable String kmsMessage,
        @Nullable String requestId) implements java.io.Serializable {

    public boolean succeeded() {
        return match && failedOperation == null;
    }

    public @Nullable Long encryptMillis() {
        return encryptLatency == null ? null : encryptLatency.toMillis();
    }

    public @Nullable Long decryptMillis() {
        return decryptLatency == null ? null : decryptLatency.toMillis();
    }

}
