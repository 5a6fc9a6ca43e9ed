package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;
import software.amazon.awssdk.services.cloudhsmv2.model.Cluster;
import software.amazon.awssdk.services.cloudhsmv2.model.ClusterState;
import software.amazon.awssdk.services.cloudhsmv2.model.CloudHsmV2Exception;
import software.amazon.awssdk.services.cloudhsmv2.model.DescribeClustersResponse;
import software.amazon.awssdk.services.cloudhsmv2.model.Hsm;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import com.cksconsole.kms.SandboxDefaults;

/**
 * CloudHSM DescribeClusters at {@code /sandbox/cloudhsmv2} through the real SDK's
 * {@link CloudHsmV2Client} (AWS JSON 1.1, SigV4 signing name {@code cloudhsm}). Every
 * test has a Region of its own; the default account's clusters (application.yml and
 * application-sandbox.yml) are listed in every Region, the other accounts' only in
 * theirs.
 */
class SandboxCloudHsmTest extends SandboxKmsTestSupport {

    /**
     * The default account's clusters, in cluster ID order: application.yml's, the two of
     * application-sandbox.yml and the test profile's five.
     */
    static final List<String> DEFAULT_ACCOUNT_CLUSTERS = List.of("cluster-b3nx7kw4ydz", "cluster-closedsghsm5",
            "cluster-creatinghsm3", "cluster-h5vq2xw7zpm", "cluster-jxhlf7644ne", "cluster-k4p2mq7xa3b",
            "cluster-m7qz3vh2kd5", "cluster-samezonehsm2", "cluster-t2wz6ryp5nq", "cluster-testinactiveee",
            "cluster-testlockedout", "cluster-testnohsmszz", "cluster-testnokmsuser", "cluster-testonehsmee");

    @Test
    void theDefaultAccountSeesItsClustersInAnyRegionWithEveryMemberTheWizardNeeds() {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            DescribeClustersResponse response = cloudHsm.describeClusters();

            assertThat(response.clusters()).extracting(Cluster::clusterId)
                .containsExactlyElementsOf(DEFAULT_ACCOUNT_CLUSTERS);
            assertThat(response.nextToken()).isNull();
            Cluster finance = find(response, FINANCE_CLUSTER);
            assertThat(finance.state()).isEqualTo(ClusterState.ACTIVE);
            assertThat(finance.hsmType()).isEqualTo("hsm2m.medium");
            assertThat(finance.modeAsString()).isEqualTo("FIPS");
            assertThat(finance.vpcId()).matches("vpc-[0-9a-f]{17}");
            assertThat(finance.securityGroup()).matches("sg-[0-9a-f]{17}");
            assertThat(finance.createTimestamp()).isNotNull();
            assertThat(finance.subnetMapping()).containsOnlyKeys(region + "a", region + "b");
            assertThat(finance.subnetMapping().values()).allMatch(subnet -> subnet.matches("subnet-[0-9a-f]{8,17}"));
            assertThat(finance.hsms()).hasSize(2).allSatisfy(hsm -> {
                assertThat(hsm.hsmId()).matches("hsm-[2-7a-z]{11,16}");
                assertThat(hsm.clusterId()).isEqualTo(FINANCE_CLUSTER);
                assertThat(hsm.stateAsString()).isEqualTo("ACTIVE");
                assertThat(hsm.subnetId()).isEqualTo(finance.subnetMapping().get(hsm.availabilityZone()));
            });
            assertThat(finance.hsms()).extracting(Hsm::availabilityZone).containsExactly(region + "a", region + "b");
            assertThat(find(response, "cluster-samezonehsm2").hsms()).extracting(Hsm::availabilityZone)
                .containsExactly(region + "a", region + "a");
            assertThat(find(response, ONE_HSM_CLUSTER).hsms()).hasSize(1);
            assertThat(find(response, INACTIVE_CLUSTER).state()).isEqualTo(ClusterState.INITIALIZED);
            assertThat(find(response, INACTIVE_CLUSTER).hsms()).isEmpty();
            assertThat(find(response, "cluster-creatinghsm3").state()).isEqualTo(ClusterState.CREATE_IN_PROGRESS);
            assertThat(find(response, "cluster-creatinghsm3").certificates().clusterCertificate()).isNull();
        }
    }

    @Test
    void theClusterCertificateIsIssuedByTheFamilysTrustAnchorAndSharedWithinTheFamily() throws Exception {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            DescribeClustersResponse response = cloudHsm.describeClusters();
            String financePem = find(response, FINANCE_CLUSTER).certificates().clusterCertificate();
            X509Certificate finance = x509(financePem);
            X509Certificate anchor = x509(trustAnchorOf(FINANCE_CLUSTER));

            assertThat(finance.getIssuerX500Principal()).isEqualTo(anchor.getSubjectX500Principal());
            finance.verify(anchor.getPublicKey());
            assertThat(find(response, FINANCE_CLONE_CLUSTER).certificates().clusterCertificate()).isEqualTo(financePem);
            assertThat(find(response, PAYMENTS_CLUSTER).certificates().clusterCertificate()).isNotEqualTo(financePem);
            assertThat(
                    x509(find(response, PAYMENTS_CLUSTER).certificates().clusterCertificate()).getIssuerX500Principal())
                .isNotEqualTo(anchor.getSubjectX500Principal());
        }
    }

    @Test
    void pagesFollowTheNextTokenUntilTheLastCluster() {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            List<String> seen = new ArrayList<>();
            List<Integer> pageSizes = new ArrayList<>();
            String token = null;
            do {
                String next = token;
                DescribeClustersResponse page = cloudHsm.describeClusters(b -> b.maxResults(3).nextToken(next));
                page.clusters().forEach(cluster -> seen.add(cluster.clusterId()));
                pageSizes.add(page.clusters().size());
                token = page.nextToken();
            }
            while (token != null);

            assertThat(pageSizes).containsExactly(3, 3, 3, 3, 2);
            assertThat(seen).containsExactlyElementsOf(DEFAULT_ACCOUNT_CLUSTERS);
        }
    }

    @Test
    void maxResultsOfOneAndTwentyFiveAreAcceptedZeroAndTwentySixAreNot() {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            DescribeClustersResponse one = cloudHsm.describeClusters(b -> b.maxResults(1));
            assertThat(one.clusters()).hasSize(1);
            assertThat(one.nextToken()).isNotBlank();
            DescribeClustersResponse all = cloudHsm.describeClusters(b -> b.maxResults(25));
            assertThat(all.clusters()).hasSize(DEFAULT_ACCOUNT_CLUSTERS.size());
            assertThat(all.nextToken()).isNull();

            invalidRequest(() -> cloudHsm.describeClusters(b -> b.maxResults(0)));
            invalidRequest(() -> cloudHsm.describeClusters(b -> b.maxResults(26)));
        }
    }

    @Test
    void filtersOfOneKeyAreAlternativesAndDifferentKeysMustAllMatch() {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            assertThat(ids(cloudHsm.describeClusters(b -> b
                .filters(Map.of("clusterIds", List.of(FINANCE_CLUSTER, PAYMENTS_CLUSTER, "cluster-unknownclus2"))))))
                .containsExactly(FINANCE_CLUSTER, PAYMENTS_CLUSTER);
            assertThat(ids(cloudHsm
                .describeClusters(b -> b.filters(Map.of("states", List.of("INITIALIZED", "CREATE_IN_PROGRESS"))))))
                .containsExactly(INACTIVE_CLUSTER, "cluster-creatinghsm3", "cluster-testinactiveee");
            String vpc = find(cloudHsm.describeClusters(), FINANCE_CLUSTER).vpcId();
            assertThat(ids(cloudHsm
                .describeClusters(b -> b.filters(Map.of("vpcIds", List.of(vpc), "states", List.of("ACTIVE"))))))
                .containsExactly(FINANCE_CLUSTER);
        }
    }

    @Test
    void anUnknownFilterKeyOrAForeignTokenIsAnInvalidRequest() {
        try (CloudHsmV2Client cloudHsm = cloudHsm(region)) {
            invalidRequest(() -> cloudHsm.describeClusters(b -> b.filters(Map.of("names", List.of("x")))));
            invalidRequest(() -> cloudHsm.describeClusters(b -> b.nextToken("not-a-token-of-ours")));
        }
    }

    @Test
    void aWrongSignatureOrAnUnknownKeyIsRefused() {
        try (CloudHsmV2Client wrongSecret = cloudHsm(region,
                credentials(SandboxDefaults.ACCESS_KEY_ID, "not/the/secret/of/the/sandbox/key00000000"))) {
            assertThat(error(wrongSecret::describeClusters).awsErrorDetails().errorCode())
                .isEqualTo("InvalidSignatureException");
        }
        try (CloudHsmV2Client unknownKey = cloudHsm(region,
                credentials("AKIDSANDBOXNOBODY001", "sandbox/secret/nobody/not-for-production"))) {
            assertThat(error(unknownKey::describeClusters).awsErrorDetails().errorCode())
                .isEqualTo("UnrecognizedClientException");
        }
    }

    @Test
    void anAccountSeesOnlyItsOwnClustersInTheirRegionAlsoThroughAnAssumedRole() {
        var production = credentials("AKIDSANDBOXPROD00001", "sandbox/secret/production/not-for-production");
        try (CloudHsmV2Client eu = cloudHsm("eu-west-1", production);
                CloudHsmV2Client us = cloudHsm("us-east-1", production);
                CloudHsmV2Client elsewhere = cloudHsm(region, production)) {
            assertThat(ids(eu.describeClusters())).containsExactly("cluster-prodeuhsm2kq", "cluster-prodeuspare7");
            assertThat(ids(us.describeClusters())).containsExactly("cluster-produshsm7wx");
            assertThat(ids(elsewhere.describeClusters())).isEmpty();
        }
        Credentials session = assumeRole("arn:aws:iam::555566667777:role/KeyStoreCustodian");
        try (CloudHsmV2Client staging = cloudHsm("eu-west-1", StaticCredentialsProvider.create(AwsSessionCredentials
            .create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))) {
            assertThat(ids(staging.describeClusters())).containsExactly("cluster-stageuhsm3bz");
        }
    }

    @Test
    void aRoleWithoutCloudHsmRightsIsDeniedWithTheIamWording() {
        Credentials session = assumeRole("arn:aws:iam::444455556666:role/KeyStoreAuditor");
        try (CloudHsmV2Client auditor = cloudHsm("eu-west-1", StaticCredentialsProvider.create(AwsSessionCredentials
            .create(session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))) {
            CloudHsmV2Exception error = error(auditor::describeClusters);

            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("CloudHsmAccessDeniedException");
            assertThat(error.statusCode()).isEqualTo(400);
            assertThat(error.awsErrorDetails().errorMessage()).startsWith(
                    "User: arn:aws:sts::444455556666:assumed-role/KeyStoreAuditor/cluster-test is not authorized to "
                            + "perform: cloudhsm:DescribeClusters");
        }
    }

    private Credentials assumeRole(String roleArn) {
        try (StsClient sts = StsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/sts"))
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry())
                .addExecutionInterceptor(new SandboxStsTest.StsPath()))
            .build()) {
            return sts.assumeRole(b -> b.roleArn(roleArn).roleSessionName("cluster-test")).credentials();
        }
    }

    private CloudHsmV2Client cloudHsm(String signingRegion) {
        return cloudHsm(signingRegion, credentials(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY));
    }

    private CloudHsmV2Client cloudHsm(String signingRegion, AwsCredentialsProvider credentials) {
        return CloudHsmV2Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/cloudhsmv2"))
            .region(Region.of(signingRegion))
            .credentialsProvider(credentials)
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    private static StaticCredentialsProvider credentials(String key, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret));
    }

    private static List<String> ids(DescribeClustersResponse response) {
        return response.clusters().stream().map(Cluster::clusterId).toList();
    }

    private static Cluster find(DescribeClustersResponse response, String clusterId) {
        return response.clusters()
            .stream()
            .filter(cluster -> cluster.clusterId().equals(clusterId))
            .findFirst()
            .orElseThrow();
    }

    private static X509Certificate x509(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static CloudHsmV2Exception error(ThrowingCallable call) {
        CloudHsmV2Exception error = catchThrowableOfType(CloudHsmV2Exception.class, call);
        assertThat(error).isNotNull();
        return error;
    }

    private static void invalidRequest(ThrowingCallable call) {
        CloudHsmV2Exception error = error(call);
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("CloudHsmInvalidRequestException");
        assertThat(error.statusCode()).isEqualTo(400);
        assertThat(error.awsErrorDetails().errorMessage()).isNotBlank();
    }

}
