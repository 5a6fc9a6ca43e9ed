package com.cksconsole.sandbox.kms;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsField;

/**
 * Collects request-shape violations and reports them as AWS does:
 * {@code N validation error(s) detected: Value 'v'
 * at 'memberName' failed to satisfy constraint: Member must ...; ...}, with camelCase
 * member names. Values of sensitive members are never echoed
 * ({@code Value at 'keyStorePassword' failed ...}).
 */
final class ValidationErrors {

    private final List<String> violations = new ArrayList<>();

    /**
     * Checks a present string member against its KMS constraints (from {@link KmsField});
     * null means absent.
     */
    ValidationErrors check(String member, KmsField field, @Nullable String value) {
        if (value != null) {
            field.violation(value).ifPresent(constraint -> add(member, value, field.sensitive(), constraint));
        }
        return this;
    }

    /**
     * Checks a present string member of the key operations (KMS API Reference, request
     * syntax of each operation); {@code pattern} is matched in full, null = none.
     */
    ValidationErrors text(String member, @Nullable String value, int min, int max, @Nullable String pattern) {
        if (value == null) {
            return this;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(member, value, false, "Member must have length greater than or equal to " + min);
        }
        else if (length > max) {
            add(member, value, false, "Member must have length less than or equal to " + max);
        }
        else if (pattern != null && !value.matches(pattern)) {
            add(member, value, false, "Member must satisfy regular expression pattern: " + pattern);
        }
        return this;
    }

    /**
     * Checks a present blob member; its value (a plaintext, a ciphertext) is never
     * echoed.
     */
    ValidationErrors blob(String member, byte @Nullable [] value, int min, int max) {
        if (value != null && value.length < min) {
            add(member, "", true, "Member must have length greater than or equal to " + min);
        }
        else if (value != null && value.length > max) {
            add(member, "", true, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    /** Checks a member against an enumeration given as its wire values. */
    ValidationErrors oneOf(String member, @Nullable String value, java.util.List<String> values) {
        if (value != null && !values.contains(value)) {
            add(member, value, false, "Member must satisfy enum value set: [" + String.join(", ", values) + "]");
        }
        return this;
    }

    ValidationErrors required(String member, @Nullable Object value) {
        if (value == null) {
            violations.add("Value null at '" + member + "' failed to satisfy constraint: Member must not be null");
        }
        return this;
    }

    <E extends Enum<E>> ValidationErrors enumValue(String member, @Nullable String value, Class<E> values) {
        if (value != null && !KmsEnums.isValue(values, value)) {
            add(member, value, false, "Member must satisfy enum value set: " + KmsEnums.valueSet(values));
        }
        return this;
    }

    ValidationErrors range(String member, @Nullable Integer value, int min, int max) {
        if (value != null && value < min) {
            add(member, value.toString(), false, "Member must have value greater than or equal to " + min);
        }
        else if (value != null && value > max) {
            add(member, value.toString(), false, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    void throwIfAny() {
        if (!violations.isEmpty()) {
            String count = violations.size() == 1 ? "1 validation error" : violations.size() + " validation errors";
            throw KmsError.validation(count + " detected: " + String.join("; ", violations));
        }
    }

    private void add(String member, String value, boolean sensitive, String constraint) {
        String subject = sensitive ? "Value at '" + member + "'" : "Value '" + value + "' at '" + member + "'";
        violations.add(subject + " failed to satisfy constraint: " + constraint);
    }

}
