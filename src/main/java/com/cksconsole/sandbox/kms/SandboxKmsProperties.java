package com.cksconsole.sandbox.kms;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;

import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.kms.KmsConstraints;
import com.cksconsole.kms.KmsField;

/**
 * Settings of the KMS sandbox. The simulated world (clusters, VPC endpoint services) has
 * its defaults in {@code application.yml}, so that an operator adds entries to the maps
 * instead of repeating them.
 *
 * @param accessKeyId the access key ID of the default account (SigV4, services
 * {@code kms} and {@code sts}); the other accounts' keys are in
 * {@link SandboxWorldProperties}
 * @param secretAccessKey the secret of that access key
 * @param accountId the default account: the one the console's own sandbox credentials act
 * in (owner of the simulated VPC endpoint services)
 * @param connectDelay how long a ConnectCustomKeyStore stays CONNECTING before it ends
 * CONNECTED or FAILED
 * @param disconnectDelay how long a DisconnectCustomKeyStore stays DISCONNECTING
 * @param customKeyStoreQuota custom key stores per account and Region; one more is a
 * LimitExceededException
 * @param describePageSize page size of DescribeCustomKeyStores when the request has no
 * Limit
 * @param seed whether the stores of {@code console.sandbox.seed-stores} are created on
 * the first start of an empty sandbox
 * @param throttling the request-rate quota of each operation
 * @param cloudhsmClusters simulated CloudHSM clusters by cluster ID
 * @param cloudhsmTrustAnchors optional trust anchor certificate (PEM) per backup family;
 * a family without an entry gets a self-signed X.509 CA certificate, generated at the
 * first start and kept in the database
 * @param vpcEndpointServices simulated VPC endpoint services by service name;
 * {@code {region}} in a name stands for every Region
 * @param simulatedRegions a regular expression of Region names the sandbox accepts
 * besides the AWS Regions (a SigV4 scope naming any other Region is refused, as AWS
 * refuses it); unset for none. The test profile uses it to give each test a world of its
 * own.
 */
@ConfigurationProperties("console.sandbox")
record SandboxKmsProperties(@DefaultValue(SandboxDefaults.ACCESS_KEY_ID) String accessKeyId,
        @DefaultValue(SandboxDefaults.SECRET_ACCESS_KEY) String secretAccessKey,
        @DefaultValue("111122223333") String accountId, @DefaultValue("3s") Duration connectDelay,
        @DefaultValue("2s") Duration disconnectDelay, @DefaultValue("10") int customKeyStoreQuota,
        @DefaultValue("100") int describePageSize, @DefaultValue("true") boolean seed,
        @DefaultValue Throttling throttling, Map<String, CloudHsmCluster> cloudhsmClusters,
        Map<String, String> cloudhsmTrustAnchors, Map<String, VpcEndpointService> vpcEndpointServices,
        @Nullable String simulatedRegions) {

    SandboxKmsProperties {
        cloudhsmClusters = cloudhsmClusters == null ? Map.of() : Map.copyOf(cloudhsmClusters);
        cloudhsmTrustAnchors = cloudhsmTrustAnchors == null ? Map.of() : Map.copyOf(cloudhsmTrustAnchors);
        vpcEndpointServices = vpcEndpointServices == null ? Map.of() : Map.copyOf(vpcEndpointServices);
        // A mistake here would only surface as puzzling KMS answers later, so the
        // start-up fails instead.
        require(!connectDelay.isNegative() && !disconnectDelay.isNegative(),
                "console.sandbox.connect-delay and disconnect-delay must not be negative");
        require(customKeyStoreQuota >= 0, "console.sandbox.custom-key-store-quota must not be negative");
        require(describePageSize >= KmsConstraints.LIMIT_MIN && describePageSize <= KmsConstraints.LIMIT_MAX,
                "console.sandbox.describe-page-size must be between 1 and 1000");
        require(throttling.requestsPerSecond() >= 1, "console.sandbox.throttling.requests-per-second must be >= 1");
        cloudhsmClusters.forEach((id, cluster) -> {
            require(KmsField.CLOUDHSM_CLUSTER_ID.violation(id).isEmpty(),
                    "console.sandbox.cloudhsm-clusters: '" + id + "' is not a valid cluster ID");
            require(cluster.backupFamily() != null && !cluster.backupFamily().isBlank(),
                    "console.sandbox.cloudhsm-clusters." + id + ".backup-family is required");
            require(cluster.connectErrorCode() == null || ConnectionErrorCodeType
                .fromValue(cluster.connectErrorCode()) != ConnectionErrorCodeType.UNKNOWN_TO_SDK_VERSION,
                    "console.sandbox.cloudhsm-clusters." + id + ".connect-error-code is not a ConnectionErrorCode");
            require(cluster.state() == null || CLUSTER_STATES.contains(cluster.state()),
                    "console.sandbox.cloudhsm-clusters." + id + ".state is not a CloudHSM cluster state");
            require(cluster.hsmZones() == null || cluster.hsmZones().size() == cluster.activeHsmCount(),
                    "console.sandbox.cloudhsm-clusters." + id + ".hsm-zones needs one zone per active HSM");
            require(zoneLetters(cluster.hsmZones()) && zoneLetters(cluster.subnetZones()),
                    "console.sandbox.cloudhsm-clusters." + id + ": zones are single letters a-z");
        });
        vpcEndpointServices.forEach((name, service) -> {
            require(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME.violation(name.replace("{region}", "us-east-1"))
                .isEmpty(), "console.sandbox.vpc-endpoint-services: '" + name + "' is not a valid service name");
            require(service.privateDnsName() != null && !service.privateDnsName().isBlank(),
                    "console.sandbox.vpc-endpoint-services[" + name + "].private-dns-name is required");
        });
    }

    /** {@link #simulatedRegions} compiled; null when unset. */
    @Nullable Pattern simulatedRegionPattern() {
        return simulatedRegions == null || simulatedRegions.isBlank() ? null : Pattern.compile(simulatedRegions);
    }

    /** The cluster states of the CloudHSM API (model enum {@code ClusterState}). */
    static final List<String> CLUSTER_STATES = List.of("CREATE_IN_PROGRESS", "UNINITIALIZED", "INITIALIZE_IN_PROGRESS",
            "INITIALIZED", "ACTIVE", "UPDATE_IN_PROGRESS", "MODIFY_IN_PROGRESS", "ROLLBACK_IN_PROGRESS",
            "DELETE_IN_PROGRESS", "DELETED", "DEGRADED");

    private static boolean zoneLetters(@Nullable List<String> zones) {
        return zones == null || zones.stream().allMatch(zone -> zone != null && zone.matches("[a-z]"));
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return "SandboxKmsProperties[accessKeyId=" + accessKeyId + ", secretAccessKey=<redacted>, clusters="
                + cloudhsmClusters.keySet() + ", vpcEndpointServices=" + vpcEndpointServices.keySet() + "]";
    }

    /**
     * The request quota of KMS (5 requests per second per operation, account and Region).
     *
     * @param enabled whether requests over the quota are refused with ThrottlingException
     * @param requestsPerSecond requests each operation accepts per second, account and
     * Region
     */
    record Throttling(@DefaultValue("true") boolean enabled, @DefaultValue("5") int requestsPerSecond) {
    }

    /**
     * A simulated CloudHSM cluster.
     *
     * @param backupFamily clusters of one family share their cluster certificate (backup
     * history), so they are related: a key store may move between them, and only one of
     * them may back a key store
     * @param active whether the cluster is initialized and active (no:
     * CloudHsmClusterNotActiveException)
     * @param activeHsmCount active HSMs; Create/Update need 2, Connect needs 1 (0:
     * INSUFFICIENT_CLOUDHSM_HSMS)
     * @param kmsuserPassword the password of the cluster's {@code kmsuser}; none means
     * there is no such user (Connect ends USER_NOT_FOUND); a different KeyStorePassword
     * ends INVALID_CREDENTIALS
     * @param connectErrorCode when set, every Connect ends FAILED with this
     * ConnectionErrorCode (to practise USER_LOCKED_OUT, NETWORK_ERRORS, SUBNET_NOT_FOUND,
     * ...)
     * @param accountId the account whose CloudHSM DescribeClusters lists the cluster;
     * none: the default account ({@code console.sandbox.account-id})
     * @param region the Region it is listed in; none: every Region
     * @param state the cluster state DescribeClusters answers; none: {@code ACTIVE} when
     * active, else {@code INITIALIZED}
     * @param hsmZones the Availability Zone letter of each active HSM (e.g.
     * {@code [a, a]} for two HSMs in one zone); none: distinct zones a, b, c... one per
     * active HSM
     * @param subnetZones the zone letters of the cluster's subnets; none: a and b and the
     * HSMs' zones
     * @param securityGroupOpen whether the cluster's security group allows TCP 2223-2225
     * in and out to itself, which KMS checks on Create/Update (no:
     * CloudHsmClusterInvalidConfigurationException). DescribeClusters does not show the
     * rules (only the group's ID), so the console cannot foresee this refusal.
     */
    record CloudHsmCluster(String backupFamily, @DefaultValue("true") boolean active,
            @DefaultValue("2") int activeHsmCount, @Nullable String kmsuserPassword, @Nullable String connectErrorCode,
            @Nullable String accountId, @Nullable String region, @Nullable String state,
            @Nullable List<String> hsmZones, @Nullable List<String> subnetZones,
            @DefaultValue("true") boolean securityGroupOpen) {

        /**
         * The distinct Availability Zones of the active HSMs: the configured letters,
         * else one zone per active HSM (a, b, c, ...), as {@link SimulatedCluster} shows
         * them.
         */
        long activeHsmZoneCount() {
            return hsmZones != null ? hsmZones.stream().distinct().count() : activeHsmCount;
        }

        /** The distinct zones of the cluster's subnets, with those of its HSMs. */
        long subnetZoneCount() {
            var zones = new java.util.HashSet<String>(subnetZones != null ? subnetZones : List.of("a", "b"));
            if (hsmZones != null) {
                zones.addAll(hsmZones);
            }
            return zones.size();
        }

        @Override
        public String toString() {
            return "CloudHsmCluster[backupFamily=" + backupFamily + ", active=" + active + ", activeHsmCount="
                    + activeHsmCount + ", kmsuserPassword=<redacted>, connectErrorCode=" + connectErrorCode
                    + ", accountId=" + accountId + ", region=" + region + ", state=" + state + ", hsmZones=" + hsmZones
                    + ", subnetZones=" + subnetZones + ", securityGroupOpen=" + securityGroupOpen + "]";
        }
    }

    /**
     * A simulated VPC endpoint service in front of an XKS proxy.
     *
     * @param privateDnsName the verified private DNS name; an external key store's
     * XksProxyUriEndpoint must be {@code https://} + this name
     * @param owner the AWS account that owns the service
     * @param validConfiguration whether the service meets the KMS requirements (no:
     * ..InvalidConfigurationException on Create/Update,
     * XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION on Connect)
     */
    record VpcEndpointService(String privateDnsName, @DefaultValue("111122223333") String owner,
            @DefaultValue("true") boolean validConfiguration) {
    }
}
