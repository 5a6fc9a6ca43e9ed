package com.cksconsole.sandbox.kms;

import static com.cksconsole.kms.KmsField.*;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * CreateCustomKeyStore (KMS API Reference, CreateCustomKeyStore). Check order: shape
 * (ValidationException), type-specific members (ValidationException, unconfirmed at AWS),
 * CloudHSM idempotency, uniqueness, quota, backing cluster / VPC endpoint service, XKS
 * proxy health check (PUBLIC_ENDPOINT only). New stores are DISCONNECTED.
 */
final class CreateCustomKeyStore implements KmsOperation {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final List<String> CLOUDHSM_MEMBERS = List.of("CloudHsmClusterId", "TrustAnchorCertificate",
            "KeyStorePassword");

    private static final List<String> XKS_MEMBERS = List.of("XksProxyUriEndpoint", "XksProxyUriPath",
            "XksProxyVpcEndpointServiceName", "XksProxyVpcEndpointServiceOwner", "XksProxyAuthenticationCredential",
            "XksProxyConnectivity");

    private final RegionTransactions transactions;

    private final KeyStoreRules rules;

    private final int quota;

    CreateCustomKeyStore(RegionTransactions transactions, KeyStoreRules rules, int quota) {
        this.transactions = transactions;
        this.rules = rules;
        this.quota = quota;
    }

    @Override
    public String name() {
        return "CreateCustomKeyStore";
    }

    private record Request(@Nullable String name, @Nullable String clusterId, @Nullable String trustAnchor,
            @Nullable String password, @Nullable String type, @Nullable String endpoint, @Nullable String path,
            @Nullable String vpcServiceName, @Nullable String vpcServiceOwner, @Nullable String accessKeyId,
            @Nullable String secret, boolean credentialGiven, @Nullable String connectivity) {

        Map<String, @Nullable Object> members() {
            var members = new LinkedHashMap<String, @Nullable Object>();
            members.put("CloudHsmClusterId", clusterId);
            members.put("TrustAnchorCertificate", trustAnchor);
            members.put("KeyStorePassword", password);
            members.put("XksProxyUriEndpoint", endpoint);
            members.put("XksProxyUriPath", path);
            members.put("XksProxyVpcEndpointServiceName", vpcServiceName);
            members.put("XksProxyVpcEndpointServiceOwner", vpcServiceOwner);
            members.put("XksProxyAuthenticationCredential", credentialGiven ? Boolean.TRUE : null);
            members.put("XksProxyConnectivity", connectivity);
            return members;
        }

        @Override
        public String toString() {
            return "CreateCustomKeyStore.Request[name=" + name + ", type=" + type + "]";
        }
    }

    @Override
    public ObjectNode handle(Call call, KmsRequest json) {
        Request request = read(json);
        KeyStoreType type = request.type() == null ? KeyStoreType.AWS_CLOUDHSM : KeyStoreType.valueOf(request.type());
        String id = type == KeyStoreType.AWS_CLOUDHSM
                ? transactions.execute(call.target(), call.requestId(), region -> planCloudHsm(region, request))
                : transactions.execute(call.target(), call.requestId(), region -> planXks(region, request));
        ObjectNode response = KmsOperation.emptyResponse();
        response.put("CustomKeyStoreId", id);
        return response;
    }

    private static Request read(KmsRequest json) {
        KmsRequest credential = json.structure("XksProxyAuthenticationCredential");
        var request = new Request(json.string("CustomKeyStoreName"), json.string("CloudHsmClusterId"),
                json.string("TrustAnchorCertificate"), json.string("KeyStorePassword"),
                json.string("CustomKeyStoreType"), json.string("XksProxyUriEndpoint"), json.string("XksProxyUriPath"),
                json.string("XksProxyVpcEndpointServiceName"), json.string("XksProxyVpcEndpointServiceOwner"),
                credential == null ? null : credential.string("AccessKeyId"),
                credential == null ? null : credential.string("RawSecretAccessKey"), credential != null,
                json.string("XksProxyConnectivity"));
        var errors = new ValidationErrors().required("customKeyStoreName", request.name())
            .check("customKeyStoreName", CUSTOM_KEY_STORE_NAME, request.name())
            .check("cloudHsmClusterId", CLOUDHSM_CLUSTER_ID, request.clusterId())
            .check("trustAnchorCertificate", TRUST_ANCHOR_CERTIFICATE, request.trustAnchor())
            .check("keyStorePassword", KEY_STORE_PASSWORD, request.password())
            .enumValue("customKeyStoreType", request.type(), KeyStoreType.class)
            .check("xksProxyUriEndpoint", XKS_PROXY_URI_ENDPOINT, request.endpoint())
            .check("xksProxyUriPath", XKS_PROXY_URI_PATH, request.path())
            .check("xksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME, request.vpcServiceName())
            .check("xksProxyVpcEndpointServiceOwner", XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, request.vpcServiceOwner());
        if (request.credentialGiven()) {
            errors.required("xksProxyAuthenticationCredential.accessKeyId", request.accessKeyId())
                .check("xksProxyAuthenticationCredential.accessKeyId", XKS_ACCESS_KEY_ID, request.accessKeyId())
                .required("xksProxyAuthenticationCredential.rawSecretAccessKey", request.secret())
                .check("xksProxyAuthenticationCredential.rawSecretAccessKey", XKS_RAW_SECRET_ACCESS_KEY,
                        request.secret());
        }
        errors.enumValue("xksProxyConnectivity", request.connectivity(), XksConnectivity.class).throwIfAny();
        requireMembersOfType(request);
        return request;
    }

    /**
     * Members required or forbidden by the store type (AWS's error is unconfirmed:
     * ValidationException chosen).
     */
    private static void requireMembersOfType(Request request) {
        Map<String, @Nullable Object> members = request.members();
        boolean cloudHsm = request.type() == null || KeyStoreType.AWS_CLOUDHSM.name().equals(request.type());
        List<String> required = new ArrayList<>(cloudHsm ? CLOUDHSM_MEMBERS : List.of("XksProxyConnectivity",
                "XksProxyUriEndpoint", "XksProxyUriPath", "XksProxyAuthenticationCredential"));
        List<String> forbidden = new ArrayList<>(cloudHsm ? XKS_MEMBERS : CLOUDHSM_MEMBERS);
        String kind = cloudHsm ? "an AWS_CLOUDHSM custom key store" : "an EXTERNAL_KEY_STORE custom key store";
        if (request.type() == null) {
            kind += " (CustomKeyStoreType defaults to AWS_CLOUDHSM)";
        }
        if (!cloudHsm && XksConnectivity.VPC_ENDPOINT_SERVICE.name().equals(request.connectivity())) {
            required.add("XksProxyVpcEndpointServiceName");
            kind = "an external key store with VPC_ENDPOINT_SERVICE connectivity";
        }
        else if (!cloudHsm && XksConnectivity.PUBLIC_ENDPOINT.name().equals(request.connectivity())) {
            forbidden.addAll(List.of("XksProxyVpcEndpointServiceName", "XksProxyVpcEndpointServiceOwner"));
            kind = "an external key store with PUBLIC_ENDPOINT connectivity";
        }
        List<String> missing = required.stream().filter(member -> members.get(member) == null).toList();
        if (!missing.isEmpty()) {
            throw KmsError.validation("To create " + kind + ", specify " + String.join(", ", required) + ". Missing: "
                    + String.join(", ", missing) + ".");
        }
        List<String> misplaced = forbidden.stream().filter(member -> members.get(member) != null).toList();
        if (!misplaced.isEmpty()) {
            throw KmsError.validation(String.join(", ", misplaced) + " cannot be specified for " + kind + ".");
        }
    }

    private Plan<String> planCloudHsm(Region region, Request request) {
        String name = String.valueOf(request.name());
        String clusterId = String.valueOf(request.clusterId());
        String trustAnchor = String.valueOf(request.trustAnchor());
        String password = String.valueOf(request.password());
        // KMS treats a Create identical to an existing DISCONNECTED CloudHSM key store as
        // a retry (KMS Developer Guide, Create a CloudHSM key store).
        for (SandboxKeyStore store : region.stores()) {
            CloudHsmSettings hsm = store.cloudHsm();
            if (hsm != null && store.name().equals(name) && store.connectionState() == ConnectionState.DISCONNECTED
                    && hsm.clusterId().equals(clusterId) && hsm.trustAnchorCertificate().equals(trustAnchor)
                    && hsm.keyStorePassword().equals(password)) {
                return Plan.direct(healthy -> store.id());
            }
        }
        rules.requireUniqueName(region, name, null);
        rules.requireClusterNotInUse(region, clusterId);
        rules.requireQuota(region, quota);
        CloudHsmCluster cluster = rules.requireUsableCluster(clusterId);
        if (!KeyStoreRules.sameCertificate(trustAnchor, rules.trustAnchor(cluster))) {
            throw KmsError.of("IncorrectTrustAnchorException", "The TrustAnchorCertificate is not the trust anchor "
                    + "certificate of CloudHSM cluster " + clusterId + " (its customerCA.crt).");
        }
        var store = newStore(region, name, KeyStoreType.AWS_CLOUDHSM,
                new CloudHsmSettings(clusterId, trustAnchor, password), null);
        return Plan.direct(healthy -> {
            region.insert(store);
            return store.id();
        });
    }

    private Plan<String> planXks(Region region, Request request) {
        String name = String.valueOf(request.name());
        XksConnectivity connectivity = XksConnectivity.valueOf(String.valueOf(request.connectivity()));
        boolean vpc = connectivity == XksConnectivity.VPC_ENDPOINT_SERVICE;
        var xks = new XksSettings(connectivity, String.valueOf(request.endpoint()), String.valueOf(request.path()),
                vpc ? request.vpcServiceName() : null,
                vpc ? (request.vpcServiceOwner() == null ? region.accountId() : request.vpcServiceOwner()) : null,
                String.valueOf(request.accessKeyId()), String.valueOf(request.secret()));
        rules.requireUniqueName(region, name, null);
        rules.requireUniqueXksProxy(region, xks, null);
        rules.requireQuota(region, quota);
        var store = newStore(region, name, KeyStoreType.EXTERNAL_KEY_STORE, null, xks);
        if (vpc) {
            // A VPC proxy has no network path before Connect: KMS checks the endpoint
            // service only (KMS Developer Guide, Create an external key store).
            rules.requireUsableVpcEndpointService(region.name(), xks);
            return Plan.direct(healthy -> {
                region.insert(store);
                return store.id();
            });
        }
        return new Plan<>(KeyStoreRules.healthCheck(xks, name()), failure -> {
            failure.ifPresent(kind -> {
                throw XksHealthChecks.createOrUpdateError(kind);
            });
            region.insert(store);
            return store.id();
        });
    }

    private static SandboxKeyStore newStore(Region region, String name, KeyStoreType type,
            @Nullable CloudHsmSettings hsm, @Nullable XksSettings xks) {
        // Describe lists stores in creation order; a strictly later time than every other
        // store of the Region
        // (whose lock is held) keeps that order exact even for creations within one
        // millisecond.
        Instant created = region.stores()
            .stream()
            .map(SandboxKeyStore::creationDate)
            .max(Comparator.naturalOrder())
            .map(latest -> latest.plusMillis(1))
            .filter(next -> next.isAfter(region.now()))
            .orElse(region.now());
        return new SandboxKeyStore(region.accountId(), newId(), region.name(), name, type, ConnectionState.DISCONNECTED,
                null, null, created, hsm, xks, 0);
    }

    /** {@code cks-} and 17 lower-case hex digits, like the IDs KMS issues. */
    static String newId() {
        byte[] random = new byte[9];
        RANDOM.nextBytes(random);
        return "cks-" + HexFormat.of().formatHex(random).substring(1);
    }

}
