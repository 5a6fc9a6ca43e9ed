package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One configured CloudHSM cluster as CloudHSM DescribeClusters shows it in one Region
 * (AWS CloudHSM API Reference, "Cluster", "Hsm", "Certificates"). What the configuration
 * does not say (VPC, security group, subnet, HSM and ENI IDs, creation time) is derived
 * from the cluster ID, so it stays the same across restarts and instances.
 *
 * @param zones the Availability Zone letter of each active HSM
 * @param subnetZones the zone letters of the cluster's subnets (SubnetMapping)
 * @param clusterCertificate the family's cluster certificate (PEM); null when the sandbox
 * has none for the family, and before the cluster is initialized
 */
record SimulatedCluster(String clusterId, String region, String state, List<String> zones, Set<String> subnetZones,
        @Nullable String clusterCertificate, String seed) {

    static final String HSM_TYPE = "hsm2m.medium";

    static final String MODE = "FIPS";

    /** States before initialization: a cluster then has a CSR, not a certificate. */
    private static final Set<String> NOT_INITIALIZED = Set.of("CREATE_IN_PROGRESS", "UNINITIALIZED",
            "INITIALIZE_IN_PROGRESS");

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    /** 2024-01-01T00:00:00Z: simulated clusters were created within a year after. */
    private static final long EPOCH = 1_704_067_200L;

    static SimulatedCluster of(String clusterId, CloudHsmCluster cluster, String region,
            @Nullable String clusterCertificate) {
        String state = cluster.state() != null ? cluster.state() : cluster.active() ? "ACTIVE" : "INITIALIZED";
        List<String> zones = hsmZones(cluster);
        Set<String> subnetZones = new LinkedHashSet<>();
        if (cluster.subnetZones() != null) {
            subnetZones.addAll(cluster.subnetZones());
        }
        else {
            subnetZones.addAll(List.of("a", "b"));
        }
        subnetZones.addAll(zones);
        String certificate = NOT_INITIALIZED.contains(state) ? null : clusterCertificate;
        return new SimulatedCluster(clusterId, region, state, List.copyOf(zones), Set.copyOf(subnetZones), certificate,
                sha256Hex(clusterId));
    }

    /**
     * The Availability Zone letter of each active HSM: as configured, else one zone per
     * HSM (a, b, c, ...).
     */
    static List<String> hsmZones(CloudHsmCluster cluster) {
        List<String> zones = new ArrayList<>();
        if (cluster.hsmZones() != null) {
            zones.addAll(cluster.hsmZones());
        }
        else {
            for (int i = 0; i < cluster.activeHsmCount(); i++) {
                zones.add(String.valueOf((char) ('a' + i % 26)));
            }
        }
        return zones;
    }

    String vpcId() {
        return "vpc-" + seed.substring(0, 17);
    }

    boolean matchesState(String wanted) {
        return state.equals(wanted);
    }

    ObjectNode json() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode json = nodes.objectNode();
        json.put("ClusterId", clusterId);
        json.put("State", state);
        json.put("HsmType", HSM_TYPE);
        json.put("Mode", MODE);
        json.put("NetworkType", "IPV4");
        json.put("VpcId", vpcId());
        json.put("SecurityGroup", "sg-" + seed.substring(17, 34));
        json.put("BackupPolicy", "DEFAULT");
        json.put("CreateTimestamp", (double) (EPOCH + Long.parseLong(seed.substring(34, 40), 16) % (365L * 24 * 3600)));
        ObjectNode subnets = json.putObject("SubnetMapping");
        subnetZones.stream().sorted().forEach(zone -> subnets.put(region + zone, subnetId(zone)));
        var hsms = json.putArray("Hsms");
        for (int i = 0; i < zones.size(); i++) {
            String zone = zones.get(i);
            ObjectNode hsm = hsms.addObject();
            hsm.put("HsmId", "hsm-" + base32(i));
            hsm.put("ClusterId", clusterId);
            hsm.put("AvailabilityZone", region + zone);
            hsm.put("SubnetId", subnetId(zone));
            hsm.put("EniId", "eni-" + seed.substring(40 + i % 3 * 8, 48 + i % 3 * 8));
            hsm.put("EniIp", "10.0." + (zone.charAt(0) - 'a' + 1) + "." + (11 + i));
            hsm.put("HsmType", HSM_TYPE);
            hsm.put("State", "ACTIVE");
        }
        ObjectNode certificates = json.putObject("Certificates");
        if (clusterCertificate != null) {
            certificates.put("ClusterCertificate", clusterCertificate);
        }
        return json;
    }

    private String subnetId(String zone) {
        return "subnet-" + seed.substring(0, 8) + HexFormat.of().toHexDigits((byte) zone.charAt(0));
    }

    /**
     * An HSM ID suffix of 13 characters from [a-z2-7], distinct per HSM of the cluster.
     */
    private String base32(int index) {
        var id = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            id.append(BASE32.charAt(Character.digit(seed.charAt(i), 16) * 2 % 32));
        }
        return id.append(BASE32.charAt(index % 32)).toString();
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
