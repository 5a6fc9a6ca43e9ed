package com.cksconsole.proxyconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.util.unit.DataSize;

/**
 * The beans of this package and the binding of {@code console.proxy-config.*}, without
 * the whole console.
 */
class ProxyConfigurationWiringTest {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withUserConfiguration(ProxyConfigurationBeans.class);

    @Test
    void withoutSettingsTheDocumentedDefaultsApply() {
        contextRunner.run(context -> assertThat(context.getBean(ProxyConfigurationProperties.class))
            .isEqualTo(new ProxyConfigurationProperties(DataSize.ofBytes(65_536), Duration.ofMinutes(10))));
    }

    @Test
    void settingsReachTheParserAndTheStore() {
        contextRunner.withPropertyValues("console.proxy-config.max-size=10B", "console.proxy-config.secret-ttl=5m")
            .run(context -> {
                assertThat(context.getBean(ProxyConfigurationProperties.class).secretTtl())
                    .isEqualTo(Duration.ofMinutes(5));
                ProxyConfigurationImport result = context.getBean(ProxyConfigurationParser.class)
                    .parseUpload("proxy.json", "{\"a\": \"bcdefgh\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(result.problems()).singleElement()
                    .satisfies(problem -> assertThat(problem.text()).contains("at most 10 bytes"));
                assertThat(context).hasSingleBean(ImportedSecretStore.class).hasSingleBean(ImportedSecretCleanup.class);
            });
    }

    @Test
    void aNonPositiveTtlStopsTheStart() {
        contextRunner.withPropertyValues("console.proxy-config.secret-ttl=0s")
            .run(context -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ProxyConfigurationProperties.class)
    @Import({ ProxyConfigurationParser.class, ImportedSecretStore.class, ImportedSecretCleanup.class,
            ProxyConfigurationConfiguration.class })
    static class ProxyConfigurationBeans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

        @Bean
        com.cksconsole.session.SessionVault sessionVault(Clock clock) {
            return com.cksconsole.support.SessionVaultFixture.vaultOnH2(clock);
        }

        /** The sessions whose imported secrets a sign-out clears (none here). */
        @Bean
        org.springframework.session.FindByIndexNameSessionRepository<?> sessions() {
            return org.mockito.Mockito.mock(org.springframework.session.FindByIndexNameSessionRepository.class);
        }

    }

}
