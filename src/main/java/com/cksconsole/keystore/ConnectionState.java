package com.cksconsole.keystore;

/** The connection state KMS reports for a custom key store (reference §4.1). */
public enum ConnectionState {
    CONNECTED,
    CONNECTING,
    FAILED,
    DISCONNECTED,
    DISCONNECTING,
    /** A value this console does not know (a newer KMS); treated as "not safe to change anything". */
    UNKNOWN
}
