package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.UpdateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

/**
 * UpdateCustomKeyStore: members per type, what may change in which state (CloudHSM rename
 * while CONNECTED is off in the test profile, as by default), connectivity switches,
 * uniqueness, backing checks, proxy check with the new values.
 */
class UpdateCustomKeyStoreTest extends SandboxKmsTestSupport {

    @Test
    void anUpdateWithoutAnyPropertyIsRefused() {
        String id = createCloudHsm("u-nothing");

        var error = kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)), "ValidationException");

        assertThat(message(error)).startsWith("Specify at least one property to change");
    }

    @Test
    void anUnknownStoreIsNotFound() {
        kmsError(
                () -> kms
                    .updateCustomKeyStore(b -> b.customKeyStoreId("cks-00000000000000000").newCustomKeyStoreName("x")),
                "CustomKeyStoreNotFoundException");
    }

    @Test
    void externalKeyStoreMembersAreRefusedForACloudHsmStore() {
        String id = createCloudHsm("u-hsm");

        var error = kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriPath("/tenant-b/kms/xks/v1")),
                "ValidationException");

        assertThat(message(error)).isEqualTo(
                "XksProxyUriPath cannot be specified for custom key store " + id + ", which is of type AWS_CLOUDHSM.");
    }

    @Test
    void cloudHsmMembersAreRefusedForAnExternalKeyStore() {
        String id = createPublicXks("u-xks");

        var error = kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).keyStorePassword("Secret77").cloudHsmClusterId(SPARE_CLUSTER)),
                "ValidationException");

        assertThat(message(error)).startsWith("KeyStorePassword, CloudHsmClusterId cannot be specified");
    }

    @Test
    void aDisconnectedCloudHsmStoreTakesANewNamePasswordAndRelatedCluster() {
        String id = createCloudHsm("u-hsm-a", FINANCE_CLUSTER, FINANCE_PASSWORD);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .newCustomKeyStoreName("u-hsm-a-renamed")
            .keyStorePassword("NewPassword7")
            .cloudHsmClusterId(FINANCE_CLONE_CLUSTER));

        var store = describe(id);
        assertThat(store.customKeyStoreName()).isEqualTo("u-hsm-a-renamed");
        assertThat(store.cloudHsmClusterId()).isEqualTo(FINANCE_CLONE_CLUSTER);
        assertThat(store.trustAnchorCertificate()).isEqualTo(trustAnchorOf(FINANCE_CLUSTER));
    }

    @Test
    void theNewPasswordIsTheOneUsedAtTheNextConnect() {
        String id = createCloudHsm("u-hsm-password", SPARE_CLUSTER, "WrongPassword1");
        connectAndAwait(id, ConnectionStateType.FAILED);
        kms.disconnectCustomKeyStore(b -> b.customKeyStoreId(id));
        awaitState(id, ConnectionStateType.DISCONNECTED);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).keyStorePassword(SPARE_CLUSTER_PASSWORD));

        connectAndAwait(id, ConnectionStateType.CONNECTED);
    }

    @Test
    void aClusterOfAnotherBackupFamilyIsNotRelated() {
        String id = createCloudHsm("u-hsm-a", FINANCE_CLUSTER, FINANCE_PASSWORD);

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).cloudHsmClusterId(PAYMENTS_CLUSTER)),
                "CloudHsmClusterNotRelatedException");
    }

    @Test
    void anUnknownClusterIsNotFoundOnUpdate() {
        String id = createCloudHsm("u-hsm");

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).cloudHsmClusterId("cluster-abcdefghijk")),
                "CloudHsmClusterNotFoundException");
    }

    @Test
    void aRelatedClusterMustBeActive() {
        String id = createCloudHsm("u-hsm");

        kmsError(() -> update(id, b -> b.cloudHsmClusterId("cluster-testinactiveee")),
                "CloudHsmClusterNotActiveException");
    }

    @Test
    void aRelatedClusterNeedsTwoActiveHsms() {
        String id = createCloudHsm("u-hsm");

        kmsError(() -> update(id, b -> b.cloudHsmClusterId("cluster-testonehsmee")),
                "CloudHsmClusterInvalidConfigurationException");
        assertThat(describe(id).cloudHsmClusterId()).isEqualTo(SPARE_CLUSTER);
    }

    @Test
    void theNameStaysUniqueOnUpdate() {
        createPublicXks("u-taken");
        String id = createCloudHsm("u-mine");

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("u-taken")),
                "CustomKeyStoreNameInUseException");
    }

    @Test
    void keepingTheSameNameIsAccepted() {
        String id = createCloudHsm("u-same");

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("u-same"));

        assertThat(describe(id).customKeyStoreName()).isEqualTo("u-same");
    }

    @Test
    void aConnectedCloudHsmStoreCannotBeRenamedByDefault() {
        String id = createCloudHsm("u-hsm-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        var error = kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("u-hsm-renamed")),
                "CustomKeyStoreInvalidStateException");

        assertThat(message(error)).contains("must be DISCONNECTED to change any property");
        assertThat(describe(id).customKeyStoreName()).isEqualTo("u-hsm-connected");
    }

    @Test
    void aConnectedCloudHsmStoreKeepsItsPassword() {
        String id = createCloudHsm("u-hsm-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).keyStorePassword("Another77")),
                "CustomKeyStoreInvalidStateException");
    }

    @Test
    void aConnectedExternalKeyStoreTakesANewNamePathAndCredential() {
        String id = createPublicXks("u-xks-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .newCustomKeyStoreName("u-xks-renamed")
            .xksProxyUriPath("/degraded/kms/xks/v1")
            .xksProxyAuthenticationCredential(LAB));

        var store = describe(id);
        assertThat(store.customKeyStoreName()).isEqualTo("u-xks-renamed");
        assertThat(store.connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(store.xksProxyConfiguration().uriPath()).isEqualTo("/degraded/kms/xks/v1");
        assertThat(store.xksProxyConfiguration().accessKeyId()).isEqualTo(LAB.accessKeyId());
    }

    @Test
    void aConnectedExternalKeyStoreKeepsItsEndpoint() {
        String id = createPublicXks("u-xks-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        var error = kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriEndpoint(LAB_ENDPOINT)),
                "CustomKeyStoreInvalidStateException");

        assertThat(message(error)).contains("DISCONNECTED to change XksProxyUriEndpoint");
    }

    @Test
    void resendingAnUnchangedEndpointWhileConnectedIsAccepted() {
        String id = createPublicXks("u-xks-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyUriEndpoint(PUBLIC_ENDPOINT)
            .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
            .xksProxyUriPath("/tenant-b/kms/xks/v1")
            .xksProxyAuthenticationCredential(TENANT_B));

        assertThat(describe(id).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void theProxyIsCheckedWithTheNewValues() {
        String id = createPublicXks("u-xks");

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriPath("/degraded/kms/xks/v1")),
                "XksProxyIncorrectAuthenticationCredentialException");
        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyUriPath("/reject-path/kms/xks/v1")
            .xksProxyAuthenticationCredential(LAB)), "XksProxyInvalidConfigurationException");
        kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).xksProxyUriEndpoint("https://xks-nowhere.sandbox.example.com")),
                "XksProxyUriUnreachableException");
        kmsError(() -> kms.updateCustomKeyStore(
                b -> b.customKeyStoreId(id).xksProxyUriPath("/slow/kms/xks/v1").xksProxyAuthenticationCredential(LAB)),
                "XksProxyUriUnreachableException");

        var unchanged = describe(id).xksProxyConfiguration();
        assertThat(unchanged.uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
        assertThat(unchanged.uriEndpoint()).isEqualTo(PUBLIC_ENDPOINT);
    }

    @Test
    void aProxyCheckFailureWhileConnectedLeavesTheStoreAsItWas() {
        String id = createPublicXks("u-xks-connected");
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyUriPath("/unavailable/kms/xks/v1")
            .xksProxyAuthenticationCredential(LAB)), "XksProxyUriUnreachableException");

        assertThat(describe(id).xksProxyConfiguration().uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
    }

    @Test
    void aRenameAloneDoesNotCallTheProxy() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/unavailable/kms/xks/v1", LAB, VPC_SERVICE_ID);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("u-vpc-renamed"));

        assertThat(describe(id).customKeyStoreName()).isEqualTo("u-vpc-renamed");
    }

    @Test
    void aDisconnectedVpcStoreIsNotHealthCheckedOnUpdate() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyAuthenticationCredential(UNKNOWN_CREDENTIAL));

        assertThat(describe(id).xksProxyConfiguration().accessKeyId()).isEqualTo(UNKNOWN_CREDENTIAL.accessKeyId());
    }

    @Test
    void aConnectedVpcStoreIsHealthCheckedOnUpdate() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        connectAndAwait(id, ConnectionStateType.CONNECTED);

        kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).xksProxyAuthenticationCredential(UNKNOWN_CREDENTIAL)),
                "XksProxyIncorrectAuthenticationCredentialException");
    }

    @Test
    void switchingToVpcNeedsEndpointAndServiceName() {
        String id = createPublicXks("u-xks");

        var error = kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyConnectivity(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)
            .xksProxyVpcEndpointServiceName(vpcService(VPC_SERVICE_ID))), "ValidationException");

        assertThat(message(error)).contains("to VPC_ENDPOINT_SERVICE, also specify XksProxyUriEndpoint");
    }

    @Test
    void switchingToVpcWithEndpointAndServiceMovesTheStore() {
        String id = createPublicXks("u-xks");

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyConnectivity(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)
            .xksProxyUriEndpoint(PRIVATE_ENDPOINT)
            .xksProxyVpcEndpointServiceName(vpcService(VPC_SERVICE_ID)));

        var configuration = describe(id).xksProxyConfiguration();
        assertThat(configuration.connectivity()).isEqualTo(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE);
        assertThat(configuration.uriEndpoint()).isEqualTo(PRIVATE_ENDPOINT);
        assertThat(configuration.vpcEndpointServiceName()).isEqualTo(vpcService(VPC_SERVICE_ID));
        assertThat(configuration.vpcEndpointServiceOwner()).isEqualTo(ACCOUNT);
    }

    @Test
    void switchingToPublicNeedsANewEndpoint() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        var error = kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)),
                "ValidationException");

        assertThat(message(error)).contains("to PUBLIC_ENDPOINT, also specify the new XksProxyUriEndpoint");
    }

    @Test
    void switchingToPublicClearsTheEndpointServiceAndChecksTheProxy() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B, VPC_SERVICE_ID);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
            .xksProxyUriEndpoint(PUBLIC_ENDPOINT)
            .xksProxyVpcEndpointServiceName(""));

        var configuration = describe(id).xksProxyConfiguration();
        assertThat(configuration.connectivity()).isEqualTo(XksProxyConnectivityType.PUBLIC_ENDPOINT);
        assertThat(configuration.vpcEndpointServiceName()).isNull();
        assertThat(configuration.vpcEndpointServiceOwner()).isNull();
        String other = createVpcXks("u-vpc-2", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        assertThat(other).as("the endpoint service is free again").isNotBlank();
    }

    @Test
    void switchingToPublicFailsWhenTheProxyIsNotHealthy() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/tenant-b/kms/xks/v1", UNKNOWN_CREDENTIAL, VPC_SERVICE_ID);

        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
            .xksProxyUriEndpoint(PUBLIC_ENDPOINT)), "XksProxyIncorrectAuthenticationCredentialException");
    }

    @Test
    void aPublicStoreTakesNoEndpointServiceMembers() {
        String id = createPublicXks("u-xks");

        kmsError(
                () -> kms.updateCustomKeyStore(
                        b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceName(vpcService(VPC_SERVICE_ID))),
                "ValidationException");
        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceOwner(ACCOUNT)),
                "ValidationException");
    }

    @Test
    void anEmptyServiceNameIsOnlyForSwitchingToPublic() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        var error = kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceName("")),
                "ValidationException");

        assertThat(message(error)).isEqualTo("1 validation error detected: Value '' at "
                + "'xksProxyVpcEndpointServiceName' failed to satisfy constraint: Member must have length greater "
                + "than or equal to 20");
    }

    @Test
    void aVpcStoreMovesToAnotherValidService() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyUriEndpoint("https://xks-spare.sandbox.example.com")
            .xksProxyVpcEndpointServiceName(vpcService(SPARE_VPC_SERVICE_ID)));

        assertThat(describe(id).xksProxyConfiguration().vpcEndpointServiceName())
            .isEqualTo(vpcService(SPARE_VPC_SERVICE_ID));
    }

    @Test
    void theEndpointServiceIsCheckedOnUpdate() {
        String id = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
                    .xksProxyUriEndpoint("https://xks-misconfigured.sandbox.example.com")
                    .xksProxyVpcEndpointServiceName(vpcService(MISCONFIGURED_VPC_SERVICE_ID))),
                "XksProxyVpcEndpointServiceInvalidConfigurationException");
        kmsError(
                () -> kms
                    .updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceOwner("999988887777")),
                "XksProxyVpcEndpointServiceNotFoundException");
        kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriEndpoint(LAB_ENDPOINT)),
                "XksProxyVpcEndpointServiceInvalidConfigurationException");
    }

    @Test
    void uniquenessIsCheckedAgainstTheOtherStores() {
        String vpc = createVpcXks("u-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        createPublicXks("u-public");
        String other = createPublicXks("u-public-2", PUBLIC_ENDPOINT, "/degraded/kms/xks/v1", LAB);
        String vpc2 = createVpcXks("u-vpc-2", "https://xks-spare.sandbox.example.com", "/kms/xks/v1", PRIVATE,
                SPARE_VPC_SERVICE_ID);

        kmsError(
                () -> update(other,
                        b -> b.xksProxyUriPath("/tenant-b/kms/xks/v1").xksProxyAuthenticationCredential(TENANT_B)),
                "XksProxyUriInUseException");
        kmsError(() -> update(other, b -> b.xksProxyUriEndpoint(PRIVATE_ENDPOINT)),
                "XksProxyUriEndpointInUseException");
        kmsError(() -> update(vpc2, b -> b.xksProxyVpcEndpointServiceName(vpcService(VPC_SERVICE_ID))),
                "XksProxyVpcEndpointServiceInUseException");
        assertThat(describe(vpc).xksProxyConfiguration().vpcEndpointServiceName())
            .isEqualTo(vpcService(VPC_SERVICE_ID));
    }

    private void update(String id, Consumer<UpdateCustomKeyStoreRequest.Builder> change) {
        kms.updateCustomKeyStore(b -> change.accept(b.customKeyStoreId(id)));
    }

}
