package com.cksconsole.keystore;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;

/**
 * A change of an external key store; a null member is not sent (unchanged). Switching the
 * connectivity to PUBLIC_ENDPOINT sends no VPC endpoint service name or owner: KMS clears
 * them itself (KMS API Reference, UpdateCustomKeyStore).
 */
public record XksChange(@Nullable String newName, @Nullable String uriEndpoint, @Nullable String uriPath,
        @Nullable XksConnectivity connectivity, @Nullable String vpcEndpointServiceName,
        @Nullable String vpcEndpointServiceOwner, @Nullable XksCredential credential) implements KeyStoreChange {

    /**
     * The change from the store as loaded to what the operator entered, where null means
     * "left empty". A typed secret access key always counts as a change (KMS never
     * reveals the current one) and is sent with the access key ID entered, or the current
     * one when that was left empty.
     */
    public static XksChange between(CustomKeyStore loaded, @Nullable String name, @Nullable String endpoint,
            @Nullable String path, @Nullable XksConnectivity connectivity, @Nullable String serviceName,
            @Nullable String serviceOwner, @Nullable String accessKeyId, @Nullable String rawSecretAccessKey) {
        var current = loaded.xks().orElse(XksProxySettings.NONE);
        XksCredential credential = null;
        if (rawSecretAccessKey != null) {
            String keyId = accessKeyId != null ? accessKeyId : current.accessKeyId();
            credential = keyId == null ? null : new XksCredential(keyId, Secret.of(rawSecretAccessKey));
        }
        return new XksChange(changed(name, loaded.name()), changed(endpoint, current.uriEndpoint()),
                changed(path, current.uriPath()), connectivity == current.connectivity() ? null : connectivity,
                changed(serviceName, current.vpcEndpointServiceName()),
                changed(serviceOwner, current.vpcEndpointServiceOwner()), credential);
    }

    private static @Nullable String changed(@Nullable String entered, @Nullable String current) {
        return entered == null || entered.equals(current) ? null : entered;
    }

    @Override
    public KeyStoreType type() {
        return KeyStoreType.EXTERNAL_KEY_STORE;
    }

    @Override
    public Set<UpdatableProperty> properties() {
        var properties = EnumSet.noneOf(UpdatableProperty.class);
        if (newName != null) {
            properties.add(UpdatableProperty.NAME);
        }
        if (uriEndpoint != null) {
            properties.add(UpdatableProperty.XKS_URI_ENDPOINT);
        }
        if (uriPath != null) {
            properties.add(UpdatableProperty.XKS_URI_PATH);
        }
        if (connectivity != null) {
            properties.add(UpdatableProperty.XKS_CONNECTIVITY);
        }
        if (vpcEndpointServiceName != null) {
            properties.add(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME);
        }
        if (vpcEndpointServiceOwner != null) {
            properties.add(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER);
        }
        if (credential != null) {
            properties.add(UpdatableProperty.XKS_CREDENTIAL);
        }
        return properties;
    }

    /**
     * Whether this change moves the store to a proxy that must hold the same keys (or
     * data is lost).
     */
    public boolean redirectsProxy() {
        return uriEndpoint != null || uriPath != null || connectivity != null;
    }

    @Override
    public String toString() {
        return "XksChange[newName=" + newName + ", uriEndpoint=" + uriEndpoint + ", uriPath=" + uriPath
                + ", connectivity=" + connectivity + ", vpcEndpointServiceName=" + vpcEndpointServiceName
                + ", vpcEndpointServiceOwner=" + vpcEndpointServiceOwner + ", credential="
                + Objects.toString(credential, "unchanged") + "]";
    }
}
