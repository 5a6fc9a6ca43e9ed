package com.cksconsole.keystore.web;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.cksconsole.approval.ApprovalOperation;
import com.cksconsole.approval.ApprovalRequest;
import com.cksconsole.approval.ApprovalRequirement;
import com.cksconsole.approval.Approvals;
import com.cksconsole.approval.ChangeLine;
import com.cksconsole.approval.ProposedChange;
import com.cksconsole.keystore.CloudHsmChange;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreChange;
import com.cksconsole.keystore.KeyStoreFingerprint;
import com.cksconsole.keystore.UpdatableProperty;
import com.cksconsole.keystore.UpdatePolicy;
import com.cksconsole.keystore.XksChange;
import com.cksconsole.keystore.guided.GuidedMode;
import com.cksconsole.kms.XksConnectivity;

/**
 * An UpdateCustomKeyStore change (plain or guided) as the approval rules see it
 * (docs/approvals.md): its operations (one per property group, and a guided change's
 * disconnect and reconnect), its review lines, the values it is rebuilt from when the
 * approved request is executed, and its secrets as HMAC fingerprints only. Built the same
 * way when the approval is requested and when it is executed, so the hashes match only
 * for the same change of the same store.
 */
@Component
class UpdateApprovals {

    static final String PASSWORD = "KeyStorePassword";

    static final String SECRET_ACCESS_KEY = "RawSecretAccessKey";

    static final String MODE = "guidedMode";

    private final Approvals approvals;

    private final UpdatePolicy policy;

    UpdateApprovals(Approvals approvals, UpdatePolicy policy) {
        this.approvals = approvals;
        this.policy = policy;
    }

    /**
     * What the change needs: for a guided change whose end is not chosen yet, the
     * strictest (it may reconnect).
     */
    Optional<ApprovalRequirement> requirement(String target, PendingUpdate pending, boolean guided,
            @Nullable GuidedMode mode) {
        var end = guided ? (mode == null ? GuidedMode.RECONNECT : mode) : null;
        return approvals.requirement(target, pending.loaded().id(), operations(pending.change(), end));
    }

    static Set<ApprovalOperation> operations(KeyStoreChange change, @Nullable GuidedMode mode) {
        var operations = EnumSet.noneOf(ApprovalOperation.class);
        for (var property : change.properties()) {
            operations.add(switch (property) {
                case NAME -> ApprovalOperation.UPDATE_NAME;
                case KEY_STORE_PASSWORD -> ApprovalOperation.UPDATE_PASSWORD;
                case CLOUDHSM_CLUSTER_ID -> ApprovalOperation.UPDATE_CLUSTER;
                case XKS_CREDENTIAL -> ApprovalOperation.UPDATE_PROXY_CREDENTIAL;
                case XKS_URI_ENDPOINT, XKS_URI_PATH, XKS_CONNECTIVITY, XKS_VPC_ENDPOINT_SERVICE_NAME,
                        XKS_VPC_ENDPOINT_SERVICE_OWNER ->
                    ApprovalOperation.UPDATE_PROXY_LOCATION;
            });
        }
        if (mode != null) {
            operations.add(ApprovalOperation.GUIDED_CHANGE);
            operations.add(ApprovalOperation.DISCONNECT);
            if (mode == GuidedMode.RECONNECT) {
                operations.add(ApprovalOperation.CONNECT);
            }
        }
        return operations;
    }

    /** The change of {@code pending} (with its secrets' fingerprints) for approval. */
    ProposedChange describe(String target, CustomKeyStore store, KeyStoreChange change, @Nullable GuidedMode mode) {
        var lines = ReviewLine.of(store, change, policy)
            .stream()
            .map(line -> new ChangeLine(line.label(), line.before(), line.after()))
            .toList();
        var parameters = new HashMap<String, String>();
        var secrets = new HashMap<String, String>();
        if (mode != null) {
            parameters.put(MODE, mode.name());
        }
        if (change instanceof CloudHsmChange cloudHsm) {
            put(parameters, "newName", cloudHsm.newName());
            put(parameters, "cloudHsmClusterId", cloudHsm.cloudHsmClusterId());
            if (cloudHsm.keyStorePassword() != null) {
                secrets.put(PASSWORD, approvals.fingerprint(PASSWORD, cloudHsm.keyStorePassword().reveal()));
            }
        }
        else if (change instanceof XksChange xks) {
            put(parameters, "newName", xks.newName());
            put(parameters, "uriEndpoint", xks.uriEndpoint());
            put(parameters, "uriPath", xks.uriPath());
            put(parameters, "connectivity", xks.connectivity() == null ? null : xks.connectivity().name());
            put(parameters, "vpcEndpointServiceName", xks.vpcEndpointServiceName());
            put(parameters, "vpcEndpointServiceOwner", xks.vpcEndpointServiceOwner());
            if (xks.credential() != null) {
                parameters.put("accessKeyId", xks.credential().accessKeyId());
                secrets.put(SECRET_ACCESS_KEY,
                        approvals.fingerprint(SECRET_ACCESS_KEY, xks.credential().rawSecretAccessKey().reveal()));
            }
        }
        return new ProposedChange(target, store.id(), store.name() + " (" + store.id() + ")", operations(change, mode),
                lines, parameters, secrets, KeyStoreFingerprint.of(store),
                "/t/" + target + "/key-stores/" + store.id() + "/review/approved/");
    }

    /**
     * The approved change, rebuilt on the store as read now from the request's values and
     * the secrets entered again (absent: not part of the change).
     */
    static KeyStoreChange rebuild(ApprovalRequest request, CustomKeyStore store, Map<String, String> secrets) {
        var values = request.change().parameters();
        if (store.type() == com.cksconsole.kms.KeyStoreType.AWS_CLOUDHSM) {
            return CloudHsmChange.between(store, values.get("newName"), secrets.get(PASSWORD),
                    values.get("cloudHsmClusterId"));
        }
        String connectivity = values.get("connectivity");
        return XksChange.between(store, values.get("newName"), values.get("uriEndpoint"), values.get("uriPath"),
                connectivity == null ? null : XksConnectivity.valueOf(connectivity),
                values.get("vpcEndpointServiceName"), values.get("vpcEndpointServiceOwner"), values.get("accessKeyId"),
                secrets.get(SECRET_ACCESS_KEY));
    }

    static @Nullable GuidedMode mode(ApprovalRequest request) {
        String mode = request.change().parameters().get(MODE);
        return mode == null ? null : GuidedMode.valueOf(mode);
    }

    /**
     * The secrets the executor must enter again: the property names of the approved
     * change's secrets.
     */
    static Set<UpdatableProperty> secretsToEnter(ApprovalRequest request) {
        var secrets = EnumSet.noneOf(UpdatableProperty.class);
        if (request.change().secretFingerprints().containsKey(PASSWORD)) {
            secrets.add(UpdatableProperty.KEY_STORE_PASSWORD);
        }
        if (request.change().secretFingerprints().containsKey(SECRET_ACCESS_KEY)) {
            secrets.add(UpdatableProperty.XKS_CREDENTIAL);
        }
        return secrets;
    }

    private static void put(Map<String, String> parameters, String name, @Nullable String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

}
