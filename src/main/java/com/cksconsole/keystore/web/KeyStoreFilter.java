package com.cksconsole.keystore.web;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;

/**
 * The list page's filter, from GET query parameters (so it works without JavaScript): part of the name
 * (case-insensitive), type and connection state. Empty or unknown values filter nothing.
 */
record KeyStoreFilter(@Nullable String name, @Nullable String type, @Nullable String state) {

    static final String[] ALLOWED_FIELDS = {"name", "type", "state"};

    List<CustomKeyStore> apply(List<CustomKeyStore> stores) {
        return stores.stream()
                .filter(store -> name == null || name.isBlank()
                        || store.name().toLowerCase(Locale.ROOT).contains(name.strip().toLowerCase(Locale.ROOT)))
                .filter(store -> type == null || type.isBlank()
                        || (store.type() != null && store.type().name().equals(type)))
                .filter(store -> state == null || state.isBlank() || store.connectionState().name().equals(state))
                .toList();
    }

    public boolean isActive() {
        return (name != null && !name.isBlank()) || (type != null && !type.isBlank())
                || (state != null && !state.isBlank());
    }
}
