package com.cksconsole.keystore;

import java.time.Instant;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;

/**
 * Key stores as Describe returns them, shaped like the sandbox's seeded ones, for unit
 * and slice tests.
 */
public final class TestKeyStores {

    public static final String HSM_ID = "cks-8b1e4d7a2c9f03516";

    public static final String XKS_PUBLIC_ID = "cks-2d9c6a1f8e4b7035c";

    public static final String XKS_VPC_ID = "cks-6e0f3b8d5a1c29e47";

    public static final Instant CREATED = Instant.parse("2025-03-02T14:05:51.207Z");

    public static final String VPC_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";

    private TestKeyStores() {
    }

    public static CustomKeyStore cloudHsm(ConnectionState state) {
        return new CustomKeyStore(HSM_ID, "payments-hsm-dr", KeyStoreType.AWS_CLOUDHSM, state,
                state == ConnectionState.FAILED ? "INVALID_CREDENTIALS" : null, CREATED, "cluster-k4p2mq7xa3b",
                "-----BEGIN CERTIFICATE-----\nnot-a-real-certificate\n-----END CERTIFICATE-----\n", null);
    }

    public static CustomKeyStore xksPublic(ConnectionState state) {
        return new CustomKeyStore(XKS_PUBLIC_ID, "ekm-public-tenant-a", KeyStoreType.EXTERNAL_KEY_STORE, state,
                state == ConnectionState.FAILED ? "XKS_PROXY_TIMED_OUT" : null, CREATED, null, null,
                new XksProxySettings(XksConnectivity.PUBLIC_ENDPOINT, "https://xks-public.sandbox.example.com",
                        "/tenant-a/kms/xks/v1", "SANDBOXTENANTAKEYID234", null, null));
    }

    public static CustomKeyStore xksVpc(ConnectionState state) {
        return new CustomKeyStore(XKS_VPC_ID, "ekm-private-vpc", KeyStoreType.EXTERNAL_KEY_STORE, state, null, CREATED,
                null, null,
                new XksProxySettings(XksConnectivity.VPC_ENDPOINT_SERVICE, "https://xks-private.sandbox.example.com",
                        "/kms/xks/v1", "SANDBOXPRIVATEKEYID234", VPC_SERVICE, "111122223333"));
    }

    public static CustomKeyStore renamed(CustomKeyStore store, String name) {
        return new CustomKeyStore(store.id(), name, store.type(), store.connectionState(), store.connectionErrorCode(),
                store.creationDate(), store.cloudHsmClusterId(), store.trustAnchorCertificate(), store.xksProxy());
    }

    public static CustomKeyStore inState(CustomKeyStore store, ConnectionState state) {
        return new CustomKeyStore(store.id(), store.name(), store.type(), state, store.connectionErrorCode(),
                store.creationDate(), store.cloudHsmClusterId(), store.trustAnchorCertificate(), store.xksProxy());
    }

}
