package com.cksconsole.keystore.web;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.PreflightResult;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationSource;

/**
 * What the wizard's pages may show of an {@link XksDraft}: every value but the secret
 * access key, of which only whether one is held.
 */
public record XksDraftView(@Nullable String name, @Nullable XksConnectivity connectivity,
        @Nullable String vpcEndpointServiceName, @Nullable String vpcEndpointServiceOwner, @Nullable String uriEndpoint,
        @Nullable String uriPath, @Nullable String accessKeyId, boolean secretHeld,
        @Nullable ProxyConfigurationSource importedFrom, @Nullable PreflightResult preflight) {

    static XksDraftView of(XksDraft draft) {
        return new XksDraftView(draft.name(), draft.connectivity(), draft.vpcEndpointServiceName(),
                draft.vpcEndpointServiceOwner(), draft.uriEndpoint(), draft.uriPath(), draft.accessKeyId(),
                draft.secretHeld(), draft.importedFrom(), draft.preflight());
    }

}
