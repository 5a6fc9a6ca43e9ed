package com.cksconsole.kms;

/** How KMS reaches an external key store proxy. */
public enum XksConnectivity {

    PUBLIC_ENDPOINT("Public endpoint"), VPC_ENDPOINT_SERVICE("VPC endpoint service");

    private final String label;

    XksConnectivity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

}
