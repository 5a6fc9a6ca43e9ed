package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * KMS refused ConnectCustomKeyStore or DisconnectCustomKeyStore, or did not answer.
 * Carries the safe {@link KmsFailure}, the store as described right after (where that
 * could be read) and the sentence for the operator.
 */
public class ConnectionChangeFailedException extends RuntimeException {

    private final ConnectionOperation operation;

    private final KmsFailure failure;

    private final @Nullable CustomKeyStore current;

    public ConnectionChangeFailedException(ConnectionOperation operation, KmsFailure failure,
            @Nullable CustomKeyStore current) {
        super(operation.kmsOperation() + " failed: " + failure.errorCode());
        this.operation = operation;
        this.failure = failure;
        this.current = current;
    }

    public ConnectionOperation operation() {
        return operation;
    }

    public KmsFailure failure() {
        return failure;
    }

    /**
     * The store as Describe showed it after the failure; null when it could not be read.
     */
    public @Nullable CustomKeyStore current() {
        return current;
    }

    /** What happened and what to do, in plain words (never KMS's own message text). */
    public String explanation() {
        return ConnectionFailureMessages.of(operation, failure, current);
    }

}
