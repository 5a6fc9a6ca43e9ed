package com.cksconsole.health.credentials;

/**
 * A stored monitoring credential could not be decrypted: its KEK is not configured, the
 * configured KEK of its ID is another key, or the row was altered or copied from another
 * store. The message says which and names no secret.
 */
public class CredentialUnreadableException extends RuntimeException {

    CredentialUnreadableException(String message) {
        super(message);
    }

}
