package com.cksconsole.keys.internal;

import org.jspecify.annotations.Nullable;

/**
 * A KMS key to create in a custom key store (KMS API Reference, CreateKey): its alias
 * (optional), description and, in an external key store, the external key ID.
 */
public record NewKey(@Nullable String alias, String description, @Nullable String xksKeyId) {
}
