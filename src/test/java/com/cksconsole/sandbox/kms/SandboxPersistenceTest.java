package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

/**
 * The sandbox keeps its state in the application's database: the first start seeds the
 * five example stores of the team brief, and a restart on the same H2 file sees every
 * store as it was, including a connection that was still in progress. In aws mode the
 * sandbox does not exist at all.
 */
class SandboxPersistenceTest {

    @TempDir
    Path directory;

    private final SandboxApplications applications = new SandboxApplications();

    @AfterEach
    void stopApplications() {
        applications.close();
    }

    @Test
    void theFirstStartSeedsTheFiveExampleStores() {
        var app = applications.start(h2File());

        try (KmsClient kms = SandboxApplications.kms(app, "us-east-1")) {
            Map<String, CustomKeyStoresListEntry> stores = byName(kms.describeCustomKeyStores().customKeyStores());

            assertThat(stores).containsOnlyKeys("finance-hsm-primary", "payments-hsm-dr", "ekm-public-tenant-a",
                    "ekm-private-vpc", "ekm-lab-slow");
            var aws = app.getBean(SimulatedAws.class);
            var finance = stores.get("finance-hsm-primary");
            assertThat(finance.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
            assertThat(finance.cloudHsmClusterId()).isEqualTo("cluster-jxhlf7644ne");
            assertThat(finance.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
            assertThat(finance.trustAnchorCertificate())
                .isEqualTo(aws.trustAnchor(aws.cluster("cluster-jxhlf7644ne").orElseThrow()));
            var payments = stores.get("payments-hsm-dr");
            assertThat(payments.cloudHsmClusterId()).isEqualTo("cluster-k4p2mq7xa3b");
            assertThat(payments.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
            var tenantA = stores.get("ekm-public-tenant-a");
            assertThat(tenantA.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
            assertThat(tenantA.xksProxyConfiguration().connectivity())
                .isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
            assertThat(tenantA.xksProxyConfiguration().uriEndpoint())
                .isEqualTo("https://xks-public.sandbox.example.com");
            assertThat(tenantA.xksProxyConfiguration().uriPath()).isEqualTo("/tenant-a/kms/xks/v1");
            assertThat(tenantA.xksProxyConfiguration().accessKeyId()).isEqualTo("SANDBOXTENANTAKEYID234");
            var vpc = stores.get("ekm-private-vpc");
            assertThat(vpc.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
            assertThat(vpc.xksProxyConfiguration().connectivity())
                .isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
            assertThat(vpc.xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks-private.sandbox.example.com");
            assertThat(vpc.xksProxyConfiguration().uriPath()).isEqualTo("/kms/xks/v1");
            assertThat(vpc.xksProxyConfiguration().vpcEndpointServiceName())
                .isEqualTo("com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718");
            assertThat(vpc.xksProxyConfiguration().vpcEndpointServiceOwner()).isEqualTo("111122223333");
            assertThat(vpc.xksProxyConfiguration().accessKeyId()).isEqualTo("SANDBOXPRIVATEKEYID234");
            var slow = stores.get("ekm-lab-slow");
            assertThat(slow.connectionState()).isEqualTo(ConnectionStateType.FAILED);
            assertThat(slow.connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_TIMED_OUT);
            assertThat(slow.xksProxyConfiguration().uriEndpoint()).isEqualTo("https://xks-lab.sandbox.example.com");
            assertThat(slow.xksProxyConfiguration().uriPath()).isEqualTo("/slow/kms/xks/v1");
            assertThat(slow.xksProxyConfiguration().accessKeyId()).isEqualTo("SANDBOXLABKEYIDZZ23456");
            assertThat(stores.values()).allSatisfy(store -> {
                assertThat(store.customKeyStoreId()).matches("cks-[0-9a-f]{17}");
                assertThat(store.creationDate()).isBetween(Instant.parse("2024-01-01T00:00:00Z"), Instant.now());
            });
            // The seeded secrets are the ones the cluster and the proxy expect: both
            // connect.
            kms.connectCustomKeyStore(b -> b.customKeyStoreId(payments.customKeyStoreId()));
            kms.connectCustomKeyStore(b -> b.customKeyStoreId(vpc.customKeyStoreId()));
            awaitState(kms, payments.customKeyStoreId(), ConnectionStateType.CONNECTED);
            awaitState(kms, vpc.customKeyStoreId(), ConnectionStateType.CONNECTED);
        }
    }

    @Test
    void aRestartSeesTheStoresAsTheyWere() {
        String url = h2File();
        var first = applications.start(url, "--console.sandbox.connect-delay=3s");
        String region = SandboxKmsTestSupport.newRegion();
        String hsm;
        String xks;
        String connecting;
        List<CustomKeyStoresListEntry> before;
        String marker;
        try (KmsClient kms = SandboxApplications.kms(first, region)) {
            var aws = first.getBean(SimulatedAws.class);
            hsm = kms
                .createCustomKeyStore(b -> b.customKeyStoreName("p-hsm")
                    .cloudHsmClusterId("cluster-h5vq2xw7zpm")
                    .trustAnchorCertificate(aws.trustAnchor(aws.cluster("cluster-h5vq2xw7zpm").orElseThrow()))
                    .keyStorePassword("SpareCluster9"))
                .customKeyStoreId();
            xks = kms
                .createCustomKeyStore(SandboxKmsTestSupport.publicXks("p-xks", SandboxKmsTestSupport.PUBLIC_ENDPOINT,
                        "/tenant-b/kms/xks/v1", SandboxKmsTestSupport.TENANT_B))
                .customKeyStoreId();
            connecting = kms
                .createCustomKeyStore(b -> b.customKeyStoreName("p-connecting")
                    .cloudHsmClusterId("cluster-jxhlf7644ne")
                    .trustAnchorCertificate(aws.trustAnchor(aws.cluster("cluster-jxhlf7644ne").orElseThrow()))
                    .keyStorePassword("Finance2026"))
                .customKeyStoreId();
            kms.updateCustomKeyStore(b -> b.customKeyStoreId(hsm).newCustomKeyStoreName("p-hsm-renamed"));
            before = kms.describeCustomKeyStores().customKeyStores();
            marker = kms.describeCustomKeyStores(b -> b.limit(1)).nextMarker();
            kms.connectCustomKeyStore(b -> b.customKeyStoreId(connecting));
        }
        try (KmsClient seeded = SandboxApplications.kms(first, "us-east-1")) {
            String payments = seeded.describeCustomKeyStores(b -> b.customKeyStoreName("payments-hsm-dr"))
                .customKeyStores()
                .get(0)
                .customKeyStoreId();
            seeded.deleteCustomKeyStore(b -> b.customKeyStoreId(payments));
        }
        assertThat(new SimulatedWorldChanges(first.getBean(JdbcClient.class)).storedState(connecting))
            .isEqualTo("CONNECTING");
        applications.stop(first); // before the connection has settled

        var second = applications.start(url);

        try (KmsClient kms = SandboxApplications.kms(second, region)) {
            var after = awaitState(kms, connecting, ConnectionStateType.CONNECTED);
            assertThat(after.customKeyStoreName()).isEqualTo("p-connecting");
            var others = kms.describeCustomKeyStores()
                .customKeyStores()
                .stream()
                .filter(store -> !store.customKeyStoreId().equals(connecting))
                .toList();
            assertThat(others).containsExactlyElementsOf(
                    before.stream().filter(store -> !store.customKeyStoreId().equals(connecting)).toList());
            assertThat(kms.describeCustomKeyStores(b -> b.marker(marker)).customKeyStores())
                .extracting(CustomKeyStoresListEntry::customKeyStoreId)
                .containsExactly(xks, connecting);
            // The secrets came through the restart: the proxy accepts the stored
            // credential.
            kms.connectCustomKeyStore(b -> b.customKeyStoreId(xks));
            awaitState(kms, xks, ConnectionStateType.CONNECTED);
        }
        try (KmsClient seeded = SandboxApplications.kms(second, "us-east-1")) {
            assertThat(byName(seeded.describeCustomKeyStores().customKeyStores())).as("the seed runs once per database")
                .doesNotContainKey("payments-hsm-dr")
                .hasSize(4);
        }
    }

    @Test
    void theTrustAnchorsAreIssuedAtTheFirstStartAndStayTheSameAfterARestart() throws Exception {
        String url = h2File();
        var first = applications.start(url);
        var firstAws = first.getBean(SimulatedAws.class);
        var cluster = firstAws.cluster("cluster-h5vq2xw7zpm").orElseThrow();
        String issued = firstAws.trustAnchor(cluster);
        String clusterCertificate = clusterCertificate(firstAws, "cluster-h5vq2xw7zpm");
        String seeded;
        try (KmsClient kms = SandboxApplications.kms(first, "us-east-1")) {
            seeded = byName(kms.describeCustomKeyStores().customKeyStores()).get("finance-hsm-primary")
                .trustAnchorCertificate();
        }
        applications.stop(first);

        var second = applications.start(url);
        var secondAws = second.getBean(SimulatedAws.class);

        assertThat(ClusterCertificateAuthorityTest.parse(issued).getSubjectX500Principal().getName())
            .contains("CN=customerCA backup family E");
        assertThat(secondAws.trustAnchor(secondAws.cluster("cluster-h5vq2xw7zpm").orElseThrow())).isEqualTo(issued);
        assertThat(clusterCertificate).isNotNull();
        assertThat(clusterCertificate(secondAws, "cluster-h5vq2xw7zpm")).as("DescribeClusters' cluster certificate")
            .isEqualTo(clusterCertificate);
        assertThat(secondAws.trustAnchor(secondAws.cluster("cluster-jxhlf7644ne").orElseThrow())).isEqualTo(seeded);
        try (KmsClient kms = SandboxApplications.kms(second, SandboxKmsTestSupport.newRegion())) {
            // KMS compares the trust anchor with the cluster's: the one from before the
            // restart still matches.
            assertThat(kms
                .createCustomKeyStore(b -> b.customKeyStoreName("after-restart")
                    .cloudHsmClusterId("cluster-h5vq2xw7zpm")
                    .trustAnchorCertificate(issued)
                    .keyStorePassword("SpareCluster9"))
                .customKeyStoreId()).startsWith("cks-");
        }
    }

    @Test
    void inAwsModeTheSandboxHasNoTablesAndNoEndpoint() throws Exception {
        var app = applications.start(h2File(), "--console.kms.mode=aws",
                "--console.audit.fingerprint-key=aws-mode-test-fingerprint-key-of-32-chars-or-more",
                "--console.audit.chain-key=YXdzLW1vZGUtdGVzdC1jaGFpbi1rZXktb2YtMzItYnl0ZXMhIQ==",
                "--console.audit.checkpoint-signing-key=MC4CAQAwBQYDK2VwBCIEIHBHrlFIHHS4v8zE/4ygCbs61SMj9yEUuEoYP8Gfnpgm");

        var tables = app.getBean(JdbcClient.class)
            .sql("select lower(table_name) from information_schema.tables where lower(table_name) like 'sandbox%'")
            .query(String.class)
            .list();
        var response = HttpClient.newHttpClient()
            .send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + SandboxApplications.port(app) + "/sandbox/kms"))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "TrentService.DescribeCustomKeyStores")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(tables).isEmpty();
        assertThat(app.getBeanNamesForType(RegionTransactions.class)).isEmpty();
        assertThat(response.statusCode()).isNotEqualTo(200);
        assertThat(response.headers().firstValue("x-amzn-RequestId")).isEmpty();
    }

    private String h2File() {
        return "jdbc:h2:file:" + directory.resolve("console").toAbsolutePath();
    }

    /**
     * A CloudHSM key store on the spare cluster, created in the application's sandbox and
     * connected, for tests that need keys: returns its ID.
     */
    static String connectedSpareStore(KmsClient kms, SimulatedAws aws, String name) {
        String store = kms
            .createCustomKeyStore(b -> b.customKeyStoreName(name)
                .cloudHsmClusterId(SandboxKmsTestSupport.SPARE_CLUSTER)
                .trustAnchorCertificate(aws.trustAnchor(aws.cluster(SandboxKmsTestSupport.SPARE_CLUSTER).orElseThrow()))
                .keyStorePassword(SandboxKmsTestSupport.SPARE_CLUSTER_PASSWORD))
            .customKeyStoreId();
        kms.connectCustomKeyStore(b -> b.customKeyStoreId(store));
        awaitState(kms, store, ConnectionStateType.CONNECTED);
        return store;
    }

    static CustomKeyStoresListEntry awaitState(KmsClient kms, String id, ConnectionStateType state) {
        return await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId(id)).customKeyStores().get(0),
                    store -> store.connectionState() == state);
    }

    private static Map<String, CustomKeyStoresListEntry> byName(List<CustomKeyStoresListEntry> stores) {
        return stores.stream()
            .collect(Collectors.toMap(CustomKeyStoresListEntry::customKeyStoreName, Function.identity()));
    }

    private static @org.jspecify.annotations.Nullable String clusterCertificate(SimulatedAws aws, String clusterId) {
        return aws.clustersOf(new AccountRegion("111122223333", "us-east-1"))
            .stream()
            .filter(found -> found.clusterId().equals(clusterId))
            .findFirst()
            .orElseThrow()
            .clusterCertificate();
    }

}
