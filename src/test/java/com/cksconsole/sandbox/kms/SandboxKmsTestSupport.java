package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.Consumer;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.ConnectionStateType;
import software.amazon.awssdk.services.kms.model.CreateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.CustomKeyStoreType;
import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.OriginType;
import software.amazon.awssdk.services.kms.model.XksProxyAuthenticationCredentialType;
import software.amazon.awssdk.services.kms.model.XksProxyConnectivityType;

import com.cksconsole.kms.SandboxDefaults;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Base of the sandbox integration tests: talks to the running application through the
 * real AWS SDK {@link KmsClient} over HTTP, with retries off so that errors are seen as
 * they are. Every test gets a Region of its own, which gives it an empty account (quota,
 * uniqueness and request rates are per Region), so tests never depend on each other or on
 * their order. Subclasses share one cached context (the {@code test} profile with a more
 * generous XKS time budget, see {@link #XKS_TIMEOUT}).
 */
@ConsoleApplicationTest
@TestPropertySource(properties = SandboxKmsTestSupport.XKS_TIMEOUT)
abstract class SandboxKmsTestSupport {

    /**
     * KMS gives an XKS proxy 250 ms. On a shared, loaded test machine a healthy answer
     * can take longer, which would fail a test by chance; the proxy's "slow" behaviour
     * waits twice the budget, so it still times out.
     */
    static final String XKS_TIMEOUT = "console.xks.timeout=1s";

    /** Free CloudHSM cluster (family E, 2 HSMs, kmsuser password below). */
    static final String SPARE_CLUSTER = "cluster-h5vq2xw7zpm";
    static final String SPARE_CLUSTER_PASSWORD = "SpareCluster9";

    /** Family A: two related clusters with the same kmsuser password. */
    static final String FINANCE_CLUSTER = "cluster-jxhlf7644ne";
    static final String FINANCE_CLONE_CLUSTER = "cluster-m7qz3vh2kd5";
    static final String FINANCE_PASSWORD = "Finance2026";

    /** Family B. */
    static final String PAYMENTS_CLUSTER = "cluster-k4p2mq7xa3b";
    static final String ONE_HSM_CLUSTER = "cluster-t2wz6ryp5nq";
    static final String INACTIVE_CLUSTER = "cluster-b3nx7kw4ydz";

    static final String PUBLIC_ENDPOINT = "https://xks-public.sandbox.example.com";
    static final String PRIVATE_ENDPOINT = "https://xks-private.sandbox.example.com";
    static final String LAB_ENDPOINT = "https://xks-lab.sandbox.example.com";
    static final String VPC_SERVICE_ID = "vpce-svc-0a1b2c3d4e5f60718";
    static final String SPARE_VPC_SERVICE_ID = "vpce-svc-0b2c3d4e5f6071829";
    static final String MISCONFIGURED_VPC_SERVICE_ID = "vpce-svc-0c3d4e5f607182930";
    static final String ACCOUNT = "111122223333";

    /** Sandbox XKS proxy registrations (team brief). */
    static final XksProxyAuthenticationCredentialType TENANT_A = credential("SANDBOXTENANTAKEYID234",
            "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=");
    static final XksProxyAuthenticationCredentialType TENANT_B = credential("SANDBOXTENANTBKEYID234",
            "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=");
    static final XksProxyAuthenticationCredentialType PRIVATE = credential("SANDBOXPRIVATEKEYID234",
            "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=");
    static final XksProxyAuthenticationCredentialType LAB = credential("SANDBOXLABKEYIDZZ23456",
            "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=");

    /** Well-formed, but no proxy registration knows it. */
    static final XksProxyAuthenticationCredentialType UNKNOWN_CREDENTIAL = credential("SANDBOXUNKNOWNKEYID234",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");

    private static final SecureRandom RANDOM = new SecureRandom();

    @LocalServerPort
    int port;

    @Autowired
    SimulatedAws aws;

    /** This test's own Region (an empty account). */
    String region;

    KmsClient kms;

    @BeforeEach
    void openRegion() {
        region = newRegion();
        kms = client(region);
    }

    @AfterEach
    void closeClient() {
        kms.close();
    }

    /**
     * A Region name nobody else uses, shaped like a real one (also inside VPC endpoint
     * service names).
     */
    static String newRegion() {
        var letters = new StringBuilder("test-");
        for (int i = 0; i < 10; i++) {
            letters.append((char) ('a' + RANDOM.nextInt(26)));
        }
        return letters.append("-1").toString();
    }

    KmsClient client(String region) {
        return client(region, SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY);
    }

    KmsClient client(String region, String accessKeyId, String secretAccessKey) {
        return KmsClient.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/kms"))
            .region(Region.of(region))
            .credentialsProvider(
                    StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(config -> config.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build();
    }

    static XksProxyAuthenticationCredentialType credential(String accessKeyId, String secret) {
        return XksProxyAuthenticationCredentialType.builder()
            .accessKeyId(accessKeyId)
            .rawSecretAccessKey(secret)
            .build();
    }

    String vpcService(String serviceId) {
        return "com.amazonaws.vpce." + region + "." + serviceId;
    }

    String trustAnchorOf(String clusterId) {
        return aws.trustAnchor(aws.cluster(clusterId).orElseThrow());
    }

    /**
     * A DISCONNECTED CloudHSM key store on the spare cluster, with its correct password.
     */
    String createCloudHsm(String name) {
        return createCloudHsm(name, SPARE_CLUSTER, SPARE_CLUSTER_PASSWORD);
    }

    String createCloudHsm(String name, String clusterId, String password) {
        return kms
            .createCustomKeyStore(request -> request.customKeyStoreName(name)
                .cloudHsmClusterId(clusterId)
                .trustAnchorCertificate(trustAnchorOf(clusterId))
                .keyStorePassword(password))
            .customKeyStoreId();
    }

    /** A DISCONNECTED public external key store on the healthy proxy prefix /tenant-b. */
    String createPublicXks(String name) {
        return createPublicXks(name, PUBLIC_ENDPOINT, "/tenant-b/kms/xks/v1", TENANT_B);
    }

    String createPublicXks(String name, String endpoint, String path, XksProxyAuthenticationCredentialType credential) {
        return kms.createCustomKeyStore(publicXks(name, endpoint, path, credential)).customKeyStoreId();
    }

    static Consumer<CreateCustomKeyStoreRequest.Builder> publicXks(String name, String endpoint, String path,
            XksProxyAuthenticationCredentialType credential) {
        return request -> request.customKeyStoreName(name)
            .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
            .xksProxyConnectivity(XksProxyConnectivityType.PUBLIC_ENDPOINT)
            .xksProxyUriEndpoint(endpoint)
            .xksProxyUriPath(path)
            .xksProxyAuthenticationCredential(credential);
    }

    /** A DISCONNECTED VPC external key store (no proxy call at Create). */
    String createVpcXks(String name, String endpoint, String path, XksProxyAuthenticationCredentialType credential,
            String serviceId) {
        return kms.createCustomKeyStore(vpcXks(name, endpoint, path, credential, vpcService(serviceId)))
            .customKeyStoreId();
    }

    static Consumer<CreateCustomKeyStoreRequest.Builder> vpcXks(String name, String endpoint, String path,
            XksProxyAuthenticationCredentialType credential, String serviceName) {
        return request -> request.customKeyStoreName(name)
            .customKeyStoreType(CustomKeyStoreType.EXTERNAL_KEY_STORE)
            .xksProxyConnectivity(XksProxyConnectivityType.VPC_ENDPOINT_SERVICE)
            .xksProxyUriEndpoint(endpoint)
            .xksProxyUriPath(path)
            .xksProxyAuthenticationCredential(credential)
            .xksProxyVpcEndpointServiceName(serviceName);
    }

    CustomKeyStoresListEntry describe(String id) {
        var stores = kms.describeCustomKeyStores(request -> request.customKeyStoreId(id)).customKeyStores();
        assertThat(stores).hasSize(1);
        return stores.get(0);
    }

    /**
     * Polls Describe (no sleeping in the test itself) until the store reaches
     * {@code state}.
     */
    CustomKeyStoresListEntry awaitState(String id, ConnectionStateType state) {
        return await().atMost(Duration.ofSeconds(10))
            .pollInterval(Duration.ofMillis(25))
            .until(() -> describe(id), entry -> entry.connectionState() == state);
    }

    void connectAndAwait(String id, ConnectionStateType state) {
        kms.connectCustomKeyStore(request -> request.customKeyStoreId(id));
        awaitState(id, state);
    }

    /**
     * The KMS error a call answers with; asserts the HTTP status (400 for every client
     * error).
     */
    static KmsException kmsError(ThrowingCallable call, String errorCode) {
        KmsException error = catchThrowableOfType(KmsException.class, call);
        assertThat(error).as("expected %s", errorCode).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(error.statusCode()).isEqualTo(400);
        return error;
    }

    /** The KMS error a call answers with, and its HTTP status (404, 409, 412 or 400). */
    static KmsException kmsError(ThrowingCallable call, String errorCode, int httpStatus) {
        KmsException error = catchThrowableOfType(KmsException.class, call);
        assertThat(error).as("expected %s", errorCode).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo(errorCode);
        assertThat(error.statusCode()).isEqualTo(httpStatus);
        return error;
    }

    /** A CONNECTED CloudHSM key store on the spare cluster. */
    String connectedCloudHsm(String name) {
        String id = createCloudHsm(name);
        connectAndAwait(id, ConnectionStateType.CONNECTED);
        return id;
    }

    /** A new Enabled CloudHSM key in a CONNECTED store; returns its key ID. */
    String cloudHsmKey(String storeId) {
        return kms.createKey(request -> request.customKeyStoreId(storeId).origin(OriginType.AWS_CLOUDHSM))
            .keyMetadata()
            .keyId();
    }

    void disconnectAndAwait(String id) {
        kms.disconnectCustomKeyStore(request -> request.customKeyStoreId(id));
        awaitState(id, ConnectionStateType.DISCONNECTED);
    }

    static String message(KmsException error) {
        return error.awsErrorDetails().errorMessage();
    }

}
