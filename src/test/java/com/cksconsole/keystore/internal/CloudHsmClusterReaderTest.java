package com.cksconsole.keystore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;

import com.cksconsole.keystore.CannedKms;
import com.cksconsole.keystore.ClusterRead;
import com.cksconsole.keystore.CustomKeyStore;
import com.cksconsole.keystore.KeyStoreReads;
import com.cksconsole.keystore.KeyStoreSnapshot;
import com.cksconsole.keystore.KmsFailureKind;
import com.cksconsole.keystore.SnapshotRead;
import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.support.TestTargets;

/**
 * The reader through the real SDK's CloudHsmV2Client against canned CloudHSM answers the
 * sandbox does not give on demand: paging, and each failure as a result the page can
 * show.
 */
class CloudHsmClusterReaderTest {

    private final CannedKms cloudHsm = new CannedKms();

    private final CloudHsmClients clients = mock(CloudHsmClients.class);

    private final KeyStoreReads reads = mock(KeyStoreReads.class);

    private final CloudHsmClusterReader reader = new CloudHsmClusterReader(clients, reads);

    private CloudHsmV2Client client;

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
        cloudHsm.close();
    }

    @Test
    void everyPageIsReadAndTheStoresDecideWhatIsInUse() {
        reach(cloudHsm.endpoint());
        cloudHsm.answer("{\"Clusters\":[" + cluster("cluster-firstpageaa2") + "],\"NextToken\":\"t1\"}")
            .answer("{\"Clusters\":[" + cluster("cluster-secondpagebb") + "]}");
        given(reads.list(TestTargets.SANDBOX)).willReturn(
                new SnapshotRead(new KeyStoreSnapshot(TestTargets.SANDBOX,
                        List.of(new CustomKeyStore("cks-1", "finance", KeyStoreType.AWS_CLOUDHSM,
                                ConnectionState.CONNECTED, null, null, "cluster-secondpagebb", null, null)),
                        Instant.now()), null, Duration.ZERO));

        ClusterRead read = reader.read(TestTargets.SANDBOX);

        assertThat(read.failure()).isNull();
        assertThat(read.clusters()).extracting(cluster -> cluster.cluster().clusterId())
            .containsExactly("cluster-firstpageaa2", "cluster-secondpagebb");
        assertThat(read.usable()).extracting(cluster -> cluster.cluster().clusterId())
            .containsExactly("cluster-firstpageaa2");
        assertThat(cloudHsm.requests()).hasSize(2).allSatisfy(request -> {
            assertThat(request.target()).isEqualTo("BaldrApiService.DescribeClusters");
            assertThat(request.body()).contains("\"MaxResults\":25");
        });
        assertThat(cloudHsm.requests().get(1).body()).contains("\"NextToken\":\"t1\"");
    }

    @Test
    void accessDeniedIsARefusalOfTheCredentials() {
        reach(cloudHsm.endpoint());
        cloudHsm.fail(400, "CloudHsmAccessDeniedException");

        ClusterRead read = reader.read(TestTargets.SANDBOX);

        assertThat(read.failure().kind()).isEqualTo(KmsFailureKind.CREDENTIALS_REFUSED);
        assertThat(read.failure().errorCode()).isEqualTo("CloudHsmAccessDeniedException");
        assertThat(read.clusters()).isEmpty();
    }

    @Test
    void throttlingIsTransient() {
        reach(cloudHsm.endpoint());
        cloudHsm.fail(400, "ThrottlingException");

        assertThat(reader.read(TestTargets.SANDBOX).failure().kind()).isEqualTo(KmsFailureKind.THROTTLED);
    }

    @Test
    void anInternalFailureIsAServerFault() {
        reach(cloudHsm.endpoint());
        cloudHsm.fail(500, "CloudHsmInternalFailureException");

        assertThat(reader.read(TestTargets.SANDBOX).failure().kind()).isEqualTo(KmsFailureKind.KMS_INTERNAL);
    }

    @Test
    void anEndpointNobodyListensOnIsUnreachable() throws Exception {
        int closedPort;
        try (var socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        reach(URI.create("http://127.0.0.1:" + closedPort));

        assertThat(reader.read(TestTargets.SANDBOX).failure().kind()).isEqualTo(KmsFailureKind.UNREACHABLE);
    }

    private void reach(URI endpoint) {
        client = CloudHsmV2Client.builder()
            .region(Region.US_EAST_1)
            .endpointOverride(endpoint)
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
        given(clients.client(TestTargets.SANDBOX)).willReturn(client);
    }

    private static String cluster(String id) {
        return "{\"ClusterId\":\"" + id
                + "\",\"State\":\"ACTIVE\",\"SubnetMapping\":{\"us-east-1a\":\"subnet-0a1b2c3d\","
                + "\"us-east-1b\":\"subnet-1b2c3d4e\"},\"Hsms\":[{\"HsmId\":\"hsm-abcdefghijkl\",\"AvailabilityZone\":"
                + "\"us-east-1a\",\"State\":\"ACTIVE\"},{\"HsmId\":\"hsm-mnopqrstuvwx\",\"AvailabilityZone\":"
                + "\"us-east-1b\",\"State\":\"ACTIVE\"}],\"Certificates\":{\"ClusterCertificate\":\"" + id + "\"},"
                + "\"CreateTimestamp\":1.7408232E9}";
    }

}
