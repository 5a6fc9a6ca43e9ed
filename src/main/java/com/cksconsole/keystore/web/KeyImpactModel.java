package com.cksconsole.keystore.web;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.util.function.SingletonSupplier;

import com.cksconsole.keystore.StoreKeys;
import com.cksconsole.kms.KeyStoreRef;

/**
 * Puts the KMS keys a change would make unusable on a confirmation page (disconnect, a
 * guided change, delete): attribute {@code keyImpact} ({@link StoreKeys.KeysOfStore}),
 * for the fragment {@code fragments/keystore :: keyImpact}. Without a {@link StoreKeys}
 * implementation the pages go without it.
 */
@Component
class KeyImpactModel {

    private final SingletonSupplier<StoreKeys> keys;

    KeyImpactModel(ObjectProvider<StoreKeys> keys) {
        this.keys = SingletonSupplier.of(keys::getIfAvailable);
    }

    /** The store's keys, when they can be known; returns them for callers that decide. */
    StoreKeys.@Nullable KeysOfStore add(Model model, KeyStoreRef store) {
        StoreKeys source = keys.get();
        if (source == null) {
            return null;
        }
        var impact = source.keysOf(store);
        model.addAttribute("keyImpact", impact);
        return impact;
    }

}
