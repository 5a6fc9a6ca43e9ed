package com.cksconsole.keystore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Whether a CloudHSM key store can be created on a cluster now, and if not, why: the
 * requirements KMS checks on CreateCustomKeyStore (AWS KMS API Reference,
 * "CreateCustomKeyStore"; AWS KMS Developer Guide, "Creating a CloudHSM key store"), as
 * far as CloudHSM DescribeClusters and the account's key stores show them. Neither the
 * security group's rules nor free subnet addresses are visible here; KMS still checks
 * them.
 *
 * @param reasons empty when usable, otherwise one sentence per requirement not met
 */
public record ClusterEligibility(List<Reason> reasons) {

    /** Minimum active HSMs in distinct zones, and subnets in distinct zones. */
    public static final int MIN_ZONES = 2;

    public ClusterEligibility {
        reasons = List.copyOf(reasons);
    }

    /** A requirement a cluster does not meet. */
    public enum Rule {

        /** CloudHsmClusterNotActiveException. */
        NOT_ACTIVE,
        /** CloudHsmClusterInvalidConfigurationException. */
        TOO_FEW_ACTIVE_HSM_ZONES,
        /** CloudHsmClusterInvalidConfigurationException. */
        TOO_FEW_SUBNET_ZONES,
        /** CloudHsmClusterInUseException. */
        IN_USE,
        /** CloudHsmClusterInUseException: a relative backs a store. */
        RELATED_IN_USE

    }

    /** One unmet requirement and the sentence that explains it to an operator. */
    public record Reason(Rule rule, String sentence) {
    }

    public boolean usable() {
        return reasons.isEmpty();
    }

    /**
     * The verdict on {@code cluster} in its account and Region.
     * @param clusters every cluster of the account and Region (to find relatives)
     * @param storeByClusterId the name of the CloudHSM key store each cluster backs, in
     * the same account and Region
     */
    public static ClusterEligibility of(CloudHsmCluster cluster, Collection<CloudHsmCluster> clusters,
            Map<String, String> storeByClusterId) {
        List<Reason> reasons = new ArrayList<>();
        if (!cluster.active()) {
            reasons.add(new Reason(Rule.NOT_ACTIVE, "The cluster is " + cluster.state()
                    + ", not ACTIVE: KMS accepts only an initialized and activated cluster."));
        }
        int zones = cluster.activeHsmZones().size();
        long active = cluster.activeHsmCount();
        if (zones < MIN_ZONES) {
            String situation = active >= MIN_ZONES
                    ? "The cluster's " + active + " active HSMs are all in "
                            + cluster.activeHsmZones().iterator().next()
                    : "The cluster has " + active + " active HSM" + plural(active);
            reasons.add(new Reason(Rule.TOO_FEW_ACTIVE_HSM_ZONES,
                    situation + ": KMS needs at least two active HSMs in different Availability Zones."));
        }
        if (cluster.subnetZones().size() < MIN_ZONES) {
            reasons.add(new Reason(Rule.TOO_FEW_SUBNET_ZONES,
                    "The cluster has subnets in " + cluster.subnetZones().size() + " Availability Zone"
                            + plural(cluster.subnetZones().size())
                            + ": KMS needs private subnets in at least two Availability Zones."));
        }
        String store = storeByClusterId.get(cluster.clusterId());
        if (store != null) {
            reasons.add(new Reason(Rule.IN_USE, "The cluster already backs the custom key store " + store
                    + ": a cluster can back only one key store in an account and Region."));
        }
        else {
            clusters.stream()
                .filter(other -> !other.clusterId().equals(cluster.clusterId()))
                .filter(other -> storeByClusterId.containsKey(other.clusterId()))
                .filter(cluster::relatedTo)
                .findFirst()
                .ifPresent(relative -> reasons.add(new Reason(Rule.RELATED_IN_USE,
                        "The cluster shares its backup history (the same cluster certificate) with "
                                + relative.clusterId() + ", which backs the custom key store "
                                + storeByClusterId.get(relative.clusterId())
                                + ": KMS counts related clusters as one.")));
        }
        return new ClusterEligibility(reasons);
    }

    private static String plural(long count) {
        return count == 1 ? "" : "s";
    }

}
