package com.cksconsole.keystore.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.web.QueryLinks;

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

    /** The list with this filter, for links that show it again (the retry after a KMS failure). */
    public String url() {
        var parameters = new LinkedHashMap<String, @Nullable String>();
        parameters.put("name", name);
        parameters.put("type", type);
        parameters.put("state", state);
        return QueryLinks.to(KeyStoreListController.PATH, parameters);
    }

    public boolean isActive() {
        return (name != null && !name.isBlank()) || (type != null && !type.isBlank())
                || (state != null && !state.isBlank());
    }
}
