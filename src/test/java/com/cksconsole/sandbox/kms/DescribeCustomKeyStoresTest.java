package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.kms.model.CustomKeyStoresListEntry;

/**
 * DescribeCustomKeyStores: filters, creation order, pagination with opaque tamper-evident
 * markers.
 */
class DescribeCustomKeyStoresTest extends SandboxKmsTestSupport {

    private final List<String> created = new ArrayList<>();

    @BeforeEach
    void fiveStores() {
        created.add(createCloudHsm("d-hsm-e"));
        created.add(createCloudHsm("d-hsm-a", FINANCE_CLUSTER, FINANCE_PASSWORD));
        created.add(createPublicXks("d-xks-public"));
        created.add(createVpcXks("d-xks-vpc", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, VPC_SERVICE_ID));
        created.add(createCloudHsm("d-hsm-b", PAYMENTS_CLUSTER, "PaymentsDr77"));
    }

    @Test
    void anEmptyRegionHasNoStoresAndIsNotTruncated() {
        try (var empty = client(newRegion())) {
            var response = empty.describeCustomKeyStores();

            assertThat(response.customKeyStores()).isEmpty();
            assertThat(response.truncated()).isFalse();
            assertThat(response.nextMarker()).isNull();
        }
    }

    @Test
    void withoutFiltersEveryStoreOfTheRegionIsListedInCreationOrder() {
        var response = kms.describeCustomKeyStores();

        assertThat(response.customKeyStores()).extracting(CustomKeyStoresListEntry::customKeyStoreId)
            .containsExactlyElementsOf(created);
        assertThat(response.truncated()).isFalse();
    }

    @Test
    void anIdSelectsOneStore() {
        var stores = kms.describeCustomKeyStores(b -> b.customKeyStoreId(created.get(2))).customKeyStores();

        assertThat(stores).singleElement()
            .extracting(CustomKeyStoresListEntry::customKeyStoreName)
            .isEqualTo("d-xks-public");
    }

    @Test
    void aNameSelectsOneStore() {
        var stores = kms.describeCustomKeyStores(b -> b.customKeyStoreName("d-hsm-a")).customKeyStores();

        assertThat(stores).singleElement()
            .extracting(CustomKeyStoresListEntry::customKeyStoreId)
            .isEqualTo(created.get(1));
    }

    @Test
    void anUnknownIdOrNameIsNotFoundRatherThanAnEmptyList() {
        kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId("cks-00000000000000000")),
                "CustomKeyStoreNotFoundException");
        kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreName("d-HSM-A")),
                "CustomKeyStoreNotFoundException");
    }

    @Test
    void anotherRegionsStoreIsNotFound() {
        try (var otherRegion = client(newRegion())) {
            kmsError(() -> otherRegion.describeCustomKeyStores(b -> b.customKeyStoreId(created.get(0))),
                    "CustomKeyStoreNotFoundException");
        }
    }

    @Test
    void idAndNameTogetherAreRefused() {
        var error = kmsError(
                () -> kms
                    .describeCustomKeyStores(b -> b.customKeyStoreId(created.get(0)).customKeyStoreName("d-hsm-e")),
                "ValidationException");

        assertThat(message(error)).isEqualTo("Specify either CustomKeyStoreId or CustomKeyStoreName, not both.");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() {
        List<String> seen = new ArrayList<>();
        String marker = null;
        int pages = 0;
        do {
            String current = marker;
            var page = kms.describeCustomKeyStores(b -> b.limit(2).marker(current));
            page.customKeyStores().forEach(store -> seen.add(store.customKeyStoreId()));
            assertThat(page.customKeyStores()).hasSizeLessThanOrEqualTo(2);
            assertThat(page.nextMarker() != null).isEqualTo(page.truncated());
            marker = page.nextMarker();
            pages++;
        }
        while (marker != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(created);
    }

    @Test
    void theLastFullPageIsNotTruncated() {
        var page = kms.describeCustomKeyStores(b -> b.limit(5));

        assertThat(page.customKeyStores()).hasSize(5);
        assertThat(page.truncated()).isFalse();
        assertThat(page.nextMarker()).isNull();
    }

    @Test
    void aMarkerStaysValidWhenTheStoreItNamesIsDeleted() {
        String marker = kms.describeCustomKeyStores(b -> b.limit(2)).nextMarker();
        kms.deleteCustomKeyStore(b -> b.customKeyStoreId(created.get(1)));

        var next = kms.describeCustomKeyStores(b -> b.limit(10).marker(marker));

        assertThat(next.customKeyStores()).extracting(CustomKeyStoresListEntry::customKeyStoreId)
            .containsExactlyElementsOf(created.subList(2, 5));
    }

    @Test
    void aTamperedMarkerIsInvalid() {
        String marker = kms.describeCustomKeyStores(b -> b.limit(2)).nextMarker();
        String payload = new String(Base64.getUrlDecoder().decode(marker.substring(0, marker.indexOf('.'))),
                StandardCharsets.UTF_8);
        // Point the marker at the first store, keeping its signature.
        String forged = Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(payload.replaceFirst("\\|\\d+\\|", "|0|").getBytes(StandardCharsets.UTF_8))
                + marker.substring(marker.indexOf('.'));

        kmsError(() -> kms.describeCustomKeyStores(b -> b.marker(forged)), "InvalidMarkerException");
        kmsError(() -> kms.describeCustomKeyStores(b -> b.marker(marker.substring(0, marker.length() - 2))),
                "InvalidMarkerException");
        kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("not-a-marker")), "InvalidMarkerException");
    }

    @Test
    void aMarkerOfAnotherRegionIsInvalid() {
        String marker = kms.describeCustomKeyStores(b -> b.limit(1)).nextMarker();

        try (var otherRegion = client(newRegion())) {
            kmsError(() -> otherRegion.describeCustomKeyStores(b -> b.marker(marker)), "InvalidMarkerException");
        }
    }

    @Test
    void aVpcStoreShowsItsEndpointServiceAndNoStoreShowsASecret() {
        var vpc = describe(created.get(3)).xksProxyConfiguration();

        assertThat(vpc.vpcEndpointServiceName()).isEqualTo(vpcService(VPC_SERVICE_ID));
        assertThat(vpc.vpcEndpointServiceOwner()).isEqualTo(ACCOUNT);
        var raw = new RawKmsRequests(port).call(region, "TrentService.DescribeCustomKeyStores", "{}").body();
        assertThat(raw).doesNotContain(PRIVATE.rawSecretAccessKey(), TENANT_B.rawSecretAccessKey(),
                SPARE_CLUSTER_PASSWORD, FINANCE_PASSWORD, "PaymentsDr77", "RawSecretAccessKey", "KeyStorePassword");
    }

}
