package com.cksconsole.keystore;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;

/**
 * One custom key store as DescribeCustomKeyStores returned it. Holds no secret: KMS never
 * returns the CloudHSM {@code kmsuser} password or the XKS secret access key.
 *
 * @param type null when KMS reported a type unknown to this console
 * @param connectionErrorCode the KMS {@code ConnectionErrorCode}, present only while
 * FAILED
 * @param cloudHsmClusterId CloudHSM stores only
 * @param trustAnchorCertificate CloudHSM stores only (PEM text)
 * @param xksProxy external key stores only
 */
public record CustomKeyStore(String id, String name, @Nullable KeyStoreType type, ConnectionState connectionState,
        @Nullable String connectionErrorCode, @Nullable Instant creationDate, @Nullable String cloudHsmClusterId,
        @Nullable String trustAnchorCertificate, @Nullable XksProxySettings xksProxy) implements Serializable {

    public boolean isCloudHsm() {
        return type == KeyStoreType.AWS_CLOUDHSM;
    }

    public boolean isExternal() {
        return type == KeyStoreType.EXTERNAL_KEY_STORE;
    }

    public Optional<XksProxySettings> xks() {
        return Optional.ofNullable(xksProxy);
    }

    /**
     * Every property Describe returned, in one fixed order. This order is the canonical
     * form behind the {@link #fingerprint() fingerprint} and the field-by-field
     * comparison of two versions of a store.
     */
    public List<DescribedProperty> describedProperties() {
        var xks = xksProxy == null ? XksProxySettings.NONE : xksProxy;
        var properties = new ArrayList<DescribedProperty>();
        properties.add(new DescribedProperty("CustomKeyStoreId", "Key store ID", id));
        properties.add(new DescribedProperty("CustomKeyStoreName", "Name", name));
        properties.add(new DescribedProperty("CustomKeyStoreType", "Type", type == null ? null : type.name()));
        properties.add(new DescribedProperty("ConnectionState", "Connection state", connectionState.name()));
        properties.add(new DescribedProperty("ConnectionErrorCode", "Connection error code", connectionErrorCode));
        properties.add(new DescribedProperty("CreationDate", "Creation date",
                creationDate == null ? null : creationDate.toString()));
        properties.add(new DescribedProperty("CloudHsmClusterId", "CloudHSM cluster ID", cloudHsmClusterId));
        properties
            .add(new DescribedProperty("TrustAnchorCertificate", "Trust anchor certificate", trustAnchorCertificate));
        properties.add(new DescribedProperty("XksProxyConfiguration.Connectivity", "Proxy connectivity",
                xks.connectivity() == null ? null : xks.connectivity().name()));
        properties
            .add(new DescribedProperty("XksProxyConfiguration.UriEndpoint", "Proxy URI endpoint", xks.uriEndpoint()));
        properties.add(new DescribedProperty("XksProxyConfiguration.UriPath", "Proxy URI path", xks.uriPath()));
        properties
            .add(new DescribedProperty("XksProxyConfiguration.AccessKeyId", "Proxy access key ID", xks.accessKeyId()));
        properties.add(new DescribedProperty("XksProxyConfiguration.VpcEndpointServiceName",
                "VPC endpoint service name", xks.vpcEndpointServiceName()));
        properties.add(new DescribedProperty("XksProxyConfiguration.VpcEndpointServiceOwner",
                "VPC endpoint service owner", xks.vpcEndpointServiceOwner()));
        return properties;
    }

    /** See {@link KeyStoreFingerprint}. */
    public String fingerprint() {
        return KeyStoreFingerprint.of(this);
    }

    /**
     * The fingerprint of the store's settings only: every described property except the
     * connection state and its error code, so that it stays the same while a guided
     * change disconnects and reconnects the store and changes exactly when someone
     * changes a setting.
     */
    public String settingsFingerprint() {
        return KeyStoreFingerprint.of(new CustomKeyStore(id, name, type, ConnectionState.UNKNOWN, null, creationDate,
                cloudHsmClusterId, trustAnchorCertificate, xksProxy));
    }
}
