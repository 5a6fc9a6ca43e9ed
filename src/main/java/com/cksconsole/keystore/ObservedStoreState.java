package com.cksconsole.keystore;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreRef;

/**
 * What the console last saw of one key store (table {@code observed_store_state}): its
 * settings, its connection state, and since when.
 *
 * @param store the key store (its account, Region and ID)
 * @param settings every described property but the ID, the connection state and its error
 * code, by KMS member name (a null value: not set); never a secret, KMS returns none
 * @param settingsSince the start of the Describe that first showed these settings
 * @param stateSince the start of the Describe that first showed this connection state
 * @param observedAt the start of the Describe that last changed this record
 * @param version bumped by every write (writes are conditional on it)
 */
public record ObservedStoreState(KeyStoreRef store, Map<String, @Nullable String> settings, Instant settingsSince,
        ConnectionState connectionState, Instant stateSince, Instant observedAt, long version) {

    /**
     * Described properties that are not settings: they move by themselves (or identify
     * the store).
     */
    static final Set<String> NOT_SETTINGS = Set.of("CustomKeyStoreId", "ConnectionState", "ConnectionErrorCode");

    public ObservedStoreState {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /**
     * A store seen for the first time by a Describe that started at {@code startedAt}.
     */
    static ObservedStoreState first(KeyStoreRef ref, CustomKeyStore store, Instant startedAt) {
        return new ObservedStoreState(ref, settingsOf(store), startedAt, store.connectionState(), startedAt, startedAt,
                0);
    }

    /**
     * This record moved on to what {@code store} shows, by a Describe that started at
     * {@code startedAt}.
     */
    ObservedStoreState seenAgain(CustomKeyStore store, Instant startedAt) {
        var newSettings = settingsOf(store);
        boolean settingsChanged = !newSettings.equals(settings);
        boolean stateChanged = store.connectionState() != connectionState;
        return new ObservedStoreState(this.store, newSettings, settingsChanged ? startedAt : settingsSince,
                store.connectionState(), stateChanged ? startedAt : stateSince, startedAt, version + 1);
    }

    /** Whether {@code store} shows exactly these settings and this connection state. */
    boolean matches(CustomKeyStore store) {
        return store.connectionState() == connectionState && settingsOf(store).equals(settings);
    }

    /** The store's ID (for pages within its account and Region). */
    public String storeId() {
        return store.keyStoreId();
    }

    /** The name the store had when it was last seen. */
    public @Nullable String name() {
        return settings.get("CustomKeyStoreName");
    }

    static Map<String, @Nullable String> settingsOf(CustomKeyStore store) {
        Map<String, @Nullable String> values = new LinkedHashMap<>();
        for (var property : store.describedProperties()) {
            if (!NOT_SETTINGS.contains(property.name())) {
                values.put(property.name(), property.value());
            }
        }
        return values;
    }
}
