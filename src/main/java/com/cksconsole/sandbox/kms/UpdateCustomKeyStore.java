package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsField.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.kms.RegionTransactions.Plan;
import com.cksconsole.sandbox.kms.RegionTransactions.Region;
import com.cksconsole.sandbox.kms.SandboxKeyStore.CloudHsmSettings;
import com.cksconsole.sandbox.kms.SandboxKeyStore.XksSettings;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

/**
 * UpdateCustomKeyStore (KMS API Reference, UpdateCustomKeyStore). Check order: shape, "at
 * least one member", CustomKeyStoreNotFound, members of the other store type and
 * connectivity-switch rules (ValidationException, unconfirmed at AWS), connection state
 * per changed member, uniqueness, backing cluster / VPC endpoint service, XKS proxy
 * health check with the new values.
 *
 * <p>
 * Secrets are never compared with the stored ones: a KeyStorePassword or
 * XksProxyAuthenticationCredential in the request is a change whatever its value, so in a
 * state that does not allow it (KMS API Reference, UpdateCustomKeyStore) it is refused
 * with CustomKeyStoreInvalidStateException even when it equals the stored secret, and an
 * allowed credential is health-checked as sent. Otherwise "accepted as no change" versus
 * "refused" would tell a caller whether a guessed secret is the stored one.
 *
 * <p>
 * Choices where the KMS documentation is silent (see docs/sandbox.md): any other member
 * whose value equals the stored one is not a change (so re-sending unchanged values, e.g.
 * from a proxy configuration file, is accepted in any state; Describe shows those values
 * anyway); changes are refused in CONNECTING, FAILED and DISCONNECTING (the API text
 * names only CONNECTED and DISCONNECTED); an external key store with VPC connectivity
 * that is DISCONNECTED is not health-checked (no network path exists before Connect, as
 * on Create), a CONNECTED one is; an empty XksProxyVpcEndpointServiceName is accepted
 * only when the store switches to PUBLIC_ENDPOINT (the documented way to clear it); the
 * service name and owner are cleared on that switch.
 */
final class UpdateCustomKeyStore implements KmsOperation {

    private static final List<String> CLOUDHSM_MEMBERS = List.of("KeyStorePassword", "CloudHsmClusterId");

    private static final List<String> XKS_MEMBERS = List.of("XksProxyUriEndpoint", "XksProxyUriPath",
            "XksProxyVpcEndpointServiceName", "XksProxyVpcEndpointServiceOwner", "XksProxyAuthenticationCredential",
            "XksProxyConnectivity");

    private final RegionTransactions transactions;

    private final KeyStoreRules rules;

    private final SimulatedAws aws;

    private final boolean cloudHsmRenameWhileConnected;

    UpdateCustomKeyStore(RegionTransactions transactions, KeyStoreRules rules, SimulatedAws aws,
            boolean cloudHsmRenameWhileConnected) {
        this.transactions = transactions;
        this.rules = rules;
        this.aws = aws;
        this.cloudHsmRenameWhileConnected = cloudHsmRenameWhileConnected;
    }

    @Override
    public String name() {
        return "UpdateCustomKeyStore";
    }

    private record Request(String id, @Nullable String newName, @Nullable String password, @Nullable String clusterId,
            @Nullable String endpoint, @Nullable String path, @Nullable String vpcServiceName,
            @Nullable String vpcServiceOwner, @Nullable String accessKeyId, @Nullable String secret,
            @Nullable String connectivity) {

        Map<String, @Nullable Object> members() {
            var members = new LinkedHashMap<String, @Nullable Object>();
            members.put("NewCustomKeyStoreName", newName);
            members.put("KeyStorePassword", password);
            members.put("CloudHsmClusterId", clusterId);
            members.put("XksProxyUriEndpoint", endpoint);
            members.put("XksProxyUriPath", path);
            members.put("XksProxyVpcEndpointServiceName", vpcServiceName);
            members.put("XksProxyVpcEndpointServiceOwner", vpcServiceOwner);
            members.put("XksProxyAuthenticationCredential", accessKeyId);
            members.put("XksProxyConnectivity", connectivity);
            return members;
        }

        List<String> present(List<String> names) {
            Map<String, @Nullable Object> members = members();
            return names.stream().filter(name -> members.get(name) != null).toList();
        }

        @Override
        public String toString() {
            return "UpdateCustomKeyStore.Request[id=" + id + "]";
        }
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest json) {
        Request request = read(json);
        transactions.execute(call.target(), call.requestId(), region -> plan(region, request));
        return KmsOperation.emptyResponse();
    }

    private static Request read(KmsRequest json) {
        KmsRequest credential = json.structure("XksProxyAuthenticationCredential");
        String accessKeyId = credential == null ? null : credential.string("AccessKeyId");
        String secret = credential == null ? null : credential.string("RawSecretAccessKey");
        String id = json.string("CustomKeyStoreId");
        String vpcServiceName = json.string("XksProxyVpcEndpointServiceName");
        var errors = new ValidationErrors().required("customKeyStoreId", id)
            .check("customKeyStoreId", CUSTOM_KEY_STORE_ID, id);
        var request = new Request(String.valueOf(id), json.string("NewCustomKeyStoreName"),
                json.string("KeyStorePassword"), json.string("CloudHsmClusterId"), json.string("XksProxyUriEndpoint"),
                json.string("XksProxyUriPath"), vpcServiceName, json.string("XksProxyVpcEndpointServiceOwner"),
                accessKeyId, secret, json.string("XksProxyConnectivity"));
        errors.check("newCustomKeyStoreName", CUSTOM_KEY_STORE_NAME, request.newName())
            .check("keyStorePassword", KEY_STORE_PASSWORD, request.password())
            .check("cloudHsmClusterId", CLOUDHSM_CLUSTER_ID, request.clusterId())
            .check("xksProxyUriEndpoint", XKS_PROXY_URI_ENDPOINT, request.endpoint())
            .check("xksProxyUriPath", XKS_PROXY_URI_PATH, request.path())
            // "" asks to clear the name when switching to PUBLIC_ENDPOINT; judged with
            // the store below.
            .check("xksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
                    "".equals(vpcServiceName) ? null : vpcServiceName)
            .check("xksProxyVpcEndpointServiceOwner", XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, request.vpcServiceOwner());
        if (credential != null) {
            errors.required("xksProxyAuthenticationCredential.accessKeyId", accessKeyId)
                .check("xksProxyAuthenticationCredential.accessKeyId", XKS_ACCESS_KEY_ID, accessKeyId)
                .required("xksProxyAuthenticationCredential.rawSecretAccessKey", secret)
                .check("xksProxyAuthenticationCredential.rawSecretAccessKey", XKS_RAW_SECRET_ACCESS_KEY, secret);
        }
        errors.enumValue("xksProxyConnectivity", request.connectivity(), XksConnectivity.class).throwIfAny();
        if (request.present(new ArrayList<>(request.members().keySet())).isEmpty()) {
            throw KmsError.validation("Specify at least one property to change: NewCustomKeyStoreName, "
                    + "KeyStorePassword or CloudHsmClusterId (AWS_CLOUDHSM), or XksProxyUriEndpoint, XksProxyUriPath, "
                    + "XksProxyAuthenticationCredential, XksProxyConnectivity, XksProxyVpcEndpointServiceName or "
                    + "XksProxyVpcEndpointServiceOwner (EXTERNAL_KEY_STORE).");
        }
        return request;
    }

    private Plan<Boolean> plan(Region region, Request request) {
        SandboxKeyStore store = region.require(request.id());
        List<String> misplaced = request
            .present(store.type() == KeyStoreType.AWS_CLOUDHSM ? XKS_MEMBERS : CLOUDHSM_MEMBERS);
        if (!misplaced.isEmpty()) {
            throw KmsError.validation(String.join(", ", misplaced) + " cannot be specified for custom key store "
                    + store.id() + ", which is of type " + store.type() + ".");
        }
        return store.type() == KeyStoreType.AWS_CLOUDHSM ? planCloudHsm(region, store, request)
                : planXks(region, store, request);
    }

    private Plan<Boolean> planCloudHsm(Region region, SandboxKeyStore store, Request request) {
        CloudHsmSettings current = store.requireCloudHsm();
        boolean renamed = request.newName() != null && !request.newName().equals(store.name());
        // Present is a change: never compared with the stored password (see the class
        // comment).
        boolean passwordChanged = request.password() != null;
        boolean clusterChanged = request.clusterId() != null && !request.clusterId().equals(current.clusterId());
        if (!renamed && !passwordChanged && !clusterChanged) {
            return Plan.direct(healthy -> Boolean.FALSE);
        }
        boolean onlyRename = !passwordChanged && !clusterChanged;
        boolean allowed = store.connectionState() == ConnectionState.DISCONNECTED
                || (store.connectionState() == ConnectionState.CONNECTED && onlyRename && cloudHsmRenameWhileConnected);
        if (!allowed) {
            throw KmsError.invalidState("Custom key store " + store.id() + " is " + store.connectionState() + ". "
                    + (cloudHsmRenameWhileConnected
                            ? "An AWS_CLOUDHSM custom key store must be DISCONNECTED to change KeyStorePassword or "
                                    + "CloudHsmClusterId; NewCustomKeyStoreName can also change while it is CONNECTED."
                            : "An AWS_CLOUDHSM custom key store must be DISCONNECTED to change any property."));
        }
        if (renamed) {
            rules.requireUniqueName(region, Objects.requireNonNull(request.newName()), store.id());
        }
        if (clusterChanged) {
            String clusterId = Objects.requireNonNull(request.clusterId());
            CloudHsmCluster cluster = aws.cluster(clusterId)
                .orElseThrow(() -> KmsError.of("CloudHsmClusterNotFoundException",
                        "No CloudHSM cluster with ID " + clusterId + " exists in this account and Region."));
            // Related clusters share the cluster certificate, i.e. the trust anchor the
            // store was created with.
            if (!KeyStoreRules.sameCertificate(rules.trustAnchor(cluster), current.trustAnchorCertificate())) {
                throw KmsError.of("CloudHsmClusterNotRelatedException",
                        "The CloudHSM cluster " + clusterId + " is not related to the cluster of custom key store "
                                + store.id() + ": it does not " + "share its backup history (cluster certificate).");
            }
            rules.requireUsableCluster(clusterId);
        }
        var updated = store.withName(request.newName() == null ? store.name() : request.newName())
            .withCloudHsm(new CloudHsmSettings(request.clusterId() == null ? current.clusterId() : request.clusterId(),
                    current.trustAnchorCertificate(),
                    request.password() == null ? current.keyStorePassword() : request.password()));
        return Plan.direct(healthy -> {
            region.update(updated);
            return Boolean.TRUE;
        });
    }

    private Plan<Boolean> planXks(Region region, SandboxKeyStore store, Request request) {
        XksSettings current = store.requireXks();
        XksSettings next = nextSettings(store, current, request);
        boolean renamed = request.newName() != null && !request.newName().equals(store.name());
        boolean endpointChanged = !next.uriEndpoint().equals(current.uriEndpoint());
        boolean pathChanged = !next.uriPath().equals(current.uriPath());
        // Present is a change: never compared with the stored credential (see the class
        // comment).
        boolean credentialChanged = request.accessKeyId() != null;
        boolean connectivityChanged = next.connectivity() != current.connectivity();
        boolean vpcServiceChanged = !Objects.equals(next.vpcEndpointServiceName(), current.vpcEndpointServiceName())
                || !Objects.equals(next.vpcEndpointServiceOwner(), current.vpcEndpointServiceOwner());
        boolean disconnectedOnlyChange = endpointChanged || connectivityChanged || vpcServiceChanged;
        boolean connectedChange = renamed || pathChanged || credentialChanged;
        if (!disconnectedOnlyChange && !connectedChange) {
            return Plan.direct(healthy -> Boolean.FALSE);
        }
        ConnectionState state = store.connectionState();
        if (state != ConnectionState.DISCONNECTED && (state != ConnectionState.CONNECTED || disconnectedOnlyChange)) {
            throw KmsError.invalidState("Custom key store " + store.id() + " is " + state + ". An external key "
                    + "store must be CONNECTED or DISCONNECTED to change NewCustomKeyStoreName, XksProxyUriPath or "
                    + "XksProxyAuthenticationCredential, and DISCONNECTED to change XksProxyUriEndpoint, "
                    + "XksProxyConnectivity or the VPC endpoint service.");
        }
        if (renamed) {
            rules.requireUniqueName(region, Objects.requireNonNull(request.newName()), store.id());
        }
        if (endpointChanged || pathChanged || connectivityChanged || vpcServiceChanged) {
            rules.requireUniqueXksProxy(region, next, store.id());
        }
        boolean vpc = next.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE;
        if (vpc && (endpointChanged || connectivityChanged || vpcServiceChanged)) {
            rules.requireUsableVpcEndpointService(region.name(), next);
        }
        var updated = store.withName(request.newName() == null ? store.name() : request.newName()).withXks(next);
        boolean proxyInputsChanged = endpointChanged || pathChanged || credentialChanged || connectivityChanged;
        boolean reachable = !vpc || state == ConnectionState.CONNECTED;
        if (!proxyInputsChanged || !reachable) {
            return Plan.direct(healthy -> {
                region.update(updated);
                return Boolean.TRUE;
            });
        }
        return new Plan<>(KeyStoreRules.healthCheck(next, name()), failure -> {
            failure.ifPresent(kind -> {
                throw XksHealthChecks.createOrUpdateError(kind);
            });
            region.update(updated);
            return Boolean.TRUE;
        });
    }

    /** The XKS settings after the update, with the connectivity-switch rules enforced. */
    private XksSettings nextSettings(SandboxKeyStore store, XksSettings current, Request request) {
        XksConnectivity requested = request.connectivity() == null ? null
                : XksConnectivity.valueOf(request.connectivity());
        XksConnectivity target = requested == null ? current.connectivity() : requested;
        boolean switching = target != current.connectivity();
        boolean serviceNameGiven = request.vpcServiceName() != null && !request.vpcServiceName().isEmpty();
        if (switching && target == XksConnectivity.VPC_ENDPOINT_SERVICE
                && (request.endpoint() == null || !serviceNameGiven)) {
            throw KmsError.validation("To change XksProxyConnectivity of custom key store " + store.id() + " to "
                    + "VPC_ENDPOINT_SERVICE, also specify XksProxyUriEndpoint (https:// and the private DNS name of "
                    + "the VPC endpoint service) and XksProxyVpcEndpointServiceName.");
        }
        if (switching && target == XksConnectivity.PUBLIC_ENDPOINT && request.endpoint() == null) {
            throw KmsError.validation("To change XksProxyConnectivity of custom key store " + store.id() + " to "
                    + "PUBLIC_ENDPOINT, also specify the new XksProxyUriEndpoint.");
        }
        if (target == XksConnectivity.PUBLIC_ENDPOINT && (serviceNameGiven || request.vpcServiceOwner() != null)) {
            throw KmsError.validation("XksProxyVpcEndpointServiceName and XksProxyVpcEndpointServiceOwner apply only "
                    + "to external key stores with VPC_ENDPOINT_SERVICE connectivity; leave them out (or send an "
                    + "empty XksProxyVpcEndpointServiceName) for PUBLIC_ENDPOINT.");
        }
        if (target == XksConnectivity.VPC_ENDPOINT_SERVICE && "".equals(request.vpcServiceName())) {
            new ValidationErrors().check("xksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME, "")
                .throwIfAny();
        }
        String serviceName = null;
        String owner = null;
        if (target == XksConnectivity.VPC_ENDPOINT_SERVICE) {
            serviceName = serviceNameGiven ? request.vpcServiceName() : current.vpcEndpointServiceName();
            owner = request.vpcServiceOwner() != null ? request.vpcServiceOwner()
                    : switching || current.vpcEndpointServiceOwner() == null ? store.accountId()
                            : current.vpcEndpointServiceOwner();
        }
        return new XksSettings(target, request.endpoint() == null ? current.uriEndpoint() : request.endpoint(),
                request.path() == null ? current.uriPath() : request.path(), serviceName, owner,
                request.accessKeyId() == null ? current.accessKeyId() : request.accessKeyId(),
                request.secret() == null ? current.rawSecretAccessKey() : request.secret());
    }

}
