package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * KMS refused DeleteCustomKeyStore or did not answer. {@link #current()} is the store as
 * described right after, when that tells the operator something (its state after an
 * invalid-state refusal or a call without an answer).
 */
public class KeyStoreDeletionFailedException extends RuntimeException {

    private final KmsFailure failure;

    private final transient @Nullable CustomKeyStore current;

    public KeyStoreDeletionFailedException(KmsFailure failure, @Nullable CustomKeyStore current) {
        super("DeleteCustomKeyStore failed: " + failure.errorCode());
        this.failure = failure;
        this.current = current;
    }

    public KmsFailure failure() {
        return failure;
    }

    public @Nullable CustomKeyStore current() {
        return current;
    }

    /**
     * KMS refused because the store still holds KMS keys
     * (CustomKeyStoreHasCMKsException).
     */
    public boolean storeHoldsKmsKeys() {
        return failure.is("CustomKeyStoreHasCMKsException");
    }

    /** The operator sentence for this failure. */
    public String explanation() {
        return DeletionFailureMessages.of(failure, current);
    }

}
