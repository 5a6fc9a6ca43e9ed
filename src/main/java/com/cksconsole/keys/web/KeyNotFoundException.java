package com.cksconsole.keys.web;

/** A key ID the store does not hold (or that cannot be a key ID). */
class KeyNotFoundException extends RuntimeException {

    private final String keyId;

    KeyNotFoundException(String keyId) {
        super("No such key in this key store", null, false, false);
        this.keyId = keyId;
    }

    String keyId() {
        return keyId;
    }

}
