package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudhsmv2.CloudHsmV2Client;
import software.amazon.awssdk.services.cloudhsmv2.model.CloudHsmV2Exception;

import com.cksconsole.kms.SandboxDefaults;

/**
 * The request quota (KMS Developer Guide, Request quotas): 5 requests per second for each
 * operation, account and Region, refused with ThrottlingException (400): a burst of 5,
 * then one more every 200 ms. Time is frozen, so the counting is exact.
 */
@TestPropertySource(properties = "console.sandbox.throttling.enabled=true")
class SandboxThrottlingTest extends FrozenClockTestSupport {

    @Test
    void theSixthRequestWithinASecondIsThrottled() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }

        var error = kmsError(kms::describeCustomKeyStores, "ThrottlingException");

        assertThat(message(error)).contains("exceeded the rate");
    }

    @Test
    void tokensComeBackAtFivePerSecond() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
        clock.advance(Duration.ofMillis(199));
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");

        clock.advance(Duration.ofMillis(1));

        kms.describeCustomKeyStores();
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");
    }

    @Test
    void aClientAtExactlyFiveRequestsPerSecondIsNeverThrottled() {
        for (int i = 0; i < 25; i++) {
            kms.describeCustomKeyStores();
            clock.advance(Duration.ofMillis(200));
        }
    }

    @Test
    void refusedRequestsDoNotCount() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
        for (int i = 0; i < 3; i++) {
            kmsError(kms::describeCustomKeyStores, "ThrottlingException");
        }

        clock.advance(Duration.ofSeconds(1));

        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
    }

    @Test
    void cloudHsmDescribeClustersHasItsOwnQuotaOfFivePerSecond() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
        try (var cloudHsm = CloudHsmV2Client.builder()
            .endpointOverride(URI.create("http://127.0.0.1:" + port + "/sandbox/cloudhsmv2"))
            .region(Region.of(region))
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(SandboxDefaults.ACCESS_KEY_ID, SandboxDefaults.SECRET_ACCESS_KEY)))
            .httpClient(UrlConnectionHttpClient.create())
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build()) {
            for (int i = 0; i < 5; i++) {
                assertThat(cloudHsm.describeClusters().clusters()).isNotEmpty();
            }
            var error = catchThrowableOfType(CloudHsmV2Exception.class, cloudHsm::describeClusters);
            assertThat(error).isNotNull();
            assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        }
    }

    @Test
    void eachOperationHasItsOwnQuota() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");

        assertThat(createCloudHsm("t-hsm")).isNotBlank();
    }

    @Test
    void eachRegionHasItsOwnQuota() {
        for (int i = 0; i < 5; i++) {
            kms.describeCustomKeyStores();
        }
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");

        try (var otherRegion = client(newRegion())) {
            assertThat(otherRegion.describeCustomKeyStores().customKeyStores()).isEmpty();
        }
    }

    @Test
    void throttlingComesBeforeTheRequestIsRead() {
        for (int i = 0; i < 5; i++) {
            kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId("cks-00000000000000000")),
                    "CustomKeyStoreNotFoundException");
        }

        kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId("cks-00000000000000000")),
                "ThrottlingException");
    }

}
