package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

/**
 * CreateCustomKeyStore: members per type, uniqueness, quota, idempotency, backing
 * resources, proxy check.
 */
class CreateCustomKeyStoreTest extends SandboxKmsTestSupport {

    @Test
    void aNewCloudHsmKeyStoreIsDisconnectedAndDescribedAsCreated() {
        String id = createCloudHsm("hsm-new");

        var store = describe(id);

        assertThat(id).matches("cks-[0-9a-f]{17}");
        assertThat(store.customKeyStoreName()).isEqualTo("hsm-new");
        assertThat(store.customKeyStoreType()).isEqualTo(CustomKeyStoreType.AWS_CLOUDHSM);
        assertThat(store.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(store.connectionErrorCode()).isNull();
        assertThat(store.cloudHsmClusterId()).isEqualTo(SPARE_CLUSTER);
        assertThat(store.trustAnchorCertificate()).isEqualTo(trustAnchorOf(SPARE_CLUSTER))
            .startsWith("-----BEGIN CERTIFICATE-----\nMII")
            .endsWith("-----END CERTIFICATE-----\n");
        assertThat(store.xksProxyConfiguration()).isNull();
        assertThat(store.creationDate()).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    }

    @Test
    void theTypeDefaultsToCloudHsm() {
        String id = createCloudHsm("hsm-default-type");

        assertThat(describe(id).customKeyStoreTypeAsString()).isEqualTo("AWS_CLOUDHSM");
    }

    @Test
    void aNewPublicExternalKeyStoreIsDisconnectedAndHasNoVpcMembers() {
        String id = createPublicXks("xks-public-new");

        var store = describe(id);

        assertThat(store.connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
        assertThat(store.customKeyStoreType()).isEqualTo(CustomKeyStoreType.EXTERNAL_KEY_STORE);
        assertThat(store.cloudHsmClusterId()).isNull();
        assertThat(store.trustAnchorCertificate()).isNull();
        var configuration = store.xksProxyConfiguration();
        assertThat(configuration.connectivity()).isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
        assertThat(configuration.uriEndpoint()).isEqualTo(PUBLIC_ENDPOINT);
        assertThat(configuration.uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(configuration.accessKeyId()).isEqualTo(TENANT_B.accessKeyId());
        assertThat(configuration.vpcEndpointServiceName()).isNull();
        assertThat(configuration.vpcEndpointServiceOwner()).isNull();
    }

    @Test
    void aNewVpcExternalKeyStoreDefaultsTheServiceOwnerToTheCallersAccount() {
        String id = createVpcXks("xks-vpc-new", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        var configuration = describe(id).xksProxyConfiguration();

        assertThat(configuration.connectivity()).isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
        assertThat(configuration.vpcEndpointServiceName()).isEqualTo(vpcService(VPC_SERVICE_ID));
        assertThat(configuration.vpcEndpointServiceOwner()).isEqualTo(ACCOUNT);
    }

    @Test
    void aCloudHsmKeyStoreNeedsClusterTrustAnchorAndPassword() {
        var error = kmsError(
                () -> kms
                    .createCustomKeyStore(b -> b.customKeyStoreName("hsm-incomplete").cloudHsmClusterId(SPARE_CLUSTER)),
                "ValidationException");

        assertThat(message(error)).contains("AWS_CLOUDHSM")
            .endsWith("Missing: TrustAnchorCertificate, " + "KeyStorePassword.");
    }

    @Test
    void externalKeyStoreMembersAreRefusedForACloudHsmKeyStore() {
        var error = kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("hsm-mixed")
            .customKeyStoreType(CustomKeyStoreType.AWS_CLOUDHSM)
            .cloudHsmClusterId(SPARE_CLUSTER)
            .trustAnchorCertificate(trustAnchorOf(SPARE_CLUSTER))
            .keyStorePassword(SPARE_CLUSTER_PASSWORD)
            .xksProxyUriPath("/tenant-b/kms/xks/v1")), "ValidationException");

        assertThat(message(error))
            .isEqualTo("XksProxyUriPath cannot be specified for an AWS_CLOUDHSM custom key " + "store.");
    }

    @Test
    void cloudHsmMembersAreRefusedForAnExternalKeyStore() {
        var error = kmsError(
                () -> kms.createCustomKeyStore(publicXks("xks-mixed", PUBLIC_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B)
                    .andThen(b -> b.keyStorePassword("Secret77"))),
                "ValidationException");

        assertThat(message(error)).startsWith("KeyStorePassword cannot be specified");
    }

    @Test
    void anExternalKeyStoreNeedsConnectivityEndpointPathAndCredential() {
        var error = kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("xks-incomplete")
            .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
            .xksProxyUriEndpoint(PUBLIC_ENDPOINT)), "ValidationException");

        assertThat(message(error))
            .endsWith("Missing: XksProxyConnectivity, XksProxyUriPath, " + "XksProxyAuthenticationCredential.");
    }

    @Test
    void aVpcExternalKeyStoreNeedsItsEndpointServiceName() {
        var error = kmsError(
                () -> kms
                    .createCustomKeyStore(vpcXks("xks-vpc-incomplete", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, null)),
                "ValidationException");

        assertThat(message(error)).endsWith("Missing: XksProxyVpcEndpointServiceName.");
    }

    @Test
    void aPublicExternalKeyStoreTakesNoEndpointServiceMembers() {
        var error = kmsError(() -> kms
            .createCustomKeyStore(publicXks("xks-public-vpc-members", PUBLIC_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B)
                .andThen(b -> b.xksProxyVpcEndpointServiceOwner(ACCOUNT))), "ValidationException");

        assertThat(message(error)).isEqualTo("XksProxyVpcEndpointServiceOwner cannot be specified for an external "
                + "key store with PUBLIC_ENDPOINT connectivity.");
    }

    @Test
    void namesAreUniqueAcrossBothTypes() {
        createCloudHsm("shared-name");

        kmsError(() -> createPublicXks("shared-name"), "CustomKeyStoreNameInUseException");
    }

    @Test
    void namesAreCaseSensitive() {
        createCloudHsm("Case-Name");

        assertThat(createPublicXks("case-name")).isNotBlank();
    }

    @Test
    void namesAreUniquePerRegionOnly() {
        createCloudHsm("regional-name");

        try (var otherRegion = client(newRegion())) {
            assertThat(otherRegion
                .createCustomKeyStore(b -> b.customKeyStoreName("regional-name")
                    .cloudHsmClusterId(SPARE_CLUSTER)
                    .trustAnchorCertificate(trustAnchorOf(SPARE_CLUSTER))
                    .keyStorePassword(SPARE_CLUSTER_PASSWORD))
                .customKeyStoreId()).isNotBlank();
        }
    }

    @Test
    void endpointAndPathTogetherAreUnique() {
        createPublicXks("xks-first");

        kmsError(() -> createPublicXks("xks-second"), "XksProxyUriInUseException");
    }

    @Test
    void publicKeyStoresMayShareAnEndpointWithDifferentPaths() {
        createPublicXks("xks-tenant-b");

        assertThat(createPublicXks("xks-degraded", PUBLIC_ENDPOINT, "/degraded/kms/xks/v1", LAB)).isNotBlank();
    }

    @Test
    void aPublicKeyStoreCannotUseTheEndpointOfAVpcKeyStore() {
        createVpcXks("xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kmsError(() -> createPublicXks("xks-public", PRIVATE_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B),
                "XksProxyUriEndpointInUseException");
    }

    @Test
    void aVpcKeyStoreCannotUseTheEndpointOfAPublicKeyStore() {
        createPublicXks("xks-public");

        kmsError(() -> createVpcXks("xks-vpc", PUBLIC_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID),
                "XksProxyUriEndpointInUseException");
    }

    @Test
    void eachVpcKeyStoreNeedsItsOwnPrivateDnsName() {
        createVpcXks("xks-vpc-1", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kmsError(() -> createVpcXks("xks-vpc-2", PRIVATE_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B,
                SPARE_VPC_SERVICE_ID), "XksProxyUriEndpointInUseException");
    }

    @Test
    void eachVpcKeyStoreNeedsItsOwnEndpointService() {
        createVpcXks("xks-vpc-1", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kmsError(() -> createVpcXks("xks-vpc-2", "https://xks-spare.sandbox.example.com", "/kms/xks/v1", PRIVATE,
                VPC_SERVICE_ID), "XksProxyVpcEndpointServiceInUseException");
    }

    @Test
    void aClusterBacksOneKeyStoreOnly() {
        createCloudHsm("hsm-one", FINANCE_CLUSTER, FINANCE_PASSWORD);

        kmsError(() -> createCloudHsm("hsm-two", FINANCE_CLUSTER, FINANCE_PASSWORD), "CloudHsmClusterInUseException");
    }

    @Test
    void aClusterSharingTheBackupHistoryOfAnInUseClusterIsInUseToo() {
        createCloudHsm("hsm-one", FINANCE_CLUSTER, FINANCE_PASSWORD);

        kmsError(() -> createCloudHsm("hsm-clone", FINANCE_CLONE_CLUSTER, FINANCE_PASSWORD),
                "CloudHsmClusterInUseException");
    }

    @Test
    void theTenthKeyStoreIsTheLastOne() {
        createCloudHsm("quota-hsm");
        createHealthyPublicKeyStores(9);

        var error = kmsError(() -> createCloudHsm("quota-11", PAYMENTS_CLUSTER, "PaymentsDr77"),
                "LimitExceededException");

        assertThat(message(error)).contains("(10)");
        assertThat(kms.describeCustomKeyStores().customKeyStores()).hasSize(10);
    }

    @Test
    void deletingAKeyStoreFreesItsQuotaSlot() {
        String first = createCloudHsm("quota-hsm");
        createHealthyPublicKeyStores(9);
        kmsError(() -> createCloudHsm("quota-11", PAYMENTS_CLUSTER, "PaymentsDr77"), "LimitExceededException");

        kms.deleteCustomKeyStore(b -> b.customKeyStoreId(first));

        assertThat(createCloudHsm("quota-11", PAYMENTS_CLUSTER, "PaymentsDr77")).isNotBlank();
    }

    @Test
    void anUnknownClusterIsNotFound() {
        kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("hsm-unknown-cluster")
            .cloudHsmClusterId("cluster-abcdefghijk")
            .trustAnchorCertificate(trustAnchorOf(SPARE_CLUSTER))
            .keyStorePassword("Secret77")), "CloudHsmClusterNotFoundException");
    }

    @Test
    void anInactiveClusterIsNotActive() {
        kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("hsm-inactive")
            .cloudHsmClusterId(INACTIVE_CLUSTER)
            .trustAnchorCertificate(trustAnchorOf(INACTIVE_CLUSTER))
            .keyStorePassword("Secret77")), "CloudHsmClusterNotActiveException");
    }

    @Test
    void aClusterWithOneHsmHasAnInvalidConfiguration() {
        var error = kmsError(() -> createCloudHsm("hsm-one-hsm", ONE_HSM_CLUSTER, "LabCluster42"),
                "CloudHsmClusterInvalidConfigurationException");

        assertThat(message(error)).contains("at least 2 active HSMs").contains("it has 1");
    }

    @Test
    void twoHsmsInOneAvailabilityZoneAreAnInvalidConfiguration() {
        var error = kmsError(() -> createCloudHsm("hsm-same-zone", "cluster-samezonehsm2", "SameZone26"),
                "CloudHsmClusterInvalidConfigurationException");

        assertThat(message(error)).contains("different Availability Zones").contains("in 1 zone(s)");
    }

    @Test
    void aSecurityGroupThatBlocksTheHsmPortsIsAnInvalidConfiguration() {
        var error = kmsError(() -> createCloudHsm("hsm-closed-sg", "cluster-closedsghsm5", "ClosedSg2026"),
                "CloudHsmClusterInvalidConfigurationException");

        assertThat(message(error)).contains("cloudhsm-cluster-closedsghsm5-sg").contains("2223-2225");
    }

    @Test
    void anotherFamilysCertificateIsAnIncorrectTrustAnchor() {
        kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("hsm-wrong-anchor")
            .cloudHsmClusterId(SPARE_CLUSTER)
            .trustAnchorCertificate(trustAnchorOf(PAYMENTS_CLUSTER))
            .keyStorePassword(SPARE_CLUSTER_PASSWORD)), "IncorrectTrustAnchorException");
    }

    @Test
    void theTrustAnchorMayUseWindowsLineEndings() {
        String crlf = trustAnchorOf(SPARE_CLUSTER).replace("\n", "\r\n");

        String id = kms
            .createCustomKeyStore(b -> b.customKeyStoreName("hsm-crlf")
                .cloudHsmClusterId(SPARE_CLUSTER)
                .trustAnchorCertificate(crlf)
                .keyStorePassword(SPARE_CLUSTER_PASSWORD))
            .customKeyStoreId();

        assertThat(id).isNotBlank();
    }

    @Test
    void repeatingAnIdenticalCloudHsmCreateReturnsTheExistingKeyStore() {
        String first = createCloudHsm("hsm-retry");

        String second = createCloudHsm("hsm-retry");

        assertThat(second).isEqualTo(first);
        assertThat(kms.describeCustomKeyStores().customKeyStores()).hasSize(1);
    }

    @Test
    void aRepeatedCreateWithAnotherPasswordIsANameConflict() {
        createCloudHsm("hsm-retry");

        kmsError(() -> createCloudHsm("hsm-retry", SPARE_CLUSTER, "OtherPassword1"),
                "CustomKeyStoreNameInUseException");
    }

    @Test
    void aRepeatedCreateOfAConnectedKeyStoreIsANameConflict() {
        String id = createCloudHsm("hsm-retry");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kmsError(() -> createCloudHsm("hsm-retry"), "CustomKeyStoreNameInUseException");
    }

    @Test
    void anUnknownVpcEndpointServiceIsNotFound() {
        kmsError(() -> createVpcXks("xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, "vpce-svc-0fffffffffffffff0"),
                "XksProxyVpcEndpointServiceNotFoundException");
    }

    @Test
    void aVpcEndpointServiceOfAnotherRegionIsNotFound() {
        kmsError(
                () -> kms.createCustomKeyStore(vpcXks("xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE,
                        "com.amazonaws.vpce.us-west-2." + VPC_SERVICE_ID)),
                "XksProxyVpcEndpointServiceNotFoundException");
    }

    @Test
    void aVpcEndpointServiceOfAnotherOwnerIsNotFound() {
        kmsError(
                () -> kms.createCustomKeyStore(
                        vpcXks("xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, vpcService(VPC_SERVICE_ID))
                            .andThen(b -> b.xksProxyVpcEndpointServiceOwner("999988887777"))),
                "XksProxyVpcEndpointServiceNotFoundException");
    }

    @Test
    void aMisconfiguredVpcEndpointServiceIsRefused() {
        kmsError(() -> createVpcXks("xks-vpc", "https://xks-misconfigured.sandbox.example.com", "/kms/xks/v1", PRIVATE,
                MISCONFIGURED_VPC_SERVICE_ID), "XksProxyVpcEndpointServiceInvalidConfigurationException");
    }

    @Test
    void theEndpointOfAVpcKeyStoreMustBeTheServicesPrivateDnsName() {
        var error = kmsError(() -> createVpcXks("xks-vpc", LAB_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID),
                "XksProxyVpcEndpointServiceInvalidConfigurationException");

        assertThat(message(error)).contains("private DNS name");
    }

    @Test
    void aVpcKeyStoreIsCreatedWithoutCallingItsProxy() {
        // The credential is unknown to the proxy: a health check would fail, but VPC
        // proxies are checked at Connect.
        String id = createVpcXks("xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", UNKNOWN_CREDENTIAL, VPC_SERVICE_ID);

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.DISCONNECTED);
    }

    @ParameterizedTest(name = "{0} with {1} key -> {2}")
    @CsvSource({ "/tenant-b/kms/xks/v1, TENANT_B, OK", "/tenant-a/kms/xks/v1, TENANT_A, OK",
            "/degraded/kms/xks/v1, LAB, OK", "/unavailable/kms/xks/v1, LAB, XksProxyUriUnreachableException",
            "/slow/kms/xks/v1, LAB, XksProxyUriUnreachableException",
            "/throttled/kms/xks/v1, LAB, XksProxyUriUnreachableException",
            "/reject-path/kms/xks/v1, LAB, XksProxyInvalidConfigurationException",
            "/no-such-prefix/kms/xks/v1, LAB, XksProxyInvalidConfigurationException",
            "/internal-error/kms/xks/v1, LAB, XksProxyInvalidResponseException",
            "/malformed/kms/xks/v1, LAB, XksProxyInvalidResponseException",
            "/tenant-b/kms/xks/v1, UNKNOWN, XksProxyIncorrectAuthenticationCredentialException",
            "/tenant-b/kms/xks/v1, TENANT_A, XksProxyIncorrectAuthenticationCredentialException" })
    void aPublicKeyStoreIsCreatedOnlyIfItsProxyIsHealthy(String path, String key, String outcome) {
        var create = publicXks("xks-health", PUBLIC_ENDPOINT, path, credentialNamed(key));

        if (outcome.equals("OK")) {
            assertThat(kms.createCustomKeyStore(create).customKeyStoreId()).isNotBlank();
        }
        else {
            kmsError(() -> kms.createCustomKeyStore(create), outcome);
            assertThat(kms.describeCustomKeyStores().customKeyStores()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} with {1} key")
    @CsvSource(delimiter = '|',
            textBlock = """
                    /slow/kms/xks/v1        | LAB     | XksProxyUriUnreachableException | AWS KMS rejected the request because the external key store proxy did not respond in time. Retry the request. If you see this error repeatedly, report it to your external key store proxy administrator.
                    /throttled/kms/xks/v1   | LAB     | XksProxyUriUnreachableException | The external key store proxy rejected the request due to a very high request rate. Reduce the frequency of your calls using KMS keys in this external key store.
                    /reject-path/kms/xks/v1 | LAB     | XksProxyInvalidConfigurationException | The external key store proxy rejected the request because of an invalid URI path. Verify the URI path for your external key store and update if necessary.
                    /tenant-b/kms/xks/v1    | UNKNOWN | XksProxyIncorrectAuthenticationCredentialException | The external key store proxy rejected the request because it could not authenticate AWS KMS. Verify the XKS proxy authentication credentials for your external key store and update if necessary.
                    """)
    void aFailedHealthCheckIsReportedInTheSpecsWords(String path, String key, String exception, String message) {
        var error = kmsError(
                () -> kms.createCustomKeyStore(publicXks("xks-words", PUBLIC_ENDPOINT, path, credentialNamed(key))),
                exception);

        assertThat(message(error)).isEqualTo(message);
    }

    @Test
    void anUnreachableProxyIsReportedInTheSpecsWords() {
        var error = kmsError(() -> createPublicXks("xks-nowhere", "https://xks-nowhere.sandbox.example.com",
                "/tenant-b/kms/xks/v1", TENANT_B), "XksProxyUriUnreachableException");

        assertThat(message(error)).isEqualTo("AWS KMS cannot communicate with the external key store proxy. This "
                + "might be a transient network issue. If you see this error repeatedly, verify that your external "
                + "key store proxy is active and is connected to the network, and that its endpoint URI is correct "
                + "in your external keystore.");
    }

    @Test
    void aPublicProxyOnAnUnknownHostIsUnreachable() {
        kmsError(() -> createPublicXks("xks-nowhere", "https://xks-nowhere.sandbox.example.com", "/tenant-b/kms/xks/v1",
                TENANT_B), "XksProxyUriUnreachableException");
    }

    /**
     * Public stores on distinct endpoint+path pairs that the sandbox proxy answers as
     * healthy.
     */
    private void createHealthyPublicKeyStores(int count) {
        var paths = List.of("/tenant-a/kms/xks/v1", "/kms/xks/v1", "/tenant-b/kms/xks/v1", "/degraded/kms/xks/v1");
        var credentials = List.of(TENANT_A, PRIVATE, TENANT_B, LAB);
        var endpoints = List.of(PUBLIC_ENDPOINT, LAB_ENDPOINT, PRIVATE_ENDPOINT);
        for (int i = 0; i < count; i++) {
            createPublicXks("quota-xks-" + i, endpoints.get(i / paths.size()), paths.get(i % paths.size()),
                    credentials.get(i % paths.size()));
        }
    }

    static XksProxyAuthenticationCredentialType credentialNamed(String key) {
        return switch (key) {
            case "TENANT_A" -> TENANT_A;
            case "TENANT_B" -> TENANT_B;
            case "LAB" -> LAB;
            case "PRIVATE" -> PRIVATE;
            default -> UNKNOWN_CREDENTIAL;
        };
    }

}
