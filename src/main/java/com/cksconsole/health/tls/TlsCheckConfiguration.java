package com.cksconsole.health.tls;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The one {@link TlsEndpointCheck} of the application. */
@Configuration(proxyBeanMethods = false)
class TlsCheckConfiguration {

    @Bean
    TlsEndpointCheck tlsEndpointCheck(TlsCheckProperties properties, Environment environment, Clock clock,
            ObjectProvider<TlsEndpointDirectory> directories) {
        // Same property and same test as the xks client's (health may not depend on
        // sandbox).
        boolean sandboxMode = "sandbox".equalsIgnoreCase(environment.getProperty("console.kms.mode", "sandbox"));
        return new TlsEndpointCheck(properties, sandboxMode, clock, directories.orderedStream().toList());
    }

}
