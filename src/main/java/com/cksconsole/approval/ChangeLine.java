package com.cksconsole.approval;

import org.jspecify.annotations.Nullable;

/**
 * One line of a change as the approver sees it: what changes from what to what. A
 * secret's line never holds the secret: its {@code after} says it will be replaced, and
 * its fingerprint is in {@link ProposedChange#secretFingerprints()}.
 */
public record ChangeLine(String label, @Nullable String before, @Nullable String after) {
}
