package com.cksconsole.targets;

import java.util.regex.Pattern;

/**
 * The short name of a target as it appears in URLs ({@code /t/{target}/key-stores}) and
 * the header chooser: 1 to 32 lower-case letters, digits and hyphens, starting with a
 * letter or digit.
 */
public record TargetName(String value) implements Comparable<TargetName> {

    public static final int MAX_LENGTH = 32;

    static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9-]{0," + (MAX_LENGTH - 1) + "}");

    public TargetName {
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("A target name is 1 to " + MAX_LENGTH
                    + " lower-case letters, digits and hyphens, starting with a letter or digit");
        }
    }

    public static boolean isValid(String value) {
        return SHAPE.matcher(value).matches();
    }

    @Override
    public int compareTo(TargetName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
