package com.cksconsole.proxyconfig;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the XKS proxy configuration file import.
 *
 * @param maxSize largest proxy configuration file (or pasted text, counted in UTF-8
 * bytes) the console accepts; bigger input is refused before it is parsed. Real files are
 * a few hundred bytes.
 * @param secretTtl how long an imported RawSecretAccessKey stays available on the server
 * for the operator's next step (at most this long, and for one use only)
 */
@ConfigurationProperties("console.proxy-config")
public record ProxyConfigurationProperties(@DefaultValue("64KB") DataSize maxSize,
        @DefaultValue("10m") Duration secretTtl) {

    public ProxyConfigurationProperties {
        if (maxSize.toBytes() <= 0 || maxSize.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("console.proxy-config.max-size must be between 1 byte and 2 GB");
        }
        if (secretTtl.isNegative() || secretTtl.isZero()) {
            throw new IllegalArgumentException("console.proxy-config.secret-ttl must be positive");
        }
    }
}
