package com.cksconsole.keystore;

import java.io.Serializable;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.XksConnectivity;

/**
 * Where an XKS pre-flight check calls: the proxy location and credential a key store will
 * have after a change.
 *
 * @param connectivity after the change; null when KMS reported a value unknown to the
 * console
 * @param credentialChanged whether the change brings a new credential (else the check
 * needs the current secret, which KMS never returns)
 */
public record PreflightTarget(String uriEndpoint, String uriPath, @Nullable XksConnectivity connectivity,
        String accessKeyId, boolean credentialChanged) implements Serializable {

    public boolean viaVpcEndpointService() {
        return connectivity == XksConnectivity.VPC_ENDPOINT_SERVICE;
    }
}
