package com.cksconsole.xks;

import java.net.URI;

/**
 * One GetHealthStatus call: {@code POST <uriEndpoint><uriPath>/health}, signed with SigV4
 * (service {@code kms-xks-proxy}, the given region), body {@code requestMetadata} with
 * {@code kmsRequestId} and {@code kmsOperation}.
 *
 * @param uriEndpoint {@code https://host} as KMS stores it (no port, no path)
 * @param uriPath the proxy URI path, ending in {@code /kms/xks/v1}
 * @param kmsOperation {@code CreateCustomKeyStore}, {@code UpdateCustomKeyStore},
 * {@code ConnectCustomKeyStore} or {@code KmsHealthCheck}
 */
public record XksHealthCheckRequest(URI uriEndpoint, String uriPath, XksProxyCredential credential, String region,
        String kmsOperation, String kmsRequestId) {
}
