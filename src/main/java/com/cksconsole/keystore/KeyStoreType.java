package com.cksconsole.keystore;

/** The two kinds of custom key store. KMS never lets a store change its type. */
public enum KeyStoreType {
    AWS_CLOUDHSM("CloudHSM key store"),
    EXTERNAL_KEY_STORE("External key store (XKS)");

    private final String label;

    KeyStoreType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
