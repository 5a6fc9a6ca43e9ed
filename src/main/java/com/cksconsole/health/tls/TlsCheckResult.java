package com.cksconsole.health.tls;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The result of one TLS check, plain values only so that it can be stored as it is.
 *
 * @param host the host name checked (lower case)
 * @param port the port connected to (443, unless {@code console.health.tls.hosts} says
 * otherwise)
 * @param checkedAt when the check started (the injected clock)
 * @param outcome how the check ended
 * @param detail why it failed, in the JDK's words (no secret is involved in a TLS check);
 * null when {@link TlsOutcome#REACHABLE}
 * @param protocol the negotiated protocol ({@code TLSv1.3}, {@code TLSv1.2}), null
 * without a completed handshake
 * @param cipherSuite the negotiated cipher suite, null without a completed handshake
 * @param chain the certificates the server presented, leaf first, in the server's order;
 * empty when none was received
 * @param chainTrusted whether the chain leads to the JDK's default trust anchors or one
 * of {@code console.health.tls.trust-anchors}
 * @param hostNameMatches whether the leaf certificate names the host (RFC 6125)
 * @param daysUntilExpiry whole days from {@code checkedAt} until the leaf's notAfter,
 * rounded down (0: expires within 24 hours, negative: expired); null without a leaf
 */
public record TlsCheckResult(String host, int port, Instant checkedAt, TlsOutcome outcome, @Nullable String detail,
        @Nullable String protocol, @Nullable String cipherSuite, List<TlsCertificate> chain, boolean chainTrusted,
        boolean hostNameMatches, @Nullable Long daysUntilExpiry) {

    public TlsCheckResult {
        chain = List.copyOf(chain);
    }

    /** The server's own certificate, null when none was received. */
    public @Nullable TlsCertificate leaf() {
        return chain.isEmpty() ? null : chain.get(0);
    }

}
