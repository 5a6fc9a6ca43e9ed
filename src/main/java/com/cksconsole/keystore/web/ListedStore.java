package com.cksconsole.keystore.web;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.targets.Target;

/** A row of the key store list: a store and the target (account and Region) it is in. */
record ListedStore(Target target, CustomKeyStore store) {

    /** The store's page. */
    public String path() {
        return "/t/" + target.name() + "/key-stores/" + store.id();
    }

}
