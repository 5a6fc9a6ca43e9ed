package com.cksconsole.proxyconfig;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.XksConnectivity;

/**
 * The values an accepted proxy configuration file supplies, each already checked with the
 * same KMS constraints as typed input. The credential parts never appear in
 * {@link #toString()}.
 *
 * @param uriPath {@code XksProxyUriPath}
 * @param accessKeyId {@code XksProxyAuthenticationCredential.AccessKeyId} (sensitive in
 * the KMS model)
 * @param rawSecretAccessKey {@code XksProxyAuthenticationCredential.RawSecretAccessKey}:
 * hand it to {@link ImportedSecretStore}, never to the browser
 * @param uriEndpoint {@code XksProxyUriEndpoint}, when the file has it
 * @param connectivity {@code XksProxyConnectivity}, when the file has it
 * @param vpcEndpointServiceName {@code XksProxyVpcEndpointServiceName}, when the file has
 * it
 */
public record ProxyConfigurationValues(String uriPath, String accessKeyId, String rawSecretAccessKey,
        @Nullable String uriEndpoint, @Nullable XksConnectivity connectivity, @Nullable String vpcEndpointServiceName) {

    @Override
    public String toString() {
        return "ProxyConfigurationValues[uriPath=" + uriPath + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>"
                + ", uriEndpoint=" + uriEndpoint + ", connectivity=" + connectivity + ", vpcEndpointServiceName="
                + vpcEndpointServiceName + "]";
    }
}
