package com.cksconsole.health.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The TLS check of public XKS proxy endpoints.
 *
 * @param timeout time budget of one check: the TCP connection and the TLS handshake
 * together
 * @param trustAnchors PEM files of certificates trusted in addition to the JDK's default
 * trust store (for example a private CA's root)
 * @param hosts where to connect instead of {@code <host>:443}: host name ->
 * {@code address:port}. For tests and the sandbox; in sandbox mode a host missing here is
 * unreachable (no connection leaves the machine). Write host names with dots as
 * {@code "[xks.example.com]"} keys in YAML.
 */
@ConfigurationProperties("console.health.tls")
public record TlsCheckProperties(@DefaultValue("5s") Duration timeout, @DefaultValue List<Path> trustAnchors,
        @DefaultValue Map<String, String> hosts) {

    public TlsCheckProperties {
        trustAnchors = List.copyOf(trustAnchors);
        hosts = Map.copyOf(hosts);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("console.health.tls.timeout must be positive");
        }
    }

}
