package com.cksconsole.keystore;

/**
 * Thrown by {@code internal.KmsGateway} when a KMS call fails; carries only the safe
 * {@link KmsFailure}.
 */
public class KmsCallException extends RuntimeException {

    private final KmsFailure failure;

    public KmsCallException(String operation, KmsFailure failure) {
        super(operation + " failed: " + failure.errorCode()
                + (failure.requestId() == null ? "" : " (request " + failure.requestId() + ")"));
        this.failure = failure;
    }

    public KmsFailure failure() {
        return failure;
    }

}
