package com.cksconsole.keystore.web;

/** No guided change with this ID for this key store. */
class GuidedRunNotFoundException extends RuntimeException {

    private final String keyStoreId;

    GuidedRunNotFoundException(String keyStoreId) {
        super("No such guided change of " + keyStoreId);
        this.keyStoreId = keyStoreId;
    }

    String keyStoreId() {
        return keyStoreId;
    }

}
