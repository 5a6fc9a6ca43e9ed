package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The sandbox's settings: defaults, and a start-up failure for values that could only
 * cause confusion later.
 */
class SandboxKmsPropertiesTest {

    @Test
    void defaults() {
        var properties = bind(Map.of());

        assertThat(properties.accessKeyId()).isEqualTo("AKIDSANDBOXFAKE00001");
        assertThat(properties.accountId()).isEqualTo("111122223333");
        assertThat(properties.connectDelay()).isEqualTo(Duration.ofSeconds(3));
        assertThat(properties.disconnectDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(properties.throttling().enabled()).isTrue();
        assertThat(properties.throttling().requestsPerSecond()).isEqualTo(5);
        assertThat(properties.customKeyStoreQuota()).isEqualTo(10);
        assertThat(properties.describePageSize()).isEqualTo(100);
        assertThat(properties.seed()).isTrue();
        assertThat(properties.toString()).doesNotContain(properties.secretAccessKey());
    }

    @Test
    void aClusterBindsWithItsDefaultsAndHidesItsPassword() {
        var cluster = bind(Map.of("console.sandbox.cloudhsm-clusters.cluster-teamxcluster.backup-family", "X",
                "console.sandbox.cloudhsm-clusters.cluster-teamxcluster.kmsuser-password", "TeamXPass7"))
            .cloudhsmClusters()
            .get("cluster-teamxcluster");

        assertThat(cluster.active()).isTrue();
        assertThat(cluster.activeHsmCount()).isEqualTo(2);
        assertThat(cluster.toString()).doesNotContain("TeamXPass7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "console.sandbox.connect-delay | -1s | connect-delay",
            "console.sandbox.describe-page-size | 1001 | describe-page-size",
            "console.sandbox.throttling.requests-per-second | 0 | requests-per-second",
            "console.sandbox.custom-key-store-quota | -1 | custom-key-store-quota",
            "console.sandbox.cloudhsm-clusters.cluster-1a23b4cdefg.backup-family | A | not a valid cluster ID",
            "console.sandbox.cloudhsm-clusters.cluster-teamxcluster.active-hsm-count | 2 | backup-family is required",
            "console.sandbox.vpc-endpoint-services[com.amazonaws.vpce.x.y].private-dns-name | a.example.com"
                    + " | not a valid service name" })
    void nonsenseStopsTheStart(String property, String value, String message) {
        assertThatThrownBy(() -> bind(Map.of(property, value))).rootCause().hasMessageContaining(message);
    }

    @Test
    void aForcedConnectErrorMustBeAConnectionErrorCode() {
        assertThatThrownBy(() -> bind(Map.of("console.sandbox.cloudhsm-clusters.cluster-teamxcluster.backup-family",
                "X", "console.sandbox.cloudhsm-clusters.cluster-teamxcluster.connect-error-code", "LOCKED")))
            .rootCause()
            .hasMessageContaining("is not a ConnectionErrorCode");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "state | BROKEN | not a CloudHSM cluster state",
            "hsm-zones[0] | a | one zone per active HSM", "subnet-zones[0] | 1 | zones are single letters" })
    void aClustersDescriptionForDescribeClustersIsChecked(String property, String value, String message) {
        assertThatThrownBy(() -> bind(Map.of("console.sandbox.cloudhsm-clusters.cluster-teamxcluster.backup-family",
                "X", "console.sandbox.cloudhsm-clusters.cluster-teamxcluster." + property, value)))
            .rootCause()
            .hasMessageContaining(message);
    }

    @Test
    void aClusterBelongsToTheDefaultAccountInEveryRegionUnlessConfiguredOtherwise() {
        var cluster = bind(Map.of("console.sandbox.cloudhsm-clusters.cluster-teamxcluster.backup-family", "X"))
            .cloudhsmClusters()
            .get("cluster-teamxcluster");

        assertThat(cluster.accountId()).isNull();
        assertThat(cluster.region()).isNull();
        assertThat(cluster.state()).isNull();
        assertThat(cluster.hsmZones()).isNull();
    }

    static SandboxKmsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("console.sandbox",
                SandboxKmsProperties.class);
    }

}
