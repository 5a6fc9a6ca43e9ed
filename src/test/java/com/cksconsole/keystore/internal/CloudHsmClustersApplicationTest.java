package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.keystore.CloudHsmClusters;
import com.cksconsole.keystore.ClusterEligibility.Reason;
import com.cksconsole.keystore.ClusterEligibility.Rule;
import com.cksconsole.keystore.ClusterRead;
import com.cksconsole.keystore.EligibleCluster;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.TrustAnchor;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.SandboxCustomerCa;
import com.cksconsole.support.TestTargets;

/**
 * The console's reading of a target's CloudHSM clusters: its own CloudHsmV2Client per
 * target against the sandbox's {@code /sandbox/cloudhsmv2} over HTTP, the verdicts
 * against the target's seeded key stores, and the sandbox's trust anchors matched against
 * the cluster certificates.
 */
@ConsoleApplicationTest
class CloudHsmClustersApplicationTest {

    @Autowired
    CloudHsmClusters clusters;

    @LocalServerPort
    int port;

    @Test
    void theDefaultTargetsClustersComeWithAVerdictEach() {
        ClusterRead read = clusters.read(TestTargets.SANDBOX);

        assertThat(read.failure()).isNull();
        Map<String, EligibleCluster> byId = byId(read);
        assertThat(rules(byId, "cluster-h5vq2xw7zpm")).isEmpty();
        assertThat(rules(byId, "cluster-jxhlf7644ne")).containsExactly(Rule.IN_USE);
        assertThat(byId.get("cluster-jxhlf7644ne").eligibility().reasons().get(0).sentence())
            .contains("finance-hsm-primary");
        assertThat(rules(byId, "cluster-m7qz3vh2kd5")).containsExactly(Rule.RELATED_IN_USE);
        assertThat(rules(byId, "cluster-k4p2mq7xa3b")).containsExactly(Rule.IN_USE);
        assertThat(rules(byId, "cluster-t2wz6ryp5nq")).containsExactly(Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        assertThat(rules(byId, "cluster-samezonehsm2")).containsExactly(Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        assertThat(rules(byId, "cluster-b3nx7kw4ydz")).containsExactly(Rule.NOT_ACTIVE, Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        assertThat(rules(byId, "cluster-creatinghsm3")).containsExactly(Rule.NOT_ACTIVE, Rule.TOO_FEW_ACTIVE_HSM_ZONES);
        var finance = byId.get("cluster-jxhlf7644ne").cluster();
        assertThat(finance.activeHsmCount()).isEqualTo(2);
        assertThat(finance.activeHsmZones()).containsExactly("us-east-1a", "us-east-1b");
    }

    @Test
    void anotherAccountsTargetSeesThatAccountsClustersThroughItsRole() {
        ClusterRead read = clusters.read(new KmsTarget("444455556666", "eu-west-1"));

        assertThat(read.failure()).isNull();
        Map<String, EligibleCluster> byId = byId(read);
        assertThat(byId).containsOnlyKeys("cluster-prodeuhsm2kq", "cluster-prodeuspare7");
        assertThat(rules(byId, "cluster-prodeuhsm2kq")).containsExactly(Rule.IN_USE);
        assertThat(rules(byId, "cluster-prodeuspare7")).isEmpty();
    }

    @Test
    void aTargetTheConsoleDoesNotReachIsAFailureNotAnException() {
        ClusterRead read = clusters.read(new KmsTarget("999988887777", "eu-west-1"));

        assertThat(read.failed()).isTrue();
        assertThat(read.failure().kind()).isEqualTo(KmsFailureKind.TARGET_UNAVAILABLE);
        assertThat(read.clusters()).isEmpty();
    }

    @Test
    void theSandboxTrustAnchorOfAFamilyMatchesItsClustersAndNoOthers() throws Exception {
        Map<String, EligibleCluster> byId = byId(clusters.read(TestTargets.SANDBOX));
        TrustAnchor finance = TrustAnchor.parse(customerCa("cluster-jxhlf7644ne")).anchor();

        assertThat(finance).isNotNull();
        assertThat(finance.match(byId.get("cluster-jxhlf7644ne").cluster().clusterCertificate()).matches()).isTrue();
        assertThat(finance.match(byId.get("cluster-m7qz3vh2kd5").cluster().clusterCertificate()).matches()).isTrue();
        TrustAnchor.Match payments = finance.match(byId.get("cluster-k4p2mq7xa3b").cluster().clusterCertificate());
        assertThat(payments.matches()).isFalse();
        assertThat(payments.reason()).contains("another cluster");
    }

    private byte[] customerCa(String clusterId) {
        return SandboxCustomerCa.of(port, clusterId);
    }

    private static Map<String, EligibleCluster> byId(ClusterRead read) {
        return read.clusters()
            .stream()
            .collect(Collectors.toMap(cluster -> cluster.cluster().clusterId(), Function.identity()));
    }

    private static List<Rule> rules(Map<String, EligibleCluster> byId, String clusterId) {
        return byId.get(clusterId).eligibility().reasons().stream().map(Reason::rule).toList();
    }

}
