package com.cksconsole.keystore.web;

import jakarta.validation.Valid;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.view.VisibleText;

/**
 * The external key store edit form. Field names are the UpdateCustomKeyStore members; an
 * empty field means "unchanged". Constraints are the KMS ones, from
 * {@link com.cksconsole.kms.KmsConstraints}.
 */
record XksUpdateForm(@KmsValues.StoreName @Nullable String newCustomKeyStoreName,

        @KmsValues.ProxyEndpoint @Nullable String xksProxyUriEndpoint,

        @KmsValues.ProxyPath @Nullable String xksProxyUriPath,

        @EnumValue(of = XksConnectivity.class,
                message = "Choose either a public endpoint or a VPC endpoint service.") @Nullable String xksProxyConnectivity,

        @KmsValues.VpcServiceName @Nullable String xksProxyVpcEndpointServiceName,

        @KmsValues.AccountId @Nullable String xksProxyVpcEndpointServiceOwner,

        @Valid XksCredentialForm xksProxyAuthenticationCredential,

        @Nullable String fingerprint) implements UpdateForm {

    static final String NAME = "newCustomKeyStoreName";
    static final String ENDPOINT = "xksProxyUriEndpoint";
    static final String PATH = "xksProxyUriPath";
    static final String CONNECTIVITY = "xksProxyConnectivity";
    static final String SERVICE_NAME = "xksProxyVpcEndpointServiceName";
    static final String SERVICE_OWNER = "xksProxyVpcEndpointServiceOwner";
    static final String ACCESS_KEY_ID = "xksProxyAuthenticationCredential.accessKeyId";
    static final String SECRET = "xksProxyAuthenticationCredential.rawSecretAccessKey";
    static final String IMPORTED_SECRET = "xksProxyAuthenticationCredential.importedSecretHandle";

    /** The only request parameters this form binds. */
    static final String[] ALLOWED_FIELDS = { NAME, ENDPOINT, PATH, CONNECTIVITY, SERVICE_NAME, SERVICE_OWNER,
            ACCESS_KEY_ID, SECRET, IMPORTED_SECRET, FINGERPRINT };

    XksUpdateForm {
        // No credential parameter at all binds as null; an empty credential is simpler to
        // render and check.
        xksProxyAuthenticationCredential = xksProxyAuthenticationCredential == null ? XksCredentialForm.EMPTY
                : xksProxyAuthenticationCredential;
    }

    /**
     * Prefilled with the store's current values; the secret access key is never
     * prefilled.
     */
    static XksUpdateForm of(CustomKeyStore store) {
        var xks = store.xks().orElse(XksProxySettings.NONE);
        return new XksUpdateForm(prefilledName(store), xks.uriEndpoint(), xks.uriPath(),
                xks.connectivity() == null ? null : xks.connectivity().name(), xks.vpcEndpointServiceName(),
                xks.vpcEndpointServiceOwner(), new XksCredentialForm(xks.accessKeyId(), null), store.fingerprint());
    }

    /**
     * The current name for the name field, or nothing when it holds invisible or
     * direction-changing characters: in an input they would show as another name (the
     * page shows it escaped instead), and an empty field keeps the current name.
     */
    static @Nullable String prefilledName(CustomKeyStore store) {
        return VisibleText.containsHidden(store.name()) ? null : store.name();
    }

    /**
     * The form field that holds a property (the secret access key field for the
     * credential).
     */
    static String fieldOf(UpdatableProperty property) {
        return switch (property) {
            case XKS_URI_ENDPOINT -> ENDPOINT;
            case XKS_URI_PATH -> PATH;
            case XKS_CONNECTIVITY -> CONNECTIVITY;
            case XKS_VPC_ENDPOINT_SERVICE_NAME -> SERVICE_NAME;
            case XKS_VPC_ENDPOINT_SERVICE_OWNER -> SERVICE_OWNER;
            case XKS_CREDENTIAL -> SECRET;
            default -> NAME;
        };
    }

    XksCredentialForm credential() {
        return xksProxyAuthenticationCredential;
    }

    /**
     * The handle of a secret imported from a proxy configuration file and held
     * server-side, if any.
     */
    @Nullable String importedSecretHandle() {
        return credential().importedSecretHandle();
    }

    /**
     * The same input with the access key ID and the imported secret's handle (any typed
     * secret dropped).
     */
    XksUpdateForm withImportedSecret(String accessKeyId, String handle) {
        return withCredential(new XksCredentialForm(accessKeyId, null, handle));
    }

    /**
     * The same input without a handle: the imported secret was used, discarded or has
     * expired.
     */
    XksUpdateForm withoutImportedSecret() {
        return withCredential(
                new XksCredentialForm(credential().accessKeyId(), credential().rawSecretAccessKey(), null));
    }

    /**
     * The same input with the secret in the secret field, as if typed, and no handle: how
     * an imported secret is checked and turned into a change exactly like typed input.
     * Server-side only, never rendered.
     */
    XksUpdateForm withSecret(String rawSecretAccessKey) {
        return withCredential(new XksCredentialForm(credential().accessKeyId(), rawSecretAccessKey, null));
    }

    private XksUpdateForm withCredential(XksCredentialForm credential) {
        return new XksUpdateForm(newCustomKeyStoreName, xksProxyUriEndpoint, xksProxyUriPath, xksProxyConnectivity,
                xksProxyVpcEndpointServiceName, xksProxyVpcEndpointServiceOwner, credential, fingerprint);
    }

    @Override
    public XksUpdateForm withoutSecrets() {
        return new XksUpdateForm(newCustomKeyStoreName, xksProxyUriEndpoint, xksProxyUriPath, xksProxyConnectivity,
                xksProxyVpcEndpointServiceName, xksProxyVpcEndpointServiceOwner, credential().withoutSecret(),
                fingerprint);
    }

    @Override
    public String toString() {
        return "XksUpdateForm[newCustomKeyStoreName=" + newCustomKeyStoreName + ", xksProxyUriEndpoint="
                + xksProxyUriEndpoint + ", xksProxyUriPath=" + xksProxyUriPath + ", xksProxyConnectivity="
                + xksProxyConnectivity + ", xksProxyVpcEndpointServiceName=" + xksProxyVpcEndpointServiceName
                + ", xksProxyVpcEndpointServiceOwner=" + xksProxyVpcEndpointServiceOwner
                + ", xksProxyAuthenticationCredential=" + credential() + ", fingerprint=" + fingerprint + "]";
    }
}
