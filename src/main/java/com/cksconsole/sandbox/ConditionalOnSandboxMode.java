package com.cksconsole.sandbox;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/**
 * Marks sandbox beans: they exist only when {@code console.kms.mode} is {@code sandbox}
 * (the default).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Documented
@ConditionalOnProperty(name = "console.kms.mode", havingValue = "sandbox", matchIfMissing = true)
public @interface ConditionalOnSandboxMode {

}
