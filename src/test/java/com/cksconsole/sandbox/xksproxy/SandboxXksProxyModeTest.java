package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.cksconsole.xks.XksProperties;

/** The built-in proxy exists in sandbox mode only. */
class SandboxXksProxyModeTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
        .withUserConfiguration(ProxyBeans.class);

    @Test
    void sandboxModeServesTheProxy() {
        runner.withPropertyValues("console.kms.mode=sandbox")
            .run(context -> assertThat(context).hasSingleBean(SandboxXksProxy.class)
                .hasBean("sandboxXksProxyEndpoints")
                .hasBean("sandboxXksProxySettings"));
    }

    @Test
    void proxyIsServedWhenNoModeIsConfigured() {
        runner.run(context -> assertThat(context).hasSingleBean(SandboxXksProxy.class));
    }

    @Test
    void awsModeHasNoProxy() {
        runner.withPropertyValues("console.kms.mode=aws")
            .run(context -> assertThat(context).doesNotHaveBean(SandboxXksProxy.class)
                .doesNotHaveBean(XksProxyRegistry.class)
                .doesNotHaveBean(SandboxProxyBehaviours.class)
                .doesNotHaveBean(SandboxProxyCredentials.class)
                .doesNotHaveBean("sandboxXksProxyEndpoints")
                .doesNotHaveBean("sandboxXksProxySettings"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({ SandboxXksProxyProperties.class, XksProperties.class })
    @Import({ SandboxXksProxyRoutes.class, SandboxXksProxy.class, XksProxyRegistry.class, SandboxProxyBehaviours.class,
            SandboxProxyCredentials.class, SandboxXksProxySettingsRoutes.class, SigV4Verifier.class,
            ExternalKeyMaterial.class, com.cksconsole.sandbox.kms.SandboxKmsFaults.class })
    static class ProxyBeans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        /** The settings page's upload reads proxy configuration files with it. */
        @Bean
        com.cksconsole.proxyconfig.ProxyConfigurationParser proxyConfigurationParser() {
            return new com.cksconsole.proxyconfig.ProxyConfigurationParser(
                    new com.cksconsole.proxyconfig.ProxyConfigurationProperties(
                            org.springframework.util.unit.DataSize.ofKilobytes(64), java.time.Duration.ofMinutes(10)));
        }

    }

}
