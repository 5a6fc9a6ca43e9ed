package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import software.amazon.awssdk.services.kms.model.ConnectionStateType;

import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksProxyCredential;

/**
 * When the sandbox calls an XKS proxy's GetHealthStatus, and with what (XKS proxy API
 * specification, GetHealthStatus; KMS Developer Guide, Monitoring an external key store):
 * the operation as {@code kmsOperation}, the request ID of the KMS call as
 * {@code kmsRequestId}, the caller's Region, and the new values on Update.
 */
class XksHealthCheckCallsTest extends FrozenClockTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void createOfAPublicStoreChecksTheGivenProxy() {
        var response = kms
            .createCustomKeyStore(publicXks("h-public", PUBLIC_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B));

        assertThat(xksCalls.requestsFor(region)).singleElement().satisfies(call -> {
            assertThat(call.kmsOperation()).isEqualTo("CreateCustomKeyStore");
            assertThat(call.kmsRequestId()).isEqualTo(response.responseMetadata().requestId());
            assertThat(call.uriEndpoint()).isEqualTo(URI.create(PUBLIC_ENDPOINT));
            assertThat(call.uriPath()).isEqualTo("/tenant-b/kms/xks/v1");
            assertThat(call.credential())
                .isEqualTo(new XksProxyCredential(TENANT_B.accessKeyId(), TENANT_B.rawSecretAccessKey()));
        });
    }

    @Test
    void createOfAVpcStoreDoesNotCallTheProxy() {
        createVpcXks("h-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);

        assertThat(xksCalls.requestsFor(region)).isEmpty();
    }

    @Test
    void updateChecksTheProxyWithTheNewValues() {
        String id = createPublicXks("h-public");
        xksCalls.clear();

        var response = kms.updateCustomKeyStore(b -> b.customKeyStoreId(id)
            .xksProxyUriPath("/degraded/kms/xks/v1")
            .xksProxyAuthenticationCredential(LAB));

        assertThat(xksCalls.requestsFor(region)).singleElement().satisfies(call -> {
            assertThat(call.kmsOperation()).isEqualTo("UpdateCustomKeyStore");
            assertThat(call.kmsRequestId()).isEqualTo(response.responseMetadata().requestId());
            assertThat(call.uriEndpoint()).isEqualTo(URI.create(PUBLIC_ENDPOINT));
            assertThat(call.uriPath()).isEqualTo("/degraded/kms/xks/v1");
            assertThat(call.credential().accessKeyId()).isEqualTo(LAB.accessKeyId());
        });
    }

    @Test
    void aRenameDoesNotCallTheProxy() {
        String id = createPublicXks("h-public");
        xksCalls.clear();

        kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("h-renamed"));

        assertThat(xksCalls.requestsFor(region)).isEmpty();
    }

    @Test
    void connectChecksPublicAndVpcProxies() {
        String publicStore = createPublicXks("h-public");
        String vpcStore = createVpcXks("h-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        xksCalls.clear();

        var response = kms.connectCustomKeyStore(b -> b.customKeyStoreId(publicStore));
        kms.connectCustomKeyStore(b -> b.customKeyStoreId(vpcStore));
        clock.advance(CONNECT_DELAY);

        assertThat(xksCalls.requestsFor(region)).extracting(XksHealthCheckRequest::kmsOperation)
            .containsExactly("ConnectCustomKeyStore", "ConnectCustomKeyStore");
        assertThat(xksCalls.requestsFor(region).get(0).kmsRequestId())
            .isEqualTo(response.responseMetadata().requestId());
        assertThat(xksCalls.requestsFor(region)).extracting(XksHealthCheckRequest::uriEndpoint)
            .containsExactly(URI.create(PUBLIC_ENDPOINT), URI.create(PRIVATE_ENDPOINT));
        assertThat(describe(publicStore).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
        assertThat(describe(vpcStore).connectionState()).isEqualTo(ConnectionStateType.CONNECTED);
    }

    @Test
    void aVpcStoreWhoseEndpointServiceIsGoneIsNotHealthChecked() {
        String id = createVpcXks("h-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID);
        new SimulatedWorldChanges(jdbc).endpointServiceBecomes(id, vpcService("vpce-svc-0deadbeef0000000"));
        xksCalls.clear();

        kms.connectCustomKeyStore(b -> b.customKeyStoreId(id));

        assertThat(xksCalls.requestsFor(region)).isEmpty();
    }

}
