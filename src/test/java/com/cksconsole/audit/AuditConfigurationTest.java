package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The console.audit.* properties bind, and trusted proxies reach the resolver (or stop a start when invalid). */
class AuditConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditProperties.class)
    static class Resolver {
        @Bean
        AuditContextResolver resolver(AuditProperties properties) {
            return new AuditConfiguration().auditContextResolver(properties);
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Resolver.class);

    @Test
    void defaultsTrustNoProxyAndKeepTheGracePeriod() {
        runner.run(context -> {
            var properties = context.getBean(AuditProperties.class);
            assertThat(properties.trustedProxies()).isEmpty();
            assertThat(properties.fingerprintKey()).isNull();
            assertThat(properties.reconcileAfter()).hasMinutes(2);
            assertThat(properties.exportTimeout()).hasHours(1);
        });
    }

    @Test
    void configuredTrustedProxiesAreParsedAndTheKeyIsKeptOutOfToString() {
        runner.withPropertyValues("console.audit.trusted-proxies=10.0.0.0/8, 192.0.2.1",
                        "console.audit.fingerprint-key=a-long-enough-fingerprint-key-0123456789")
                .run(context -> {
                    var properties = context.getBean(AuditProperties.class);
                    assertThat(properties.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
                    assertThat(properties.toString()).doesNotContain("a-long-enough");
                    assertThat(context).hasSingleBean(AuditContextResolver.class);
                });
    }

    @Test
    void anInvalidTrustedProxyStopsTheStart() {
        runner.withPropertyValues("console.audit.trusted-proxies=proxy.internal")
                .run(context -> assertThat(context).hasFailed());
    }
}
