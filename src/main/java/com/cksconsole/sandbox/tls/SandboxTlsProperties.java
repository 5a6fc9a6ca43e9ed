package com.cksconsole.sandbox.tls;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The sandbox's TLS endpoints (docs/sandbox.md "TLS endpoints").
 *
 * @param tlsEndpoints one local TLS server per entry, for the TLS check of its host
 */
@ConfigurationProperties("console.sandbox")
public record SandboxTlsProperties(@DefaultValue List<Endpoint> tlsEndpoints) {

    public SandboxTlsProperties {
        tlsEndpoints = List.copyOf(tlsEndpoints);
    }

    /**
     * One endpoint.
     *
     * @param host the host name the TLS check is asked about, e.g.
     * {@code xks-public.sandbox.example.com}
     * @param expiresIn how long after the console's start its certificate expires (e.g.
     * {@code 12d}); negative: already expired
     * @param wildcard whether the certificate names {@code *.<parent domain>} instead of
     * the host itself
     */
    public record Endpoint(String host, @Nullable Duration expiresIn, @DefaultValue("false") boolean wildcard) {
    }

}
