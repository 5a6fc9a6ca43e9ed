package com.cksconsole.sandbox.kms;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import com.cksconsole.kms.KeyStoreType;
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

    /** Names are unique per account and Region, compared case-sensitively. */
    void requireUniqueName(RegionTransactions.Region region, String name, @Nullable String exceptId) {
        if (region.stores().stream().anyMatch(store -> !store.id().equals(exceptId) && store.name().equals(name))) {
            throw KmsError.of("CustomKeyStoreNameInUseException",
                    "A custom key store named '" + name + "' already exists in this account and Region.");
        }
    }

    /**
     * Endpoint+path, endpoint between connectivities / VPC stores, and VPC endpoint
     * service uniqueness.
     */
    void requireUniqueXksProxy(RegionTransactions.Region region, XksSettings candidate, @Nullable String exceptId) {
        for (SandboxKeyStore other : region.stores()) {
            XksSettings xks = other.xks();
            if (xks == null || other.id().equals(exceptId)) {
                continue;
            }
            if (xks.uriEndpoint().equals(candidate.uriEndpoint()) && xks.uriPath().equals(candidate.uriPath())) {
                throw KmsError.of("XksProxyUriInUseException", "The XksProxyUriEndpoint and XksProxyUriPath "
                        + "combination is already used by custom key store " + other.id() + ".");
            }
        }
        for (SandboxKeyStore other : region.stores()) {
            XksSettings xks = other.xks();
            if (xks == null || other.id().equals(exceptId) || !xks.uriEndpoint().equals(candidate.uriEndpoint())) {
                continue;
            }
            boolean eitherIsVpc = xks.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE
                    || candidate.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE;
            if (eitherIsVpc) {
                throw KmsError.of("XksProxyUriEndpointInUseException", "The XksProxyUriEndpoint "
                        + candidate.uriEndpoint() + " is already used by custom key store " + other.id() + ". An "
                        + "external key store with VPC_ENDPOINT_SERVICE connectivity needs an endpoint (private DNS "
                        + "name) that no other external key store uses.");
            }
        }
        if (candidate.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE) {
            for (SandboxKeyStore other : region.stores()) {
                XksSettings xks = other.xks();
                if (xks != null && !other.id().equals(exceptId)
                        && xks.connectivity() == XksConnectivity.VPC_ENDPOINT_SERVICE
                        && candidate.vpcEndpointServiceName() != null
                        && candidate.vpcEndpointServiceName().equals(xks.vpcEndpointServiceName())) {
                    throw KmsError.of("XksProxyVpcEndpointServiceInUseException",
                            "The VPC endpoint service " + candidate.vpcEndpointServiceName()
                                    + " is already associated with custom key store " + other.id() + ".");
                }
            }
        }
    }

    /**
     * A cluster, or a cluster of its backup family, backs at most one CloudHSM key store.
     */
    void requireClusterNotInUse(RegionTransactions.Region region, String clusterId) {
        String family = aws.cluster(clusterId).map(CloudHsmCluster::backupFamily).orElse(null);
        for (SandboxKeyStore other : region.stores()) {
            if (other.type() != KeyStoreType.AWS_CLOUDHSM) {
                continue;
            }
            String otherCluster = other.requireCloudHsm().clusterId();
            String otherFamily = aws.cluster(otherCluster).map(CloudHsmCluster::backupFamily).orElse(null);
            if (otherCluster.equals(clusterId) || (family != null && family.equals(otherFamily))) {
                throw KmsError.of("CloudHsmClusterInUseException", "The CloudHSM cluster " + clusterId
                        + " or a cluster that shares its backup history is already associated with custom key store "
                        + other.id() + ".");
            }
        }
    }

    /** Cluster exists, is active and has enough HSMs for Create/Update. */
    CloudHsmCluster requireUsableCluster(String clusterId) {
        CloudHsmCluster cluster = aws.cluster(clusterId)
            .orElseThrow(() -> KmsError.of("CloudHsmClusterNotFoundException",
                    "No CloudHSM cluster with ID " + clusterId + " exists in this account and Region."));
        requireActive(clusterId, cluster);
        if (cluster.activeHsmCount() < MIN_HSMS_FOR_CREATE_OR_UPDATE) {
            throw KmsError.of("CloudHsmClusterInvalidConfigurationException",
                    "The CloudHSM cluster " + clusterId
                            + " does not meet the requirements of a custom key store: it needs at least "
                            + MIN_HSMS_FOR_CREATE_OR_UPDATE + " active HSMs in different Availability Zones, it has "
                            + cluster.activeHsmCount() + ".");
        }
        return cluster;
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
