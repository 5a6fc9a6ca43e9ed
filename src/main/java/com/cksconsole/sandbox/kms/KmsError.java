package com.cksconsole.sandbox.kms;

/**
 * An error answer of the sandbox: the AWS JSON {@code __type}, the HTTP status and a
 * message. Messages never contain secrets (KeyStorePassword, XKS credentials).
 */
final class KmsError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String type;

    private final int httpStatus;

    private KmsError(String type, int httpStatus, String message) {
        super(message, null, false, false);
        this.type = type;
        this.httpStatus = httpStatus;
    }

    /**
     * A client error (400), the status of most KMS errors; {@link #withStatus} makes the
     * others (404, 409, 412) and {@link #internal} the 500.
     */
    static KmsError of(String type, String message) {
        return new KmsError(type, 400, message);
    }

    /**
     * An error whose HTTP status is not 400 (the smithy {@code httpError} of the KMS
     * model, e.g. 404 NotFoundException, 409 DisabledException).
     */
    static KmsError withStatus(String type, int httpStatus, String message) {
        return new KmsError(type, httpStatus, message);
    }

    /** KMSInvalidStateException (409): a key's state or a custom key store's backing. */
    static KmsError keyInvalidState(String message) {
        return withStatus("KMSInvalidStateException", 409, message);
    }

    /** NotFoundException (404). */
    static KmsError resourceNotFound(String message) {
        return withStatus("NotFoundException", 404, message);
    }

    static KmsError internal() {
        return new KmsError("KMSInternalException", 500,
                "The request was rejected because an internal exception occurred. The request can be retried.");
    }

    static KmsError validation(String message) {
        return of("ValidationException", message);
    }

    static KmsError serialization(String message) {
        return of("SerializationException", message);
    }

    static KmsError notFound(String customKeyStoreId) {
        return of("CustomKeyStoreNotFoundException",
                "Custom key store '" + customKeyStoreId + "' does not exist in this account and Region.");
    }

    static KmsError invalidState(String message) {
        return of("CustomKeyStoreInvalidStateException", message);
    }

    String type() {
        return type;
    }

    int httpStatus() {
        return httpStatus;
    }

}
