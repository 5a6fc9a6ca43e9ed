package com.cksconsole.keystore;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * An external key store to create (KMS API Reference, CreateCustomKeyStore with
 * {@code CustomKeyStoreType} EXTERNAL_KEY_STORE) in one account and Region.
 *
 * @param vpcEndpointServiceName only for VPC endpoint service connectivity
 * @param vpcEndpointServiceOwner only for VPC endpoint service connectivity; null means
 * the caller's account (KMS's default)
 */
public record NewXksStore(KmsTarget target, String name, XksConnectivity connectivity, String uriEndpoint,
        String uriPath, @Nullable String vpcEndpointServiceName, @Nullable String vpcEndpointServiceOwner,
        XksCredential credential) {

    public boolean viaVpcEndpointService() {
        return connectivity == XksConnectivity.VPC_ENDPOINT_SERVICE;
    }

    /** Where the console's own GetHealthStatus calls before the store is created. */
    public PreflightTarget preflightTarget() {
        return new PreflightTarget(uriEndpoint, uriPath, connectivity, credential.accessKeyId(), true);
    }

    @Override
    public String toString() {
        // The credential's own toString redacts the secret.
        return "NewXksStore[target=" + target + ", name=" + name + ", connectivity=" + connectivity + ", uriEndpoint="
                + uriEndpoint + ", uriPath=" + uriPath + ", credential=" + credential + "]";
    }

}
