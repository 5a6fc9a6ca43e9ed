package com.cksconsole.sandbox.kms;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.cksconsole.sandbox.kms.SandboxKmsProperties.CloudHsmCluster;
import com.cksconsole.sandbox.kms.SandboxKmsProperties.VpcEndpointService;

/**
 * The AWS resources outside KMS that the sandbox pretends exist: CloudHSM clusters (with their trust anchors) and
 * VPC endpoint services, as configured under {@code console.sandbox}. Clusters exist in every Region; a VPC
 * endpoint service exists in the Region its name names ({@code {region}} in a configured name: in every Region).
 */
final class SimulatedAws {

    private static final String REGION_PLACEHOLDER = "{region}";
    private static final Pattern SERVICE_REGION = Pattern.compile("^(?:com|eu)\\.amazonaws\\.vpce\\.([^.]+)\\..*$");

    private final Map<String, CloudHsmCluster> clusters;
    private final Map<String, String> trustAnchors;
    private final Map<String, VpcEndpointService> vpcEndpointServices;

    SimulatedAws(SandboxKmsProperties properties) {
        this.clusters = properties.cloudhsmClusters();
        this.trustAnchors = properties.cloudhsmTrustAnchors();
        this.vpcEndpointServices = properties.vpcEndpointServices();
    }

    Optional<CloudHsmCluster> cluster(String clusterId) {
        return Optional.ofNullable(clusters.get(clusterId));
    }

    /** The trust anchor (customerCA.crt) shared by the clusters of one backup family. */
    String trustAnchor(CloudHsmCluster cluster) {
        return trustAnchors.getOrDefault(cluster.backupFamily(), generatedCertificate(cluster.backupFamily()));
    }

    /** The service as seen from {@code region} by {@code owner}; empty = XksProxyVpcEndpointServiceNotFound. */
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

    /**
     * A fake certificate that looks like a real PEM (DER SEQUENCE header, 64-column base64), stable per family so
     * that clusters of one family share it and tests can compute it.
     */
    static String generatedCertificate(String family) {
        byte[] der = new byte[812];
        der[0] = 0x30;
        der[1] = (byte) 0x82;
        der[2] = (byte) ((der.length - 4) >> 8);
        der[3] = (byte) ((der.length - 4) & 0xff);
        byte[] block = sha256("cksconsole sandbox trust anchor, backup family " + family);
        for (int offset = 4; offset < der.length; offset += block.length) {
            System.arraycopy(block, 0, der, offset, Math.min(block.length, der.length - offset));
            block = sha256(new String(block, StandardCharsets.ISO_8859_1) + family);
        }
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.ISO_8859_1));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
