package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * How a provider's client secret reaches the console from the environment, as docs/sso.md
 * says: {@code CONSOLE_SSO_PROVIDERS_<ID>_CLIENT_SECRET} for an ID without hyphens, next
 * to the rest of the provider in a configuration file.
 */
class SsoPropertiesBindingTest {

    @Test
    void theClientSecretOfAProviderComesFromAnEnvironmentVariable() {
        var properties = bind(
                Map.of("console.sso.providers.corp.issuer-uri", "https://idp.example.com/realms/x",
                        "console.sso.providers.corp.client-id", "console"),
                Map.of("CONSOLE_SSO_PROVIDERS_CORP_CLIENT_SECRET", "from-the-environment"));

        assertThat(properties.providers()).containsOnlyKeys("corp");
        assertThat(properties.providers().get("corp").clientSecret()).isEqualTo("from-the-environment");
        assertThat(properties.localSignIn()).isEqualTo(SsoProperties.LocalSignIn.ALL);
    }

    @Test
    void localSignInIsWrittenInLowerCaseWithAHyphen() {
        var properties = bind(
                Map.of("console.sso.providers.corp.issuer-uri", "https://idp.example.com",
                        "console.sso.providers.corp.client-id", "console", "console.sso.local-sign-in", "admin-only"),
                Map.of());

        assertThat(properties.localSignIn()).isEqualTo(SsoProperties.LocalSignIn.ADMIN_ONLY);
        assertThat(properties.origins()).containsExactly("https://idp.example.com");
    }

    private static SsoProperties bind(Map<String, Object> file, Map<String, Object> environment) {
        var env = new StandardEnvironment();
        env.getPropertySources().addFirst(new MapPropertySource("file", file));
        env.getPropertySources()
            .addFirst(new SystemEnvironmentPropertySource(
                    "test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        ConfigurationPropertySources.attach(env);
        return Binder.get(env).bindOrCreate("console.sso", SsoProperties.class);
    }

}
