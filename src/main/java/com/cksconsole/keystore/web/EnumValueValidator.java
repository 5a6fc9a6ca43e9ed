package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import org.jspecify.annotations.Nullable;

/**
 * Checks {@link EnumValue}: exact, case-sensitive constant names, as KMS compares enum
 * values (public: Bean Validation providers instantiate it reflectively).
 */
public class EnumValueValidator implements ConstraintValidator<EnumValue, String> {

    private Set<String> names = Set.of();

    @Override
    public void initialize(EnumValue annotation) {
        names = Arrays.stream(annotation.of().getEnumConstants()).map(Enum::name).collect(Collectors.toSet());
    }

    @Override
    public boolean isValid(@Nullable String value, ConstraintValidatorContext context) {
        return value == null || names.contains(value);
    }

}
