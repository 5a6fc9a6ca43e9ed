package com.cksconsole.keystore.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CreationRules;
import com.cksconsole.kms.XksConnectivity;

/**
 * The forms of the external key store wizard's steps. Field names are the
 * CreateCustomKeyStore members' ({@link CreationRules}), so that a problem found later (a
 * rule, a KMS error) lands on its field; constraints are the KMS ones, from
 * {@link com.cksconsole.kms.KmsConstraints}, with the same sentences as the edit form.
 */
final class XksCreateForms {

    static final String[] NAME_FIELDS = { CreationRules.NAME };

    static final String[] CONNECTIVITY_FIELDS = { CreationRules.CONNECTIVITY, CreationRules.SERVICE_NAME,
            CreationRules.SERVICE_OWNER };

    static final String[] PROXY_FIELDS = { CreationRules.ENDPOINT, CreationRules.PATH, CreationRules.ACCESS_KEY_ID,
            CreationRules.SECRET };

    private XksCreateForms() {
    }

    /** Step 1: the name (the target is the page's). */
    record NameForm(@NotNull(
            message = "Enter a name for the key store.") @KmsValues.StoreName @Nullable String customKeyStoreName)
            implements
                java.io.Serializable {
    }

    /** Step 2: how KMS reaches the proxy. */
    record ConnectivityForm(@NotNull(message = "Choose either a public endpoint or a VPC endpoint service.") @EnumValue(
            of = XksConnectivity.class,
            message = "Choose either a public endpoint or a VPC endpoint service.") @Nullable String xksProxyConnectivity,

            @KmsValues.VpcServiceName @Nullable String xksProxyVpcEndpointServiceName,

            @KmsValues.AccountId @Nullable String xksProxyVpcEndpointServiceOwner) implements java.io.Serializable {

        @Nullable XksConnectivity connectivity() {
            try {
                return xksProxyConnectivity == null ? null : XksConnectivity.valueOf(xksProxyConnectivity);
            }
            catch (IllegalArgumentException invalid) {
                return null;
            }
        }
    }

    /** Step 3: the proxy's endpoint, path and credential. */
    record ProxyForm(@NotNull(
            message = "Enter the proxy URI endpoint.") @KmsValues.ProxyEndpoint @Nullable String xksProxyUriEndpoint,

            @NotNull(message = "Enter the proxy URI path.") @KmsValues.ProxyPath @Nullable String xksProxyUriPath,

            @Valid XksCredentialForm xksProxyAuthenticationCredential) implements java.io.Serializable {

        ProxyForm {
            xksProxyAuthenticationCredential = xksProxyAuthenticationCredential == null ? XksCredentialForm.EMPTY
                    : xksProxyAuthenticationCredential;
        }

        /** For the page after an error: the typed secret is never rendered back. */
        ProxyForm withoutSecret() {
            return new ProxyForm(xksProxyUriEndpoint, xksProxyUriPath,
                    xksProxyAuthenticationCredential.withoutSecret());
        }

        @Override
        public String toString() {
            return "ProxyForm[endpoint=" + xksProxyUriEndpoint + ", path=" + xksProxyUriPath + ", credential="
                    + xksProxyAuthenticationCredential + "]";
        }
    }

    /**
     * Step 5: the create button's one-use token and, for a failed pre-flight, the reason
     * to go on.
     */
    record CreateForm(@Nullable String formToken,
            @Size(max = com.cksconsole.keystore.PreflightClearance.OVERRIDE_REASON_MAX,
                    message = "The reason must be at most {max} characters long.") @Nullable String overrideReason)
            implements
                java.io.Serializable {
    }

}
