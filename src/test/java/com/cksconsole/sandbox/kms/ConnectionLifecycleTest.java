package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.model.ConnectionErrorCodeType;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * Connect / Disconnect / Delete in real time (test profile: connect 150 ms, disconnect
 * 100 ms): the outcomes of a connection attempt per cause, the scheduler, recovery. The
 * exact transient states are checked with a frozen clock in
 * {@link ConnectionStateMatrixTest}.
 */
class ConnectionLifecycleTest extends SandboxKmsTestSupport {

    @Autowired
    JdbcClient jdbc;

    private SimulatedWorldChanges world;

    @BeforeEach
    void world() {
        world = new SimulatedWorldChanges(jdbc);
    }

    @Test
    void aCloudHsmStoreWithTheClusterPasswordConnects() {
        String id = createCloudHsm("l-hsm");

        connectAndAwait(id, ConnectionStateType.CONNECTED);

        assertThat(describe(id).connectionErrorCode()).isNull();
    }

    @Test
    void theSchedulerSettlesATransitionWithoutAnyRead() {
        String id = createCloudHsm("l-hsm-scheduler");

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));

        // Reading the table directly never settles anything: only the scheduler can have
        // written CONNECTED.
        await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> world.storedState(id).equals("CONNECTED"));
    }

    @ParameterizedTest(name = "cluster {0}, password {1} -> {2}")
    @CsvSource({ "cluster-h5vq2xw7zpm, NotTheRightOne7, INVALID_CREDENTIALS",
            "cluster-testnokmsuser, Anything77, USER_NOT_FOUND", "cluster-testlockedout, Locked2026, USER_LOCKED_OUT" })
    void aCloudHsmConnectionFailsForTheClustersReason(String cluster, String password, String code) {
        String id = createCloudHsm("l-hsm-failing", cluster, password);

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.fromValue(code));
    }

    @Test
    void aDeletedClusterEndsClusterNotFound() {
        String id = createCloudHsm("l-hsm-deleted-cluster");
        world.clusterBecomes(id, "cluster-deletedxxxxx");

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.CLUSTER_NOT_FOUND);
    }

    @Test
    void aClusterWithoutActiveHsmsEndsInsufficientHsms() {
        String id = createCloudHsm("l-hsm-no-hsms", SPARE_CLUSTER, "NoHsms2026");
        world.clusterBecomes(id, "cluster-testnohsmszz");

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.INSUFFICIENT_CLOUDHSM_HSMS);
    }

    @Test
    void aClusterWithOneHsmIsEnoughToConnect() {
        String id = createCloudHsm("l-hsm-one-hsm", SPARE_CLUSTER, "LabCluster42");
        world.clusterBecomes(id, ONE_HSM_CLUSTER);

        connectAndAwait(id, ConnectionStateType.CONNECTED);
    }

    @Test
    void anInactiveClusterFailsConnectAtOnceAndTheStoreStaysDisconnected() {
        String id = createCloudHsm("l-hsm-inactive");
        world.clusterBecomes(id, INACTIVE_CLUSTER);

        kmsError(() -> kms.connectCustomKeyStore(b -> b.customKeyStoreId(id)), "CloudHsmClusterNotActiveException");

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @Test
    void publicAndVpcExternalKeyStoresWithHealthyProxiesConnect() {
        String publicStore = createPublicXks("l-xks-public");
        String vpcStore = createVpcXks("l-xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        connectAndAwait(publicStore, ConnectionStateType.CONNECTED);
        connectAndAwait(vpcStore, ConnectionStateType.CONNECTED);
    }

    @ParameterizedTest(name = "{0} with {1} key -> {2}")
    @CsvSource({ "/degraded/kms/xks/v1, LAB, CONNECTED", "/unavailable/kms/xks/v1, LAB, XKS_PROXY_NOT_REACHABLE",
            "/slow/kms/xks/v1, LAB, XKS_PROXY_TIMED_OUT", "/throttled/kms/xks/v1, LAB, XKS_PROXY_NOT_REACHABLE",
            "/reject-path/kms/xks/v1, LAB, XKS_PROXY_INVALID_CONFIGURATION",
            "/internal-error/kms/xks/v1, LAB, XKS_PROXY_INVALID_RESPONSE",
            "/malformed/kms/xks/v1, LAB, XKS_PROXY_INVALID_RESPONSE", "/kms/xks/v1, UNKNOWN, INVALID_CREDENTIALS" })
    void anExternalKeyStoreConnectionEndsAsItsProxyAnswers(String path, String key, String outcome) {
        // VPC stores are not health-checked at Create, so any proxy behaviour can be set
        // up.
        String id = createVpcXks("l-xks-" + key, PRIVATE_ENDPOINT, path, CreateCustomKeyStoreTest.credentialNamed(key),
                VPC_SERVICE_ID);

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id)); // never throws for proxy
                                                                // problems

        if (outcome.equals("CONNECTED")) {
            awaitState(id, ConnectionStateType.CONNECTED);
        }
        else {
            var store = awaitState(id, ConnectionStateType.FAILED);
            assertThat(store.connectionErrorCodeAsString()).isEqualTo(outcome);
        }
    }

    @Test
    void aPublicProxyThatWentAwayEndsNotReachable() {
        String id = createPublicXks("l-xks-gone");
        world.proxyEndpointBecomes(id, "https://xks-gone.sandbox.example.com");

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode()).isEqualTo(ConnectionErrorCodeType.XKS_PROXY_NOT_REACHABLE);
    }

    @Test
    void aVanishedEndpointServiceEndsNotFound() {
        String id = createVpcXks("l-xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        world.endpointServiceBecomes(id, vpcService("vpce-svc-0deadbeef0000000"));

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode())
            .isEqualTo(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_NOT_FOUND);
    }

    @Test
    void aBrokenEndpointServiceEndsInvalidConfiguration() {
        String id = createVpcXks("l-xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        world.endpointServiceBecomes(id, vpcService(MISCONFIGURED_VPC_SERVICE_ID));

        connectAndAwait(id, ConnectionStateType.FAILED);

        assertThat(describe(id).connectionErrorCode())
            .isEqualTo(ConnectionErrorCodeType.XKS_VPC_ENDPOINT_SERVICE_INVALID_CONFIGURATION);
    }

    @Test
    void disconnectingAConnectedStoreEndsDisconnected() {
        String id = createCloudHsm("l-hsm");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));

        awaitState(id, ConnectionStateType.DISCONNECTED);
    }

    @Test
    void disconnectingAFailedStoreClearsItsErrorCode() {
        String id = createCloudHsm("l-hsm-failed", SPARE_CLUSTER, "NotTheRightOne7");
        connectAndAwait(id, ConnectionStateType.FAILED);

        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));

        var store = awaitState(id, ConnectionStateType.DISCONNECTED);
        assertThat(store.connectionErrorCode()).isNull();
    }

    @Test
    void aDisconnectedStoreWithoutKeysIsDeleted() {
        String id = createPublicXks("l-delete");

        kms.deleteCustomKeyStore(b -> b.customKeyStoreId(id));

        kmsError(() -> describe(id), "CustomKeyStoreNotFoundException");
        kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId(id)), "CustomKeyStoreNotFoundException");
    }

    @Test
    void aStoreThatHoldsKmsKeysCannotBeDeleted() {
        String id = createCloudHsm("has-kms-keys");
        connectAndAwait(id, ConnectionStateType.CONNECTED);
        kms.createKey(b -> b.customKeyStoreId(id).origin(OriginType.AWS_CLOUDHSM));
        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));
        awaitState(id, ConnectionStateType.DISCONNECTED);

        var error = kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId(id)),
                "CustomKeyStoreHasCMKsException");

        assertThat(message(error)).contains("1 KMS keys");
        assertThat(describe(id).customKeyStoreName()).isEqualTo("has-kms-keys");
    }

    @Test
    void aConnectedStoreIsNotDeleted() {
        String id = createCloudHsm("l-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId(id)), "CustomKeyStoreInvalidStateException");
    }

    @Test
    void unknownStoresAreNotFoundForConnectAndDisconnect() {
        kmsError(() -> kms.connectCustomKeyStore(b -> b.customKeyStoreId("cks-00000000000000000")),
                "CustomKeyStoreNotFoundException");
        kmsError(() -> kms.disconnectCustomKeyStore(b -> b.customKeyStoreId("cks-00000000000000000")),
                "CustomKeyStoreNotFoundException");
    }

}
