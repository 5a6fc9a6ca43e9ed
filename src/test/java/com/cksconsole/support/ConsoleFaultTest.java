package com.cksconsole.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;

/**
 * {@link ConsoleApplicationTest} with the faults of {@link FaultInjection}: a switchable
 * database, a clock the test moves, and a count of the calls that reach the KMS sandbox.
 * Use it unchanged, so that Spring caches one such context for all.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ConsoleApplicationTest
@Import(FaultInjection.class)
public @interface ConsoleFaultTest {

}
