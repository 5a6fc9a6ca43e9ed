package com.cksconsole.keystore.web;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.targets.Target;

/** A row of the key store list: a store and the target (account and Region) it is in. */
record ListedStore(Target target, CustomKeyStore store) {

    /** The store's type as the list names it. */
    public String typeLabel() {
        KeyStoreType type = store.type();
        return type == null ? "Unknown type" : type.label();
    }

    /**
     * When KMS created the store, as every page writes times; empty when KMS did not say.
     */
    public String createdText() {
        return KeyStoreFormats.utcText(store.creationDate());
    }

    /** The store's page. */
    public String path() {
        return "/t/" + target.name() + "/key-stores/" + store.id();
    }

}
