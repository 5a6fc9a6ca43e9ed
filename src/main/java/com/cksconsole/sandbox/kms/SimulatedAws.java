package com.cksconsole.sandbox.kms;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.VpcEndpointService;

/**
 * The AWS resources outside KMS that the sandbox pretends exist: CloudHSM clusters (with
 * their trust anchors) and VPC endpoint services, as configured under
 * {@code console.sandbox}. Clusters exist in every Region; a VPC endpoint service exists
 * in the Region its name names ({@code {region}} in a configured name: in every Region).
 */
final class SimulatedAws {

    private static final String REGION_PLACEHOLDER = "{region}";

    private static final Pattern SERVICE_REGION = Pattern.compile("^(?:com|eu)\\.amazonaws\\.vpce\\.([^.]+)\\..*$");

    private final Map<String, CloudHsmCluster> clusters;

    private final SandboxTrustAnchors trustAnchors;

    private final Map<String, VpcEndpointService> vpcEndpointServices;

    SimulatedAws(SandboxKmsProperties properties, SandboxTrustAnchors trustAnchors) {
        this.clusters = properties.cloudhsmClusters();
        this.trustAnchors = trustAnchors;
        this.vpcEndpointServices = properties.vpcEndpointServices();
    }

    Optional<CloudHsmCluster> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
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
