package com.cksconsole.keystore.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudhsmv2.model.Cluster;

import com.cksconsole.keystore.CloudHsmCluster;
import com.cksconsole.keystore.CloudHsmClusters;
import com.cksconsole.keystore.ClusterEligibility;
import com.cksconsole.keystore.ClusterRead;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.EligibleCluster;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KmsCallException;
import com.cksconsole.keystore.KmsFailure;
import com.cksconsole.kms.KmsTarget;

/**
 * Reads a target's clusters with CloudHSM DescribeClusters (every page, 25 at a time, the
 * model's maximum) and judges each against the target's CloudHSM key stores from the
 * shared Describe snapshot ({@link KeyStoreReads#list(KmsTarget)}).
 */
@Component
class CloudHsmClusterReader implements CloudHsmClusters {

    /** DescribeClusters' MaxResults maximum (AWS CloudHSM API Reference). */
    static final int PAGE_SIZE = 25;

    private static final Logger log = LoggerFactory.getLogger(CloudHsmClusterReader.class);

    private final CloudHsmClients clients;

    private final KeyStoreReads reads;

    CloudHsmClusterReader(CloudHsmClients clients, KeyStoreReads reads) {
        this.clients = clients;
        this.reads = reads;
    }

    @Override
    public ClusterRead read(KmsTarget target) {
        List<CloudHsmCluster> clusters = new ArrayList<>();
        try {
            clients.client(target)
                .describeClustersPaginator(request -> request.maxResults(PAGE_SIZE))
                .forEach(page -> page.clusters().forEach(cluster -> clusters.add(cluster(cluster))));
        }
        catch (KmsCallException e) {
            return ClusterRead.failed(e.failure());
        }
        catch (SdkException e) {
            KmsFailure failure = KmsGateway.failureOf(e);
            log.warn("CloudHSM DescribeClusters on {} failed: {}", target, failure.errorCode());
            return ClusterRead.failed(failure);
        }
        Map<String, String> storeByCluster = new HashMap<>();
        try {
            for (CustomKeyStore store : reads.list(target).snapshot().stores()) {
                if (store.isCloudHsm() && store.cloudHsmClusterId() != null) {
                    storeByCluster.put(store.cloudHsmClusterId(), store.name());
                }
            }
        }
        catch (KmsCallException e) {
            // Without the stores, "not in use" cannot be told: no verdicts rather than
            // wrong ones.
            return ClusterRead.failed(e.failure());
        }
        return ClusterRead.of(clusters.stream()
            .map(cluster -> new EligibleCluster(cluster, ClusterEligibility.of(cluster, clusters, storeByCluster)))
            .toList());
    }

    static CloudHsmCluster cluster(Cluster cluster) {
        return new CloudHsmCluster(cluster.clusterId(), String.valueOf(cluster.stateAsString()), cluster.hsmType(),
                cluster.modeAsString(), cluster.vpcId(), cluster.securityGroup(), cluster.subnetMapping(),
                cluster.hsms()
                    .stream()
                    .map(hsm -> new CloudHsmCluster.Hsm(hsm.hsmId(), hsm.availabilityZone(),
                            String.valueOf(hsm.stateAsString())))
                    .toList(),
                cluster.certificates() == null ? null : cluster.certificates().clusterCertificate(),
                cluster.createTimestamp());
    }

}
