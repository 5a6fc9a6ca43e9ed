package com.cksconsole.xks;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the console (and the KMS sandbox) reach XKS proxies.
 *
 * @param hosts host resolution table, the sandbox's stand-in for DNS and TLS: an
 * {@code XksProxyUriEndpoint} host listed here is called at the given base URL instead of
 * {@code https://<host>}. The placeholder {@code {self}} stands for
 * {@code http://127.0.0.1:<this application's port>} and is resolved at call time;
 * {@code {self}} entries apply only in sandbox mode, where the built-in proxy runs. In
 * sandbox mode a host missing from the table is unreachable (the sandbox never sends a
 * request out); in {@code aws} mode it is called at {@code https://<host>} (port 443).
 * Write host names with dots as {@code "[xks.example.com]"} keys in YAML.
 * @param timeout time budget of one proxy call (GetHealthStatus, GetKeyMetadata, Encrypt
 * or Decrypt), connect and answer together (KMS allows every proxy call 250 ms)
 */
@ConfigurationProperties("console.xks")
public record XksProperties(@DefaultValue Map<String, String> hosts, @DefaultValue("250ms") Duration timeout) {

    public XksProperties {
        hosts = Map.copyOf(hosts);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("console.xks.timeout must be positive");
        }
    }
}
