package com.cksconsole.kms;

import org.jspecify.annotations.Nullable;

/** The two kinds of custom key store. KMS never lets a store change its type. */
public enum KeyStoreType {

    AWS_CLOUDHSM("CloudHSM key store"), EXTERNAL_KEY_STORE("External key store (XKS)");

    private final String label;

    KeyStoreType(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /**
     * How long KMS documents connecting a store of this type to take, to complete
     * "Connecting it takes …".
     */
    public String connectTakes() {
        return this == AWS_CLOUDHSM ? "up to 20 minutes" : "about five minutes";
    }

    /**
     * How long KMS documents disconnecting to take; null for CloudHSM, for which KMS
     * publishes no figure.
     */
    public @Nullable String disconnectTakes() {
        return this == AWS_CLOUDHSM ? null : "about five minutes";
    }

}
