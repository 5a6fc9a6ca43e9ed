package com.cksconsole.keystore;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One property whose value differs between two versions of a key store, with both values
 * ready to show (long values such as a certificate are abbreviated).
 */
public record PropertyDifference(String label, String before, String after) {

    private static final int SHOW_IN_FULL = 96;

    private static final String ABSENT = "(not set)";

    /**
     * The properties that differ between two Describe results of the same store, in
     * canonical order.
     */
    public static List<PropertyDifference> between(CustomKeyStore before, CustomKeyStore after) {
        var left = before.describedProperties();
        var right = after.describedProperties();
        var differences = new ArrayList<PropertyDifference>();
        for (int i = 0; i < left.size(); i++) {
            if (!Objects.equals(left.get(i).value(), right.get(i).value())) {
                differences.add(new PropertyDifference(left.get(i).label(), display(left.get(i).value()),
                        display(right.get(i).value())));
            }
        }
        return differences;
    }

    static String display(@Nullable String value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.length() <= SHOW_IN_FULL) {
            return value;
        }
        return value.substring(0, 24) + " … " + value.substring(value.length() - 24) + " (" + value.length()
                + " characters)";
    }
}
