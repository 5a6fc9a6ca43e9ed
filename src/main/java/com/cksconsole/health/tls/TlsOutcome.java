package com.cksconsole.health.tls;

/** How one TLS check ended. */
public enum TlsOutcome {

    /**
     * The handshake completed and the chain is trusted (the host name is reported apart).
     */
    REACHABLE,
    /**
     * The host is unknown, the TCP connection was refused, or it is not listed in sandbox
     * mode.
     */
    UNREACHABLE,
    /**
     * No connection or no completed handshake within {@code console.health.tls.timeout}.
     */
    TIMED_OUT,
    /**
     * The TCP connection opened but the TLS handshake failed (protocol, cipher, closed).
     */
    HANDSHAKE_FAILED,
    /**
     * The handshake completed but the chain does not lead to a trusted anchor (or a
     * certificate is expired or not yet valid); the certificates are still reported.
     */
    UNTRUSTED_CHAIN

}
