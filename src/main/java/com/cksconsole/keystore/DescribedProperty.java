package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

/**
 * One property of a Describe entry.
 *
 * @param name the KMS member name (dotted for nested members), fixed: it is part of the
 * fingerprint
 * @param label the operator-facing name
 * @param value null when Describe did not return it
 */
public record DescribedProperty(String name, String label, @Nullable String value) {
}
