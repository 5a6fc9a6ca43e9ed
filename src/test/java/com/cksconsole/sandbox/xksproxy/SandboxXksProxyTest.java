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
 * The one Spring context of the sandbox XKS proxy integration tests: the whole application on a random port,
 * an in-memory database, the test registrations of {@code application-sandbox-xks-proxy-test.yml} and a fixed
 * clock, so that request dates and the proxy's 5-minute window are exact.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("sandbox-xks-proxy-test")
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
