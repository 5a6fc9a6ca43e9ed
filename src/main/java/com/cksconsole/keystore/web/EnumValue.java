package com.cksconsole.keystore.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The text must be the name of one constant of {@link #of()} (null passes: it means
 * "unchanged").
 */
@Documented
@Constraint(validatedBy = EnumValueValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@interface EnumValue {

    Class<? extends Enum<?>> of();

    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
