package com.cksconsole.security;

import org.mockito.Mockito;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The console's real HTTP security policy (form login, CSRF, headers, URL rules) for web
 * slice tests of other packages, which cannot name this package's package-private classes
 * themselves. The sign-in throttle is a mock: a slice test signs in with
 * {@code user(...)}, never through the password check. Needs a {@code Clock} bean and a
 * {@code UserAccountRepository} (a mock will do).
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(SignInProperties.class)
@Import(SecurityConfiguration.class)
public class SecurityPolicyTestBeans {

    @Bean
    SignInThrottle signInThrottle() {
        return Mockito.mock(SignInThrottle.class);
    }

}
