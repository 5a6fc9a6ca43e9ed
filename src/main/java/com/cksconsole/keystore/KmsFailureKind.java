package com.cksconsole.keystore;

/**
 * Why a call to KMS did not succeed, as far as the console needs to tell the cases apart.
 */
public enum KmsFailureKind {

    /**
     * KMS answered with a named error about the request
     * (CustomKeyStoreNameInUseException, ...).
     */
    REFUSED,
    /** ThrottlingException: too many requests per second. Nothing was done. */
    THROTTLED,
    /**
     * KMSInternalException or another server fault. Nothing was done; retrying is safe.
     */
    KMS_INTERNAL,
    /**
     * KMS did not accept the console's AWS credentials (signature, unknown key, access
     * denied).
     */
    CREDENTIALS_REFUSED,
    /** No answer in time. */
    TIMED_OUT,
    /** KMS could not be reached at all (connection refused, DNS, TLS). */
    UNREACHABLE,
    /**
     * The console does not call KMS for this account and Region: no target of it, or it
     * is disabled or refused by its check. Nothing was sent.
     */
    TARGET_UNAVAILABLE;

    /**
     * Failures after which showing a slightly older snapshot is better than showing
     * nothing.
     */
    public boolean isTransient() {
        return this == THROTTLED || this == KMS_INTERNAL || this == TIMED_OUT || this == UNREACHABLE;
    }

}
