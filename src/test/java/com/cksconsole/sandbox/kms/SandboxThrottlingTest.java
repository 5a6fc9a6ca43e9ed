package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The request quota (KMS Developer Guide, Request quotas): 5 requests per second for each
 * operation, account and Region, refused with ThrottlingException (400). Time is frozen,
 * so the counting is exact.
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
    void theWindowSlides() {
        for (int i = 0; i < 3; i++) {
            kms.describeCustomKeyStores();
        }
        clock.advance(Duration.ofMillis(500));
        kms.describeCustomKeyStores();
        kms.describeCustomKeyStores();
        clock.advance(Duration.ofMillis(499));
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");

        clock.advance(Duration.ofMillis(1));

        for (int i = 0; i < 3; i++) {
            kms.describeCustomKeyStores();
        }
        kmsError(kms::describeCustomKeyStores, "ThrottlingException");
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
