package com.cksconsole.keystore;

/**
 * KMS refused CreateCustomKeyStore, or did not answer; the problem names the step and
 * field the error concerns ({@link CreateErrors}).
 */
public class KeyStoreCreateFailedException extends RuntimeException {

    private final KmsFailure failure;

    private final CreateProblem problem;

    public KeyStoreCreateFailedException(KmsFailure failure) {
        super("CreateCustomKeyStore failed: " + failure.errorCode());
        this.failure = failure;
        this.problem = CreateErrors.of(failure);
    }

    public KmsFailure failure() {
        return failure;
    }

    public CreateProblem problem() {
        return problem;
    }

}
