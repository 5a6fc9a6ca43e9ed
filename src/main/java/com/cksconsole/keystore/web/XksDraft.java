package com.cksconsole.keystore.web;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.NewXksStore;
import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.keystore.Secret;
import com.cksconsole.keystore.XksCredential;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * What the external key store wizard holds between its pages, on the server: the values
 * of the steps so far, the secret access key (in memory only, never rendered), the latest
 * pre-flight result and the one-use token of the review page's create button.
 *
 * @param formToken the token the review page's form must bring; null once used (a
 * replayed or doubled submit finds none)
 * @param importedFrom the proxy configuration file the path and credential came from
 */
record XksDraft(String id, String username, String targetName, KmsTarget target, @Nullable String name,
        @Nullable XksConnectivity connectivity, @Nullable String vpcEndpointServiceName,
        @Nullable String vpcEndpointServiceOwner, @Nullable String uriEndpoint, @Nullable String uriPath,
        @Nullable String accessKeyId, @Nullable Secret secret, @Nullable ProxyConfigurationSource importedFrom,
        @Nullable PreflightResult preflight, @Nullable String formToken,
        Instant expiresAt) implements WizardDrafts.Draft<XksDraft> {

    static XksDraft start(String id, String username, String targetName, KmsTarget target, Instant expiresAt) {
        return new XksDraft(id, username, targetName, target, null, null, null, null, null, null, null, null, null,
                null, null, expiresAt);
    }

    XksDraft withName(String newName) {
        return new XksDraft(id, username, targetName, target, newName, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner, uriEndpoint, uriPath, accessKeyId, secret, importedFrom, null, null,
                expiresAt);
    }

    XksDraft withConnectivity(XksConnectivity newConnectivity, @Nullable String serviceName,
            @Nullable String serviceOwner) {
        boolean vpc = newConnectivity == XksConnectivity.VPC_ENDPOINT_SERVICE;
        return new XksDraft(id, username, targetName, target, name, newConnectivity, vpc ? serviceName : null,
                vpc ? serviceOwner : null, uriEndpoint, uriPath, accessKeyId, secret, importedFrom, null, null,
                expiresAt);
    }

    /**
     * @param newSecret null keeps the secret already held (typed before or imported)
     */
    XksDraft withProxy(String endpoint, String path, String keyId, @Nullable Secret newSecret,
            @Nullable ProxyConfigurationSource source) {
        return new XksDraft(id, username, targetName, target, name, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner, endpoint, path, keyId, newSecret != null ? newSecret : secret,
                newSecret != null ? source : importedFrom, null, null, expiresAt);
    }

    XksDraft withPreflight(PreflightResult result) {
        return new XksDraft(id, username, targetName, target, name, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner, uriEndpoint, uriPath, accessKeyId, secret, importedFrom, result, formToken,
                expiresAt);
    }

    @Override
    public XksDraft renewed(Instant newExpiry) {
        return new XksDraft(id, username, targetName, target, name, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner, uriEndpoint, uriPath, accessKeyId, secret, importedFrom, preflight, formToken,
                newExpiry);
    }

    @Override
    public XksDraft withFormToken(@Nullable String token) {
        return new XksDraft(id, username, targetName, target, name, connectivity, vpcEndpointServiceName,
                vpcEndpointServiceOwner, uriEndpoint, uriPath, accessKeyId, secret, importedFrom, preflight, token,
                expiresAt);
    }

    boolean secretHeld() {
        return secret != null;
    }

    /** The store to create, once every step has its values. */
    Optional<NewXksStore> store() {
        if (name == null || connectivity == null || uriEndpoint == null || uriPath == null || accessKeyId == null
                || secret == null) {
            return Optional.empty();
        }
        return Optional.of(new NewXksStore(target, name, connectivity, uriEndpoint, uriPath, vpcEndpointServiceName,
                vpcEndpointServiceOwner, new XksCredential(accessKeyId, secret)));
    }

    @Override
    public String toString() {
        return "XksDraft[id=" + id + ", target=" + target + ", name=" + name + ", secret="
                + (secret == null ? "none" : "<redacted>") + "]";
    }

}
