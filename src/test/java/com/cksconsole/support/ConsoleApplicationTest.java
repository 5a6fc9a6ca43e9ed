package com.cksconsole.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on a random port with the {@code test} profile (in-memory H2,
 * fixed admin password, short sandbox delays). Use it unchanged wherever possible so that
 * Spring caches one context for all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public @interface ConsoleApplicationTest {

    /** The bootstrap administrator's password in the test profile. */
    String ADMIN_PASSWORD = "test-admin-password-2026";

}
