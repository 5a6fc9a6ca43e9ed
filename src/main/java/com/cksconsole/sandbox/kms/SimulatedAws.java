package com.cksconsole.sandbox.kms;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.VpcEndpointService;

/**
 * The AWS resources outside KMS that the sandbox pretends exist: CloudHSM clusters (with
 * their trust anchors) and VPC endpoint services, as configured under
 * {@code console.sandbox}. For KMS (Create, Update, Connect) every configured cluster
 * exists in every account and Region, as before; CloudHSM DescribeClusters lists a
 * cluster only to the account it belongs to ({@code account-id}, default: the default
 * account) in its Region ({@code region}, default: every Region), see
 * {@link #clustersOf}. A VPC endpoint service exists in the Region its name names
 * ({@code {region}} in a configured name: in every Region).
 */
final class SimulatedAws {

    private static final String REGION_PLACEHOLDER = "{region}";

    private static final Pattern SERVICE_REGION = Pattern.compile("^(?:com|eu)\\.amazonaws\\.vpce\\.([^.]+)\\..*$");

    private final Map<String, CloudHsmCluster> clusters;

    private final SandboxTrustAnchors trustAnchors;

    private final Map<String, VpcEndpointService> vpcEndpointServices;

    private final String defaultAccountId;

    SimulatedAws(SandboxKmsProperties properties, SandboxTrustAnchors trustAnchors) {
        this.clusters = properties.cloudhsmClusters();
        this.defaultAccountId = properties.accountId();
        this.trustAnchors = trustAnchors;
        this.vpcEndpointServices = properties.vpcEndpointServices();
    }

    Optional<CloudHsmCluster> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    /**
     * The clusters CloudHSM DescribeClusters shows in one account and Region, by cluster
     * ID.
     */
    List<SimulatedCluster> clustersOf(AccountRegion where) {
        return clusters.entrySet()
            .stream()
            .filter(entry -> where.accountId()
                .equals(entry.getValue().accountId() == null ? defaultAccountId : entry.getValue().accountId()))
            .filter(entry -> entry.getValue().region() == null || entry.getValue().region().equals(where.region()))
            .map(entry -> SimulatedCluster.of(entry.getKey(), entry.getValue(), where.region(),
                    trustAnchors.clusterCertificate(entry.getValue().backupFamily()).orElse(null)))
            .sorted(Comparator.comparing(SimulatedCluster::clusterId))
            .toList();
    }

    /** The trust anchor (customerCA.crt) shared by the clusters of one backup family. */
    String trustAnchor(CloudHsmCluster cluster) {
        return trustAnchorOfFamily(cluster.backupFamily());
    }

    /**
     * The trust anchor of a backup family, also of one that no configured cluster belongs
     * to.
     */
    String trustAnchorOfFamily(String backupFamily) {
        return trustAnchors.of(backupFamily);
    }

    /**
     * The service as seen from {@code region} by {@code owner}; empty =
     * XksProxyVpcEndpointServiceNotFound.
     */
    Optional<VpcEndpointService> vpcEndpointService(String region, String serviceName, String owner) {
        Matcher matcher = SERVICE_REGION.matcher(serviceName);
        if (!matcher.matches() || !matcher.group(1).equals(region)) {
            return Optional.empty();
        }
        VpcEndpointService service = vpcEndpointServices.get(serviceName);
        if (service == null) {
            service = vpcEndpointServices.get(serviceName.replace("." + region + ".", "." + REGION_PLACEHOLDER + "."));
        }
        return Optional.ofNullable(service).filter(found -> found.owner().equals(owner));
    }

}
