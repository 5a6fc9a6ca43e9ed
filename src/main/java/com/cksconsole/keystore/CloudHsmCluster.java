package com.cksconsole.keystore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One CloudHSM cluster of an account and Region as CloudHSM DescribeClusters describes it
 * (AWS CloudHSM API Reference, "Cluster"), reduced to what deciding on a CloudHSM key
 * store needs.
 *
 * @param state the cluster state ({@code ACTIVE}, {@code INITIALIZED}, ...)
 * @param subnetMapping Availability Zone to subnet ID
 * @param clusterCertificate the cluster certificate (PEM) signed by the owner's issuing
 * CA; null before the cluster is initialized. Clusters that share a backup history share
 * it.
 * @param createdAt null when CloudHSM did not say
 */
public record CloudHsmCluster(String clusterId, String state, @Nullable String hsmType, @Nullable String mode,
        @Nullable String vpcId, @Nullable String securityGroup, Map<String, String> subnetMapping, List<Hsm> hsms,
        @Nullable String clusterCertificate, @Nullable Instant createdAt) {

    /** The state of an initialized and activated cluster (the one KMS accepts). */
    public static final String ACTIVE = "ACTIVE";

    public CloudHsmCluster {
        subnetMapping = Map.copyOf(subnetMapping);
        hsms = List.copyOf(hsms);
    }

    /**
     * One HSM of the cluster.
     *
     * @param availabilityZone null when CloudHSM did not say
     * @param state {@code ACTIVE}, {@code CREATE_IN_PROGRESS}, {@code DEGRADED}, ...
     */
    public record Hsm(String hsmId, @Nullable String availabilityZone, String state) {

        public boolean active() {
            return ACTIVE.equals(state);
        }
    }

    public boolean active() {
        return ACTIVE.equals(state);
    }

    public int hsmCount() {
        return hsms.size();
    }

    public long activeHsmCount() {
        return hsms.stream().filter(Hsm::active).count();
    }

    /** The distinct zones of the active HSMs, sorted. */
    public Set<String> activeHsmZones() {
        var zones = new TreeSet<String>();
        hsms.stream().filter(Hsm::active).map(Hsm::availabilityZone).filter(zone -> zone != null).forEach(zones::add);
        return zones;
    }

    /** The zones of the cluster's subnets, sorted. */
    public Set<String> subnetZones() {
        return new TreeSet<>(subnetMapping.keySet());
    }

    /**
     * Whether the two clusters share a backup history: the same cluster certificate (AWS
     * KMS Developer Guide, "Creating a CloudHSM key store": clusters that share a backup
     * history have the same cluster certificate).
     */
    public boolean relatedTo(CloudHsmCluster other) {
        return clusterCertificate != null && other.clusterCertificate != null
                && TrustAnchorSummary.sameCertificate(clusterCertificate, other.clusterCertificate);
    }

}
