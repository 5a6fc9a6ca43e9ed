package com.cksconsole.health.tls;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/**
 * Where some hosts' HTTPS endpoints really are, and which extra certificates anchor their
 * chains: for endpoints the application itself serves (the sandbox's TLS endpoints).
 * {@link TlsEndpointCheck} asks every directory bean before
 * {@code console.health.tls.hosts}, and trusts their anchors besides the JDK's and
 * {@code console.health.tls.trust-anchors}. Exposed on its own (named interface
 * {@code health::tls-endpoints}) so that the sandbox can implement it.
 */
@NamedInterface("tls-endpoints")
public interface TlsEndpointDirectory {

    /**
     * Where to connect for {@code https://<host>} (host in lower case); empty: not here.
     */
    Optional<InetSocketAddress> addressOf(String host);

    /** Certificates to trust as anchors, e.g. a generated CA; read once, at start-up. */
    List<X509Certificate> trustAnchors();

}
