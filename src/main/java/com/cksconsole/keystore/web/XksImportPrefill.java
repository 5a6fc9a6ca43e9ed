package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationValues;

/**
 * Puts the values of an accepted proxy configuration into the XKS edit form exactly as
 * far as typing them would be allowed: a value is applied when the edit form accepts a
 * change of its property in the store's state (rules from
 * {@link UpdatePolicy#editRefusal}: on a CONNECTED store that includes what only a guided
 * change can make, which the review then offers), or when it equals the current value
 * anyway; otherwise the form keeps the current value and the outcome says why the file's
 * value was not applied. Fields the file does not carry keep what the operator had.
 *
 * @param form the form with the applied values; the secret is not in it (the caller holds
 * it server-side)
 * @param importedFields the form fields whose value now comes from the file and differs
 * from the store's, for the markers on the page (a value equal to the current one changes
 * nothing and is not marked)
 * @param applied what was filled in, in words, for the summary
 * @param sameAsNow what the file carries with the store's current value, in words
 * @param leftAsTheyWere what the file did not carry, in words
 * @param notApplied one sentence per value of the file that the store's state does not
 * let change now
 * @param credentialApplied whether the credential (access key ID and secret) was applied
 */
record XksImportPrefill(XksUpdateForm form, Set<String> importedFields, List<String> applied, List<String> sameAsNow,
        List<String> leftAsTheyWere, List<String> notApplied, boolean credentialApplied) {

    static final String ACCESS_KEY_ID_LABEL = "access key ID";
    static final String SECRET_LABEL = "secret access key";

    static XksImportPrefill of(XksUpdateForm base, CustomKeyStore store, ProxyConfigurationValues values,
            UpdatePolicy policy) {
        return new Builder(base, store, policy).apply(values);
    }

    /** Collects the outcome field by field; one use. */
    private static final class Builder {

        private final CustomKeyStore store;

        private final XksProxySettings current;

        private final UpdatePolicy policy;

        private final Set<String> importedFields = new LinkedHashSet<>();

        private final List<String> applied = new ArrayList<>();

        private final List<String> sameAsNow = new ArrayList<>();

        private final List<String> leftAsTheyWere = new ArrayList<>();

        private final List<String> notApplied = new ArrayList<>();

        private @Nullable String endpoint;

        private @Nullable String path;

        private @Nullable String connectivity;

        private @Nullable String serviceName;

        private final XksUpdateForm base;

        Builder(XksUpdateForm base, CustomKeyStore store, UpdatePolicy policy) {
            this.base = base;
            this.store = store;
            this.current = store.xks().orElse(XksProxySettings.NONE);
            this.policy = policy;
            this.endpoint = base.xksProxyUriEndpoint();
            this.path = base.xksProxyUriPath();
            this.connectivity = base.xksProxyConnectivity();
            this.serviceName = base.xksProxyVpcEndpointServiceName();
        }

        XksImportPrefill apply(ProxyConfigurationValues values) {
            leftAsTheyWere.add(UpdatableProperty.NAME.label());
            if (values.uriEndpoint() == null) {
                leftAsTheyWere.add(UpdatableProperty.XKS_URI_ENDPOINT.label());
            }
            else if (applies(UpdatableProperty.XKS_URI_ENDPOINT, values.uriEndpoint(), current.uriEndpoint())) {
                endpoint = values.uriEndpoint();
                imported(XksUpdateForm.ENDPOINT, UpdatableProperty.XKS_URI_ENDPOINT, values.uriEndpoint(),
                        current.uriEndpoint());
            }
            if (applies(UpdatableProperty.XKS_URI_PATH, values.uriPath(), current.uriPath())) {
                path = values.uriPath();
                imported(XksUpdateForm.PATH, UpdatableProperty.XKS_URI_PATH, values.uriPath(), current.uriPath());
            }
            XksConnectivity fileConnectivity = values.connectivity();
            if (fileConnectivity == null) {
                leftAsTheyWere.add(UpdatableProperty.XKS_CONNECTIVITY.label());
            }
            else if (applies(UpdatableProperty.XKS_CONNECTIVITY, fileConnectivity, current.connectivity())) {
                connectivity = fileConnectivity.name();
                imported(XksUpdateForm.CONNECTIVITY, UpdatableProperty.XKS_CONNECTIVITY, fileConnectivity,
                        current.connectivity());
            }
            if (values.vpcEndpointServiceName() == null) {
                leftAsTheyWere.add(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME.label());
            }
            else if (applies(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME, values.vpcEndpointServiceName(),
                    current.vpcEndpointServiceName())) {
                serviceName = values.vpcEndpointServiceName();
                imported(XksUpdateForm.SERVICE_NAME, UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME,
                        values.vpcEndpointServiceName(), current.vpcEndpointServiceName());
            }
            leftAsTheyWere.add(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER.label());

            // The secret is never equal to "the current value" (KMS does not reveal it):
            // applied only when allowed.
            boolean credentialApplied = applies(UpdatableProperty.XKS_CREDENTIAL, values.accessKeyId(), null);
            var credential = base.credential();
            if (credentialApplied) {
                credential = new XksCredentialForm(values.accessKeyId(), null, null);
                marked(XksUpdateForm.ACCESS_KEY_ID, ACCESS_KEY_ID_LABEL);
                marked(XksUpdateForm.SECRET, SECRET_LABEL);
            }
            var form = new XksUpdateForm(base.newCustomKeyStoreName(), endpoint, path, connectivity, serviceName,
                    base.xksProxyVpcEndpointServiceOwner(), credential, base.fingerprint());
            return new XksImportPrefill(form, Set.copyOf(importedFields), List.copyOf(applied), List.copyOf(sameAsNow),
                    List.copyOf(leftAsTheyWere), List.copyOf(notApplied), credentialApplied);
        }

        /**
         * Whether the file's value may go into the form; records why not when it may not.
         */
        private boolean applies(UpdatableProperty property, Object fileValue, @Nullable Object currentValue) {
            if (Objects.equals(fileValue, currentValue)) {
                return true;
            }
            // As typed input: what the edit form lets through, including what only a
            // guided change can make.
            var refusal = policy.editRefusal(store, property);
            if (refusal.isEmpty()) {
                return true;
            }
            String requirement = store.type() == null ? "" : ", and KMS accepts a new " + property.label()
                    + " only while it is " + policy.requirement(store.type(), property).description();
            notApplied.add("The file's " + property.label() + " was not applied: the key store is "
                    + store.connectionState().name() + requirement + ".");
            return false;
        }

        /**
         * A value of the file in the form: marked when it changes something, else only
         * named as the same.
         */
        private void imported(String field, UpdatableProperty property, Object fileValue,
                @Nullable Object currentValue) {
            if (Objects.equals(fileValue, currentValue)) {
                sameAsNow.add(property.label());
            }
            else {
                marked(field, property.label());
            }
        }

        private void marked(String field, String label) {
            importedFields.add(field);
            applied.add(label);
        }

    }
}
