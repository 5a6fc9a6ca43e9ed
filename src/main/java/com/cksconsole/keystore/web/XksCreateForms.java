package com.cksconsole.keystore.web;

import static com.cksconsole.kms.KmsConstraints.ACCOUNT_ID_MAX;
import static com.cksconsole.kms.KmsConstraints.ACCOUNT_ID_MIN;
import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX;
import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_ENDPOINT_PATTERN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_PATTERN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
    record NameForm(@NotNull(message = "Enter a name for the key store.") @Size(min = CUSTOM_KEY_STORE_NAME_MIN,
            max = CUSTOM_KEY_STORE_NAME_MAX,
            message = "The name must be {min} to {max} characters long.") @Nullable String customKeyStoreName) {
    }

    /** Step 2: how KMS reaches the proxy. */
    record ConnectivityForm(@NotNull(message = "Choose either a public endpoint or a VPC endpoint service.") @EnumValue(
            of = XksConnectivity.class,
            message = "Choose either a public endpoint or a VPC endpoint service.") @Nullable String xksProxyConnectivity,

            @Size(min = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN, max = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX,
                    message = "A VPC endpoint service name is {min} to {max} characters long.") @Pattern(
                            regexp = XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_PATTERN,
                            message = "A VPC endpoint service name looks like "
                                    + "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718.") @Nullable String xksProxyVpcEndpointServiceName,

            @Size(min = ACCOUNT_ID_MIN, max = ACCOUNT_ID_MAX,
                    message = "The owner is an AWS account ID of exactly {max} digits.") @Pattern(
                            regexp = XksUpdateForm.ACCOUNT_ID_CHARACTERS,
                            message = "An AWS account ID has digits only.") @Nullable String xksProxyVpcEndpointServiceOwner) {

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
    record ProxyForm(@NotNull(message = "Enter the proxy URI endpoint.") @Size(min = XKS_PROXY_URI_ENDPOINT_MIN,
            max = XKS_PROXY_URI_ENDPOINT_MAX,
            message = "The endpoint must be {min} to {max} characters long.") @Pattern(
                    regexp = XKS_PROXY_URI_ENDPOINT_PATTERN,
                    message = "The endpoint must start with https:// and contain only a host name: no port, path or "
                            + "trailing slash.") @Nullable String xksProxyUriEndpoint,

            @NotNull(message = "Enter the proxy URI path.") @Size(min = XKS_PROXY_URI_PATH_MIN,
                    max = XKS_PROXY_URI_PATH_MAX,
                    message = "The path must be {min} to {max} characters long.") @Pattern(
                            regexp = XKS_PROXY_URI_PATH_PATTERN,
                            message = "The path must end in /kms/xks/v1 (or another version up to v99), optionally "
                                    + "after a prefix such as /tenant-a, with only letters, digits, /, _ and -.") @Nullable String xksProxyUriPath,

            @Valid XksCredentialForm xksProxyAuthenticationCredential) {

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
                    message = "The reason must be at most {max} characters long.") @Nullable String overrideReason) {
    }

}
