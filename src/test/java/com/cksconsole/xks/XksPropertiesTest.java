package com.cksconsole.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * {@code console.xks.*}: defaults, and the sandbox host table shipped in application.yml.
 */
class XksPropertiesTest {

    @Test
    void withoutConfigurationTheTableIsEmptyAndTheBudgetIsKmsOwn() {
        XksProperties properties = new Binder(new MapConfigurationPropertySource(Map.of())).bindOrCreate("console.xks",
                XksProperties.class);

        assertThat(properties.hosts()).isEmpty();
        assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void applicationYamlMapsTheThreeSandboxHostsToTheBuiltInProxy() throws IOException {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
            .forEach(environment.getPropertySources()::addLast);

        XksProperties properties = new Binder(ConfigurationPropertySources.get(environment)).bindOrCreate("console.xks",
                XksProperties.class);

        assertThat(properties.hosts())
            .containsExactlyInAnyOrderEntriesOf(Map.of("xks-public.sandbox.example.com", "{self}/sandbox/xks-proxy",
                    "xks-private.sandbox.example.com", "{self}/sandbox/xks-proxy", "xks-lab.sandbox.example.com",
                    "{self}/sandbox/xks-proxy", "xks-dr.sandbox.example.com", "{self}/sandbox/xks-proxy"));
        assertThat(properties.timeout()).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void zeroBudgetIsRefused() {
        var source = new MapConfigurationPropertySource(Map.of("console.xks.timeout", "0ms"));

        assertThatThrownBy(() -> new Binder(source).bindOrCreate("console.xks", XksProperties.class))
            .isInstanceOf(BindException.class);
    }

}
