package com.cksconsole.proxyconfig;

import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The values an accepted proxy configuration file supplies, each already checked with the same KMS
 * constraints as typed input. The credential parts never appear in {@link #toString()}.
 *
 * @param uriPath {@code XksProxyUriPath}
 * @param accessKeyId {@code XksProxyAuthenticationCredential.AccessKeyId} (sensitive in the KMS model)
 * @param rawSecretAccessKey {@code XksProxyAuthenticationCredential.RawSecretAccessKey}: hand it to
 *     {@link ImportedSecretStore}, never to the browser
 * @param uriEndpoint {@code XksProxyUriEndpoint}, when the file has it
 * @param connectivity {@code XksProxyConnectivity}, when the file has it
 * @param vpcEndpointServiceName {@code XksProxyVpcEndpointServiceName}, when the file has it
 */
public record ProxyConfigurationValues(
        String uriPath,
        String accessKeyId,
        String rawSecretAccessKey,
        @Nullable String uriEndpoint,
        @Nullable XksConnectivity connectivity,
        @Nullable String vpcEndpointServiceName) {

    /** The keys whose values came from the file, so the page can say which fields were filled in. */
    public Set<ProxyConfigurationKey> suppliedKeys() {
        Set<ProxyConfigurationKey> keys = EnumSet.of(ProxyConfigurationKey.URI_PATH,
                ProxyConfigurationKey.ACCESS_KEY_ID, ProxyConfigurationKey.RAW_SECRET_ACCESS_KEY);
        if (uriEndpoint != null) {
            keys.add(ProxyConfigurationKey.URI_ENDPOINT);
        }
        if (connectivity != null) {
            keys.add(ProxyConfigurationKey.CONNECTIVITY);
        }
        if (vpcEndpointServiceName != null) {
            keys.add(ProxyConfigurationKey.VPC_ENDPOINT_SERVICE_NAME);
        }
        return keys;
    }

    public XksProxyCredential credential() {
        return new XksProxyCredential(accessKeyId, rawSecretAccessKey);
    }

    @Override
    public String toString() {
        return "ProxyConfigurationValues[uriPath=" + uriPath + ", accessKeyId=<redacted>, rawSecretAccessKey=<redacted>"
                + ", uriEndpoint=" + uriEndpoint + ", connectivity=" + connectivity
                + ", vpcEndpointServiceName=" + vpcEndpointServiceName + "]";
    }
}
