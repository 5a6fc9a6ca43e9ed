package com.cksconsole.sandbox.xksproxy;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one Spring context of the sandbox XKS proxy integration tests:
 * {@code @ConsoleApplicationTest}'s set-up (the whole application on a random port, the
 * {@code test} profile) plus the extra registrations and the roomier time budget of
 * {@code application-sandbox-xks-proxy-test.yml}, and a fixed clock, so that request
 * dates and the proxy's 5-minute window are exact. A context of its own because the clock
 * and the registrations differ.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({ "test", "sandbox-xks-proxy-test" })
@Import(SandboxXksProxyTest.FixedClock.class)
@interface SandboxXksProxyTest {

    /** "Now" for the client that signs and the proxy that checks the date. */
    Instant NOW = Instant.parse("2026-03-01T10:15:01Z");

    @TestConfiguration(proxyBeanMethods = false)
    class FixedClock {

        @Bean
        @Primary
        Clock fixedClock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

    }

}
