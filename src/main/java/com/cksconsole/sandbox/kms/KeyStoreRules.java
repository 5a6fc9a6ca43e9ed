package com.cksconsole.sandbox.kms;

import java.net.URI;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KeyStoreUniquenessRules;
import com.cksconsole.kms.KeyStoreUniquenessRules.Store;
import com.cksconsole.kms.KeyStoreUniquenessRules.Violation;
import com.cksconsole.kms.KeyStoreUniquenessRules.XksProxy;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.sandbox.kms.SandboxKeyStore.XksSettings;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.VpcEndpointService;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The rules CreateCustomKeyStore and UpdateCustomKeyStore share (KMS API Reference,
 * CreateCustomKeyStore; KMS API Reference, UpdateCustomKeyStore): uniqueness within the
 * account and Region, and the checks of the backing CloudHSM cluster and VPC endpoint
 * service.
 */
final class KeyStoreRules {

    /**
     * CloudHSM key stores need two active HSMs in different Availability Zones for
     * Create/Update.
     */
    static final int MIN_HSMS_FOR_CREATE_OR_UPDATE = 2;

    private final SimulatedAws aws;

    KeyStoreRules(SimulatedAws aws) {
        this.aws = aws;
    }

    /**
     * Names are unique per account and Region, compared case-sensitively (the shared
     * {@link KeyStoreUniquenessRules}).
     */
    void requireUniqueName(RegionTransactions.Region region, String name, @Nullable String exceptId) {
        require(Store.xks(exceptId, name, null), region);
    }

    /**
     * Endpoint+path, endpoint between connectivities / VPC stores, and VPC endpoint
     * service uniqueness (the shared {@link KeyStoreUniquenessRules}).
     */
    void requireUniqueXksProxy(RegionTransactions.Region region, XksSettings candidate, @Nullable String exceptId) {
        require(Store.xks(exceptId, null, proxy(candidate)), region);
    }

    /**
     * A cluster, or a cluster of its backup family, backs at most one CloudHSM key store.
     */
    void requireClusterNotInUse(RegionTransactions.Region region, String clusterId) {
        require(Store.cloudHsm(null, null, clusterId, family(clusterId)), region);
    }

    /**
     * The account and Region hold fewer than {@code quota} stores (any type, any state).
     */
    void requireQuota(RegionTransactions.Region region, int quota) {
        Violation violation = KeyStoreUniquenessRules.firstViolation(Store.xks(null, null, null), describe(region),
                quota);
        if (violation != null) {
            throw KmsError.of(violation.exceptionName(), "The request was rejected because this account and Region "
                    + "already have the maximum number of custom key stores (" + quota + ").");
        }
    }

    private void require(Store candidate, RegionTransactions.Region region) {
        // Quota is checked on its own (requireQuota), in the order CreateCustomKeyStore
        // applies it.
        Violation violation = KeyStoreUniquenessRules.violations(candidate, describe(region), Integer.MAX_VALUE)
            .stream()
            .findFirst()
            .orElse(null);
        if (violation == null) {
            return;
        }
        String other = violation.otherStoreId();
        String message = switch (violation.rule()) {
            case NAME_IN_USE ->
                "A custom key store named '" + candidate.name() + "' already exists in this account and Region.";
            case PROXY_URI_IN_USE -> "The XksProxyUriEndpoint and XksProxyUriPath "
                    + "combination is already used by custom key store " + other + ".";
            case PROXY_URI_ENDPOINT_IN_USE -> "The XksProxyUriEndpoint "
                    + Objects.requireNonNull(candidate.xks()).uriEndpoint() + " is already used by custom key store "
                    + other + ". An external key store with VPC_ENDPOINT_SERVICE connectivity needs an endpoint "
                    + "(private DNS name) that no other external key store uses.";
            case VPC_ENDPOINT_SERVICE_IN_USE ->
                "The VPC endpoint service " + Objects.requireNonNull(candidate.xks()).vpcEndpointServiceName()
                        + " is already associated with custom key store " + other + ".";
            case CLUSTER_IN_USE -> "The CloudHSM cluster " + candidate.cloudHsmClusterId()
                    + " or a cluster that shares its backup history is already associated with custom key store "
                    + other + ".";
            case QUOTA -> "The request was rejected because this account and Region already have the maximum "
                    + "number of custom key stores.";
        };
        throw KmsError.of(violation.exceptionName(), message);
    }

    /** The Region's stores as the shared rules see them. */
    private List<Store> describe(RegionTransactions.Region region) {
        return region.stores().stream().map(store -> {
            XksSettings xks = store.xks();
            if (store.type() == KeyStoreType.AWS_CLOUDHSM) {
                String cluster = store.requireCloudHsm().clusterId();
                return Store.cloudHsm(store.id(), store.name(), cluster, family(cluster));
            }
            return Store.xks(store.id(), store.name(), xks == null ? null : proxy(xks));
        }).toList();
    }

    private @Nullable String family(String clusterId) {
        return aws.cluster(clusterId).map(CloudHsmCluster::backupFamily).orElse(null);
    }

    private static XksProxy proxy(XksSettings xks) {
        return new XksProxy(xks.connectivity(), xks.uriEndpoint(), xks.uriPath(), xks.vpcEndpointServiceName());
    }

    /** Cluster exists, is active and has enough HSMs for Create/Update. */
    CloudHsmCluster requireUsableCluster(String clusterId) {
        CloudHsmCluster cluster = aws.cluster(clusterId)
            .orElseThrow(() -> KmsError.of("CloudHsmClusterNotFoundException",
                    "No CloudHSM cluster with ID " + clusterId + " exists in this account and Region."));
        requireActive(clusterId, cluster);
        // KMS Developer Guide, "Create a CloudHSM key store" (cluster requirements): two
        // active HSMs in different Availability Zones, private subnets in at least two
        // zones, and a security group that lets the HSMs reach each other on 2223-2225.
        if (cluster.activeHsmZoneCount() < MIN_HSMS_FOR_CREATE_OR_UPDATE) {
            throw invalidConfiguration(clusterId,
                    "it needs at least " + MIN_HSMS_FOR_CREATE_OR_UPDATE
                            + " active HSMs in different Availability Zones, it has " + cluster.activeHsmCount()
                            + " in " + cluster.activeHsmZoneCount() + " zone(s)");
        }
        if (cluster.subnetZoneCount() < MIN_HSMS_FOR_CREATE_OR_UPDATE) {
            throw invalidConfiguration(clusterId,
                    "it needs private subnets in at least " + MIN_HSMS_FOR_CREATE_OR_UPDATE + " Availability Zones");
        }
        if (!cluster.securityGroupOpen()) {
            throw invalidConfiguration(clusterId, "its security group cloudhsm-" + clusterId
                    + "-sg must allow inbound and outbound TCP traffic on ports 2223-2225 within the group");
        }
        return cluster;
    }

    private static KmsError invalidConfiguration(String clusterId, String what) {
        return KmsError.of("CloudHsmClusterInvalidConfigurationException", "The CloudHSM cluster " + clusterId
                + " does not meet the requirements of a custom key store: " + what + ".");
    }

    static void requireActive(String clusterId, CloudHsmCluster cluster) {
        if (!cluster.active()) {
            throw KmsError.of("CloudHsmClusterNotActiveException", "The CloudHSM cluster " + clusterId
                    + " is not active. Initialize and activate the cluster, then try again.");
        }
    }

    String trustAnchor(CloudHsmCluster cluster) {
        return aws.trustAnchor(cluster);
    }

    static boolean sameCertificate(String a, String b) {
        return normalize(a).equals(normalize(b));
    }

    /**
     * The VPC endpoint service exists for the owner, meets the requirements, and its DNS
     * name is the endpoint.
     */
    void requireUsableVpcEndpointService(String region, XksSettings xks) {
        String serviceName = String.valueOf(xks.vpcEndpointServiceName());
        VpcEndpointService service = aws
            .vpcEndpointService(region, serviceName, String.valueOf(xks.vpcEndpointServiceOwner()))
            .orElseThrow(() -> KmsError.of("XksProxyVpcEndpointServiceNotFoundException",
                    "The VPC endpoint " + "service " + serviceName + " was not found in this Region for account "
                            + xks.vpcEndpointServiceOwner() + ", or it does not allow the principal cks.kms." + region
                            + ".amazonaws.com."));
        if (!service.validConfiguration()) {
            throw KmsError.of("XksProxyVpcEndpointServiceInvalidConfigurationException", "The VPC endpoint service "
                    + serviceName + " does not meet the requirements for an external key store (allowed principal, "
                    + "no acceptance required, load balancer in two Availability Zones, verified private DNS name).");
        }
        if (!service.privateDnsName().equalsIgnoreCase(xks.host())) {
            throw KmsError.of("XksProxyVpcEndpointServiceInvalidConfigurationException",
                    "The private DNS name of " + "the VPC endpoint service " + serviceName
                            + " does not match the XksProxyUriEndpoint " + xks.uriEndpoint() + ".");
        }
    }

    /**
     * The ConnectionErrorCode a VPC endpoint service problem causes at Connect, or null
     * when it is usable.
     */
    @Nullable String vpcEndpointServiceConnectError(String region, XksSettings xks) {
        var service = aws.vpcEndpointService(region, String.valueOf(xks.vpcEndpointServiceName()),
                String.valueOf(xks.vpcEndpointServiceOwner()));
        if (service.isEmpty()) {
            return "XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND";
        }
        if (!service.get().validConfiguration() || !service.get().privateDnsName().equalsIgnoreCase(xks.host())) {
            return "XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION";
        }
        return null;
    }

    static XksHealthChecks.Target healthCheck(XksSettings xks, String kmsOperation) {
        return new XksHealthChecks.Target(URI.create(xks.uriEndpoint()), xks.uriPath(),
                new XksProxyCredential(xks.accessKeyId(), xks.rawSecretAccessKey()), kmsOperation);
    }

    private static String normalize(String pem) {
        return pem.replace("\r\n", "\n").strip();
    }

}
