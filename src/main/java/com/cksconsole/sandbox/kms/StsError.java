package com.cksconsole.sandbox.kms;

/**
 * An error answer of the sandbox's STS: the Query protocol's {@code <Error>} code, HTTP
 * status and message (AWS STS API Reference, "Common Errors" and the errors of
 * AssumeRole).
 */
final class StsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;

    private final int httpStatus;

    StsError(String code, int httpStatus, String message) {
        super(message, null, false, false);
        this.code = code;
        this.httpStatus = httpStatus;
    }

    static StsError validation(String message) {
        return new StsError("ValidationError", 400, message);
    }

    static StsError accessDenied(String callerArn, String roleArn) {
        return new StsError("AccessDenied", 403,
                "User: " + callerArn + " is not authorized to perform: sts:AssumeRole on resource: " + roleArn);
    }

    /**
     * The signature checks are shared with the KMS endpoint; STS names their outcomes its
     * own way.
     */
    static StsError of(KmsError error) {
        return switch (error.type()) {
            case "MissingAuthenticationTokenException" ->
                new StsError("MissingAuthenticationToken", 403, message(error));
            case "IncompleteSignatureException" -> new StsError("IncompleteSignature", 400, message(error));
            case "UnrecognizedClientException" -> new StsError("InvalidClientTokenId", 403, message(error));
            case "InvalidSignatureException" -> new StsError("SignatureDoesNotMatch", 403, message(error));
            case "ExpiredTokenException" -> new StsError("ExpiredToken", 403, message(error));
            default -> new StsError("InternalFailure", 500,
                    "The request processing has failed because of an unknown error, exception or failure.");
        };
    }

    private static String message(KmsError error) {
        return String.valueOf(error.getMessage());
    }

    String code() {
        return code;
    }

    int httpStatus() {
        return httpStatus;
    }

    /** Sender for the caller's faults, Receiver for the service's. */
    String faultType() {
        return httpStatus >= 500 ? "Receiver" : "Sender";
    }

}
