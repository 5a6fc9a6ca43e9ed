package com.cksconsole.keystore;

import java.util.List;

/**
 * Lost-update protection: the store changed between loading the form and applying, so the
 * change was not sent. Carries both versions to show what changed.
 */
public class KeyStoreChangedException extends RuntimeException {

    private final CustomKeyStore loaded;

    private final CustomKeyStore current;

    public KeyStoreChangedException(CustomKeyStore loaded, CustomKeyStore current) {
        super("Custom key store " + current.id() + " changed since it was loaded");
        this.loaded = loaded;
        this.current = current;
    }

    public CustomKeyStore loaded() {
        return loaded;
    }

    public CustomKeyStore current() {
        return current;
    }

    public List<PropertyDifference> differences() {
        return PropertyDifference.between(loaded, current);
    }

}
