package com.cksconsole.keystore;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The CloudHSM clusters of one account and Region with their verdicts, or why they could
 * not be read (access denied, throttled, unreachable: the failure, as for KMS calls).
 *
 * @param failure null when the clusters were read
 */
public record ClusterRead(List<EligibleCluster> clusters, @Nullable KmsFailure failure) {

    public ClusterRead {
        clusters = List.copyOf(clusters);
    }

    public static ClusterRead of(List<EligibleCluster> clusters) {
        return new ClusterRead(clusters, null);
    }

    public static ClusterRead failed(KmsFailure failure) {
        return new ClusterRead(List.of(), failure);
    }

    public boolean failed() {
        return failure != null;
    }

    public List<EligibleCluster> usable() {
        return clusters.stream().filter(cluster -> cluster.eligibility().usable()).toList();
    }

}
