package com.cksconsole.health.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code console.health.tls.*} as Spring binds it, and what a bad value does at start.
 */
class TlsCheckConfigurationTest {

    @TempDir
    Path folder;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
        .withUserConfiguration(Settings.class, TlsCheckConfiguration.class);

    @Test
    void defaultsAreFiveSecondsNoExtraAnchorsAndNoHosts() {
        context.run(started -> {
            assertThat(started).hasSingleBean(TlsEndpointCheck.class);
            TlsCheckProperties properties = started.getBean(TlsCheckProperties.class);
            assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(properties.trustAnchors()).isEmpty();
            assertThat(properties.hosts()).isEmpty();
        });
    }

    @Test
    void settingsBindAndTheSandboxModeKeepsUnlistedHostsInside() throws IOException {
        var self = TestPki.leaf("xks.example.com", null, Instant.now().minusSeconds(60),
                Instant.now().plusSeconds(86400), List.of("xks.example.com"), List.of());
        Path anchor = Files.writeString(folder.resolve("anchor.pem"), self.pem());
        context
            .withPropertyValues("console.health.tls.timeout=2s", "console.health.tls.trust-anchors[0]=" + anchor,
                    "console.health.tls.hosts[xks.example.com]=127.0.0.1:1")
            .run(started -> {
                TlsCheckProperties properties = started.getBean(TlsCheckProperties.class);
                assertThat(properties.timeout()).isEqualTo(Duration.ofSeconds(2));
                assertThat(properties.trustAnchors()).containsExactly(anchor);
                assertThat(properties.hosts()).containsEntry("xks.example.com", "127.0.0.1:1");
                // console.kms.mode defaults to sandbox
                assertThat(started.getBean(TlsEndpointCheck.class).check("other.example.com").detail())
                    .contains("sandbox mode");
            });
    }

    @Test
    void aHostAddressWithoutPortStopsTheStart() {
        context.withPropertyValues("console.health.tls.hosts[xks.example.com]=127.0.0.1")
            .run(started -> assertThat(started).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("console.health.tls.hosts"));
    }

    @Test
    void anAnchorFileWithoutCertificateStopsTheStart() throws IOException {
        Path empty = Files.writeString(folder.resolve("empty.pem"), "");
        context.withPropertyValues("console.health.tls.trust-anchors[0]=" + empty)
            .run(started -> assertThat(started).hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("console.health.tls.trust-anchors"));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(TlsCheckProperties.class)
    static class Settings {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

    }

}
