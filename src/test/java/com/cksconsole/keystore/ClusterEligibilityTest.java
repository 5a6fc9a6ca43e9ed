package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.ClusterEligibility.Rule;

/**
 * The requirements KMS's CreateCustomKeyStore puts on a cluster, one test per rule, at
 * their boundaries.
 */
class ClusterEligibilityTest {

    private static final String CERTIFICATE_P = Certificates.family("P").clusterCertificate();

    private static final String CERTIFICATE_Q = Certificates.family("Q").clusterCertificate();

    @Test
    void anActiveClusterWithTwoActiveHsmsInTwoZonesAndNoStoreIsUsable() {
        var cluster = cluster("cluster-usableclust2", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_P);

        ClusterEligibility eligibility = ClusterEligibility.of(cluster, List.of(cluster), Map.of());

        assertThat(eligibility.usable()).isTrue();
        assertThat(eligibility.reasons()).isEmpty();
    }

    @Test
    void aClusterThatIsNotActiveIsNotUsable() {
        var initialized = cluster("cluster-initializedz", "INITIALIZED", List.of("a", "b"), List.of("a", "b"),
                CERTIFICATE_P);

        assertThat(rules(initialized, Map.of())).containsExactly(Rule.NOT_ACTIVE);
        assertThat(ClusterEligibility.of(initialized, List.of(initialized), Map.of()).reasons().get(0).sentence())
            .contains("INITIALIZED");
    }

    @Test
    void oneActiveHsmIsTooFewTwoAreEnough() {
        var one = cluster("cluster-onehsmclust2", "ACTIVE", List.of("a"), List.of("a", "b"), CERTIFICATE_P);
        var two = cluster("cluster-twohsmclust2", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_P);

        assertThat(rules(one, Map.of())).containsExactly(Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        assertThat(rules(two, Map.of())).isEmpty();
    }

    @Test
    void twoActiveHsmsInTheSameZoneAreTooFew() {
        var sameZone = cluster("cluster-samezoneclus", "ACTIVE", List.of("a", "a"), List.of("a", "b"), CERTIFICATE_P);

        assertThat(rules(sameZone, Map.of())).containsExactly(Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        assertThat(ClusterEligibility.of(sameZone, List.of(sameZone), Map.of()).reasons().get(0).sentence())
            .contains("all in eu-west-1a");
    }

    @Test
    void anHsmThatIsNotActiveDoesNotCount() {
        var degraded = new CloudHsmCluster("cluster-degradedhsm2", "ACTIVE", null, null, null, null,
                subnets(List.of("a", "b")), List.of(new CloudHsmCluster.Hsm("hsm-aaaaaaaaaaaa", "eu-west-1a", "ACTIVE"),
                        new CloudHsmCluster.Hsm("hsm-bbbbbbbbbbbb", "eu-west-1b", "DEGRADED")),
                CERTIFICATE_P, null);

        assertThat(rules(degraded, Map.of())).containsExactly(Rule.TOO_FEW_ACTIVE_HSM_ZONES);
    }

    @Test
    void subnetsInOneZoneAreTooFewInTwoEnough() {
        var oneSubnetZone = cluster("cluster-onesubnetzon", "ACTIVE", List.of(), List.of("a"), CERTIFICATE_P);
        var twoSubnetZones = cluster("cluster-twosubnetzon", "ACTIVE", List.of(), List.of("a", "b"), CERTIFICATE_P);

        assertThat(rules(oneSubnetZone, Map.of())).contains(Rule.TOO_FEW_SUBNET_ZONES);
        assertThat(rules(twoSubnetZones, Map.of())).doesNotContain(Rule.TOO_FEW_SUBNET_ZONES);
    }

    @Test
    void aClusterThatBacksAStoreIsInUse() {
        var used = cluster("cluster-usedbystore2", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_P);

        assertThat(rules(used, Map.of("cluster-usedbystore2", "finance-hsm"))).containsExactly(Rule.IN_USE);
        assertThat(ClusterEligibility.of(used, List.of(used), Map.of("cluster-usedbystore2", "finance-hsm"))
            .reasons()
            .get(0)
            .sentence()).contains("finance-hsm");
    }

    @Test
    void aClusterSharingItsBackupHistoryWithAUsedClusterIsInUseAnotherFamilyIsNot() {
        var used = cluster("cluster-usedbystore2", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_P);
        var relative = cluster("cluster-relativeclus", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_P);
        var stranger = cluster("cluster-strangerclus", "ACTIVE", List.of("a", "b"), List.of("a", "b"), CERTIFICATE_Q);
        var all = List.of(used, relative, stranger);
        Map<String, String> stores = Map.of("cluster-usedbystore2", "finance-hsm");

        ClusterEligibility relatives = ClusterEligibility.of(relative, all, stores);
        assertThat(relatives.reasons()).extracting(ClusterEligibility.Reason::rule)
            .containsExactly(Rule.RELATED_IN_USE);
        assertThat(relatives.reasons().get(0).sentence()).contains("cluster-usedbystore2", "finance-hsm");
        assertThat(ClusterEligibility.of(stranger, all, stores).usable()).isTrue();
    }

    private static List<Rule> rules(CloudHsmCluster cluster, Map<String, String> stores) {
        return ClusterEligibility.of(cluster, List.of(cluster), stores)
            .reasons()
            .stream()
            .map(ClusterEligibility.Reason::rule)
            .toList();
    }

    private static CloudHsmCluster cluster(String id, String state, List<String> hsmZones, List<String> subnetZones,
            @Nullable String certificate) {
        List<CloudHsmCluster.Hsm> hsms = new ArrayList<>();
        for (int i = 0; i < hsmZones.size(); i++) {
            hsms.add(new CloudHsmCluster.Hsm("hsm-abcdefghijk" + (char) ('a' + i), "eu-west-1" + hsmZones.get(i),
                    "ACTIVE"));
        }
        return new CloudHsmCluster(id, state, "hsm2m.medium", "FIPS", "vpc-0a1b2c3d", "sg-0a1b2c3d4e5f60718",
                subnets(subnetZones), hsms, certificate, Instant.parse("2025-01-01T00:00:00Z"));
    }

    private static Map<String, String> subnets(List<String> zones) {
        Map<String, String> subnets = new LinkedHashMap<>();
        zones.forEach(zone -> subnets.put("eu-west-1" + zone, "subnet-0a1b2c3" + zone));
        return subnets;
    }

}
