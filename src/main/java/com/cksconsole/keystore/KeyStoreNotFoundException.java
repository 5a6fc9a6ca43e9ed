package com.cksconsole.keystore;

/** No custom key store with this ID in the console's account and Region. */
public class KeyStoreNotFoundException extends RuntimeException {

    private final String keyStoreId;

    public KeyStoreNotFoundException(String keyStoreId) {
        super("No custom key store " + keyStoreId);
        this.keyStoreId = keyStoreId;
    }

    public String keyStoreId() {
        return keyStoreId;
    }

}
