package com.cksconsole.keystore;

import java.util.Set;

import com.cksconsole.kms.KeyStoreType;

/**
 * What an operator wants UpdateCustomKeyStore to change: only the properties that differ
 * from the store as loaded (everything else stays out of the request). Implementations
 * hold secrets and hide them in {@code toString()}.
 */
public sealed interface KeyStoreChange extends java.io.Serializable permits CloudHsmChange, XksChange {

    KeyStoreType type();

    /** The properties this change sends, in declaration order. */
    Set<UpdatableProperty> properties();

    default boolean isEmpty() {
        return properties().isEmpty();
    }

}
