package com.cksconsole.kms;

/**
 * The connection state KMS reports for a custom key store ({@code ConnectionState} of
 * {@code CustomKeyStoresListEntry} in the AWS KMS API Reference).
 */
public enum ConnectionState {

    CONNECTED, CONNECTING, FAILED, DISCONNECTED, DISCONNECTING,
    /**
     * A value this console does not know (a newer KMS); treated as "not safe to change
     * anything".
     */
    UNKNOWN;

    /**
     * CONNECTING and DISCONNECTING: KMS is moving the store and will settle it by itself.
     */
    public boolean isTransient() {
        return this == CONNECTING || this == DISCONNECTING;
    }

}
