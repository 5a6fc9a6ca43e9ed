package com.cksconsole.xks;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one {@link XksProxyClient} of the application, in every mode. */
@Configuration(proxyBeanMethods = false)
class XksClientConfiguration {

    /**
     * Same property and same test as {@code @ConditionalOnSandboxMode} (xks may not
     * depend on sandbox).
     */
    static final String MODE_PROPERTY = "console.kms.mode";

    @Bean
    XksProxyClient xksProxyClient(XksProperties properties, Environment environment, Clock clock) {
        boolean sandboxMode = "sandbox".equalsIgnoreCase(environment.getProperty(MODE_PROPERTY, "sandbox"));
        // The port is known only once the web server listens (tests use random ports), so
        // it is read per call.
        var hosts = new XksHostTable(properties.hosts(), sandboxMode,
                () -> environment.getProperty("local.server.port"));
        return new HttpXksProxyClient(hosts, properties.timeout(), clock);
    }

}
