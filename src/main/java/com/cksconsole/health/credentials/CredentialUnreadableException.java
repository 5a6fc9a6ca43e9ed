package com.cksconsole.health.credentials;

/**
 * A stored monitoring credential could not be decrypted: its KEK is not configured, the
 * configured KEK of its ID is another key, or the row was altered or copied from another
 * store, or the KMS key that is the key-encryption key could not be used. The message
 * says which and names no secret.
 */
@org.springframework.modulith.NamedInterface("sealed-secrets")
public class CredentialUnreadableException extends RuntimeException {

    CredentialUnreadableException(String message) {
        super(message);
    }

    /** The KMS key that is the key-encryption key could not be used. */
    public CredentialUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }

}
