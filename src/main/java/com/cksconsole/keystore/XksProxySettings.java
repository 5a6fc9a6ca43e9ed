package com.cksconsole.keystore;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.XksConnectivity;

/**
 * The XKS proxy configuration that DescribeCustomKeyStores returns (never the secret
 * access key).
 *
 * @param connectivity how KMS reaches the proxy; null when KMS reported a value unknown
 * to this console
 * @param vpcEndpointServiceName only for VPC endpoint service connectivity
 * @param vpcEndpointServiceOwner only for VPC endpoint service connectivity
 */
public record XksProxySettings(@Nullable XksConnectivity connectivity, @Nullable String uriEndpoint,
        @Nullable String uriPath, @Nullable String accessKeyId, @Nullable String vpcEndpointServiceName,
        @Nullable String vpcEndpointServiceOwner) implements Serializable {

    /** No proxy configuration described (every member absent). */
    public static final XksProxySettings NONE = new XksProxySettings(null, null, null, null, null, null);

}
