package com.cksconsole.keystore;

import java.util.Set;

import com.cksconsole.kms.KeyStoreType;

/**
 * A property that UpdateCustomKeyStore can change, with the store types it belongs to.
 */
public enum UpdatableProperty {

    NAME("NewCustomKeyStoreName", "name", Set.of(KeyStoreType.AWS_CLOUDHSM, KeyStoreType.EXTERNAL_KEY_STORE)),
    KEY_STORE_PASSWORD("KeyStorePassword", "key store password (the kmsuser password)",
            Set.of(KeyStoreType.AWS_CLOUDHSM)),
    CLOUDHSM_CLUSTER_ID("CloudHsmClusterId", "CloudHSM cluster ID", Set.of(KeyStoreType.AWS_CLOUDHSM)),
    XKS_URI_ENDPOINT("XksProxyUriEndpoint", "proxy URI endpoint", Set.of(KeyStoreType.EXTERNAL_KEY_STORE)),
    XKS_URI_PATH("XksProxyUriPath", "proxy URI path", Set.of(KeyStoreType.EXTERNAL_KEY_STORE)),
    XKS_CONNECTIVITY("XksProxyConnectivity", "proxy connectivity", Set.of(KeyStoreType.EXTERNAL_KEY_STORE)),
    XKS_VPC_ENDPOINT_SERVICE_NAME("XksProxyVpcEndpointServiceName", "VPC endpoint service name",
            Set.of(KeyStoreType.EXTERNAL_KEY_STORE)),
    XKS_VPC_ENDPOINT_SERVICE_OWNER("XksProxyVpcEndpointServiceOwner", "VPC endpoint service owner",
            Set.of(KeyStoreType.EXTERNAL_KEY_STORE)),
    XKS_CREDENTIAL("XksProxyAuthenticationCredential", "proxy authentication credential",
            Set.of(KeyStoreType.EXTERNAL_KEY_STORE));

    private final String kmsMember;

    private final String label;

    private final Set<KeyStoreType> types;

    UpdatableProperty(String kmsMember, String label, Set<KeyStoreType> types) {
        this.kmsMember = kmsMember;
        this.label = label;
        this.types = types;
    }

    /** The UpdateCustomKeyStore request member. */
    public String kmsMember() {
        return kmsMember;
    }

    /** Lower-case operator-facing name, for use inside a sentence. */
    public String label() {
        return label;
    }

    /**
     * The same name with a capital first letter, for use as a heading or at the start of
     * a sentence.
     */
    public String title() {
        return Character.toUpperCase(label.charAt(0)) + label.substring(1);
    }

    public boolean appliesTo(KeyStoreType type) {
        return types.contains(type);
    }

    /**
     * Secrets are write-only: the console can say they will be replaced, never what they
     * were.
     */
    public boolean isSecret() {
        return this == KEY_STORE_PASSWORD || this == XKS_CREDENTIAL;
    }

}
