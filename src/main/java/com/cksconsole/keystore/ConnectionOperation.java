package com.cksconsole.keystore;

import com.cksconsole.kms.ConnectionState;

/** The two calls that move a key store between DISCONNECTED and CONNECTED. */
public enum ConnectionOperation {

    CONNECT("ConnectCustomKeyStore", "connect"), DISCONNECT("DisconnectCustomKeyStore", "disconnect");

    private final String kmsOperation;

    private final String verb;

    ConnectionOperation(String kmsOperation, String verb) {
        this.kmsOperation = kmsOperation;
        this.verb = verb;
    }

    public String kmsOperation() {
        return kmsOperation;
    }

    /**
     * Whether KMS accepts this call for a store in this state (KMS API Reference,
     * ConnectCustomKeyStore and DisconnectCustomKeyStore,
     * CustomKeyStoreInvalidStateException): connect only a DISCONNECTED store; disconnect
     * a CONNECTED, CONNECTING or FAILED one. The pages offer the call only then.
     */
    public boolean acceptedIn(ConnectionState state) {
        return switch (state) {
            case DISCONNECTED -> this == CONNECT;
            case CONNECTED, CONNECTING, FAILED -> this == DISCONNECT;
            default -> false;
        };
    }

    /** "connect" or "disconnect", for sentences. */
    public String verb() {
        return verb;
    }

}
