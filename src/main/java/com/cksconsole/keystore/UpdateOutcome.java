package com.cksconsole.keystore;

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An applied change: the store right before and right after UpdateCustomKeyStore.
 *
 * @param after null when the follow-up Describe failed (the change itself succeeded)
 */
public record UpdateOutcome(CustomKeyStore before, @Nullable CustomKeyStore after,
                            Set<UpdatableProperty> changed, @Nullable String reason) {
}
