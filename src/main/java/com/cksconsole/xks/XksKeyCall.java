package com.cksconsole.xks;

import java.net.URI;

/**
 * Where and as whom one key operation is sent: {@code POST <uriEndpoint><uriPath>/keys/
 * <externalKeyId>/<operation>}, SigV4-signed (service {@code kms-xks-proxy}, the given
 * region), with the given {@code requestMetadata}.
 *
 * @param uriEndpoint {@code https://host} as KMS stores it (no port, no path)
 * @param uriPath the proxy URI path, ending in {@code /kms/xks/v1}
 * @param externalKeyId 1-128 characters of {@code A-Za-z0-9-._} (XKS proxy API
 * specification, "API operations")
 */
public record XksKeyCall(URI uriEndpoint, String uriPath, XksProxyCredential credential, String region,
        String externalKeyId, XksRequestMetadata requestMetadata) {
}
