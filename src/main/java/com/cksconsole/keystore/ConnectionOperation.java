package com.cksconsole.keystore;

/** The two calls that move a key store between DISCONNECTED and CONNECTED. */
public enum ConnectionOperation {
    CONNECT("ConnectCustomKeyStore", "connect"),
    DISCONNECT("DisconnectCustomKeyStore", "disconnect");

    private final String kmsOperation;
    private final String verb;

    ConnectionOperation(String kmsOperation, String verb) {
        this.kmsOperation = kmsOperation;
        this.verb = verb;
    }

    public String kmsOperation() {
        return kmsOperation;
    }

    /** "connect" or "disconnect", for sentences. */
    public String verb() {
        return verb;
    }
}
