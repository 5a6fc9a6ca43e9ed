package com.cksconsole.sandbox.kms;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Checks of wire values against the KMS enumerations of {@code com.cksconsole.kms}, whose
 * constant names are the wire values.
 */
final class KmsEnums {

    private KmsEnums() {
    }

    static <E extends Enum<E>> boolean isValue(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).anyMatch(constant -> constant.name().equals(value));
    }

    /** The value set as AWS prints it in a ValidationException: {@code [A, B]}. */
    static <E extends Enum<E>> String valueSet(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ", "[", "]"));
    }

}
