package com.cksconsole.keystore.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.XksProxySettings;
import com.cksconsole.kms.XksConnectivity;

/**
 * One line of the review page: a property, its current and its new value (a secret only
 * as "a new secret access key" or "the password you entered": the review page never holds
 * a secret) and the connection state it needs.
 */
record ReviewLine(String label, String before, String after, boolean secret, String requirement) {

    static final String NEW_PASSWORD = "the password you entered (never shown)";
    static final String CLEARED = "cleared by KMS";

    private static final String NOT_SET = "(not set)";

    static List<ReviewLine> of(CustomKeyStore store, KeyStoreChange change, UpdatePolicy policy) {
        var lines = new ArrayList<ReviewLine>();
        var xks = store.xks().orElse(XksProxySettings.NONE);
        for (var property : change.properties()) {
            String requirement = needs(policy, change, property);
            if (property.isSecret()) {
                String before = property == UpdatableProperty.XKS_CREDENTIAL
                        ? "access key ID " + show(xks.accessKeyId()) + " with its secret access key"
                        : "the password KMS knows now";
                String after = property == UpdatableProperty.XKS_CREDENTIAL ? newCredential(xks, (XksChange) change)
                        : NEW_PASSWORD;
                lines.add(new ReviewLine(property.title(), before, after, true, requirement));
            }
            else {
                lines.add(new ReviewLine(property.title(), show(current(store, xks, property)),
                        show(newValue(change, property)), false, requirement));
            }
        }
        if (change instanceof XksChange x && x.connectivity() == XksConnectivity.PUBLIC_ENDPOINT) {
            String requirement = needs(policy, change, UpdatableProperty.XKS_CONNECTIVITY);
            if (xks.vpcEndpointServiceName() != null) {
                lines.add(new ReviewLine(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_NAME.title(),
                        xks.vpcEndpointServiceName(), CLEARED, false, requirement));
            }
            if (xks.vpcEndpointServiceOwner() != null) {
                lines.add(new ReviewLine(UpdatableProperty.XKS_VPC_ENDPOINT_SERVICE_OWNER.title(),
                        xks.vpcEndpointServiceOwner(), CLEARED, false, requirement));
            }
        }
        return lines;
    }

    /**
     * "access key ID X with a new secret access key", or "the same access key ID with …"
     * (a rotated secret).
     */
    private static String newCredential(XksProxySettings current, XksChange change) {
        String accessKeyId = Objects.requireNonNull(change.credential(), "it lists the credential").accessKeyId();
        return (accessKeyId.equals(current.accessKeyId()) ? "the same access key ID" : "access key ID " + accessKeyId)
                + " with a new secret access key";
    }

    private static String needs(UpdatePolicy policy, KeyStoreChange change, UpdatableProperty property) {
        return "Needs the key store to be " + policy.requirement(change.type(), property).description() + ".";
    }

    private static @Nullable String current(CustomKeyStore store, XksProxySettings xks, UpdatableProperty property) {
        return switch (property) {
            case NAME -> store.name();
            case CLOUDHSM_CLUSTER_ID -> store.cloudHsmClusterId();
            case XKS_URI_ENDPOINT -> xks.uriEndpoint();
            case XKS_URI_PATH -> xks.uriPath();
            case XKS_CONNECTIVITY -> xks.connectivity() == null ? null : xks.connectivity().label();
            case XKS_VPC_ENDPOINT_SERVICE_NAME -> xks.vpcEndpointServiceName();
            case XKS_VPC_ENDPOINT_SERVICE_OWNER -> xks.vpcEndpointServiceOwner();
            default -> null;
        };
    }

    private static @Nullable String newValue(KeyStoreChange change, UpdatableProperty property) {
        if (change instanceof CloudHsmChange hsm) {
            return property == UpdatableProperty.NAME ? hsm.newName() : hsm.cloudHsmClusterId();
        }
        var xks = (XksChange) change;
        return switch (property) {
            case NAME -> xks.newName();
            case XKS_URI_ENDPOINT -> xks.uriEndpoint();
            case XKS_URI_PATH -> xks.uriPath();
            case XKS_CONNECTIVITY -> xks.connectivity() == null ? null : xks.connectivity().label();
            case XKS_VPC_ENDPOINT_SERVICE_NAME -> xks.vpcEndpointServiceName();
            case XKS_VPC_ENDPOINT_SERVICE_OWNER -> xks.vpcEndpointServiceOwner();
            default -> null;
        };
    }

    private static String show(@Nullable String value) {
        return value == null ? NOT_SET : value;
    }
}
