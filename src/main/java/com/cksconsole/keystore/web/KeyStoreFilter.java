package com.cksconsole.keystore.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.lang.Contract;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.view.QueryLinks;

/**
 * The list page's filter, from GET query parameters (so it works without JavaScript):
 * part of the name (case-insensitive), type and connection state. Empty values filter
 * nothing; a type or state the form does not offer is refused ({@link #problems()}), so
 * the page never shows "Any state" while filtering on something else.
 */
record KeyStoreFilter(@Nullable String name, @Nullable String type, @Nullable String state) {

    static final String[] ALLOWED_FIELDS = { "name", "type", "state" };

    /** The connection states the form offers (UNKNOWN is no state KMS documents). */
    static final List<ConnectionState> STATES = List.of(ConnectionState.CONNECTED, ConnectionState.CONNECTING,
            ConnectionState.FAILED, ConnectionState.DISCONNECTED, ConnectionState.DISCONNECTING);

    /** A refused value is quoted back at most this long. */
    private static final int QUOTED = 40;

    /**
     * Why the filter cannot be applied, by field ({@code type}, {@code state}); empty
     * when it can.
     */
    Map<String, String> problems() {
        var problems = new LinkedHashMap<String, String>();
        if (present(type) && Arrays.stream(KeyStoreType.values()).noneMatch(t -> t.name().equals(type))) {
            problems.put("type", "“" + quoted(type) + "” is not a key store type. Choose one from the list.");
        }
        if (present(state) && STATES.stream().noneMatch(s -> s.name().equals(state))) {
            problems.put("state", "“" + quoted(state) + "” is not a connection state. Choose one from the list.");
        }
        return problems;
    }

    List<CustomKeyStore> apply(List<CustomKeyStore> stores) {
        String namePart = present(name) ? name.strip().toLowerCase(Locale.ROOT) : null;
        return stores.stream()
            .filter(store -> namePart == null || store.name().toLowerCase(Locale.ROOT).contains(namePart))
            .filter(store -> !present(type) || (store.type() != null && store.type().name().equals(type)))
            .filter(store -> !present(state) || store.connectionState().name().equals(state))
            .toList();
    }

    /**
     * The list with this filter, for links that show it again (the retry after a KMS
     * failure).
     */
    public String url() {
        var parameters = new LinkedHashMap<String, @Nullable String>();
        parameters.put("name", name);
        parameters.put("type", type);
        parameters.put("state", state);
        return QueryLinks.to(KeyStoreListController.PATH, parameters);
    }

    public boolean isActive() {
        return present(name) || present(type) || present(state);
    }

    @Contract("null -> false")
    private static boolean present(@Nullable String value) {
        return value != null && !value.isBlank();
    }

    private static String quoted(String value) {
        return value.length() <= QUOTED ? value : value.substring(0, QUOTED) + "…";
    }
}
