package com.cksconsole.kms;

import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORES_PER_ACCOUNT_AND_REGION;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.kms.KeyStoreUniquenessRules.Rule;
import com.cksconsole.kms.KeyStoreUniquenessRules.Store;
import com.cksconsole.kms.KeyStoreUniquenessRules.Violation;
import com.cksconsole.kms.KeyStoreUniquenessRules.XksProxy;

/**
 * The uniqueness and quota rules of CreateCustomKeyStore (KMS API Reference,
 * CreateCustomKeyStore), one test per rule, with the cases on either side of it.
 */
class KeyStoreUniquenessRulesTest {

    static final int QUOTA = CUSTOM_KEY_STORES_PER_ACCOUNT_AND_REGION;

    static final String SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";

    static XksProxy publicProxy(String endpoint, String path) {
        return new XksProxy(XksConnectivity.PUBLIC_ENDPOINT, endpoint, path, null);
    }

    static XksProxy vpcProxy(String endpoint, String path, @Nullable String service) {
        return new XksProxy(XksConnectivity.VPC_ENDPOINT_SERVICE, endpoint, path, service);
    }

    static List<Violation> check(Store candidate, Store... existing) {
        return KeyStoreUniquenessRules.violations(candidate, List.of(existing), QUOTA);
    }

    static List<Rule> rules(List<Violation> violations) {
        return violations.stream().map(Violation::rule).toList();
    }

    @Test
    void aNameIsUniqueInTheAccountAndRegionComparedExactly() {
        Store existing = Store.xks("cks-1", "Sales", publicProxy("https://a.example.com", "/kms/xks/v1"));
        assertThat(check(Store.xks(null, "Sales", null), existing)).singleElement()
            .isEqualTo(new Violation(Rule.NAME_IN_USE, "cks-1"));
        assertThat(check(Store.xks(null, "sales", null), existing)).isEmpty();
        assertThat(Rule.NAME_IN_USE.exceptionName()).isEqualTo("CustomKeyStoreNameInUseException");
    }

    @Test
    void anUpdateKeepingItsOwnNameIsNoClash() {
        Store existing = Store.xks("cks-1", "Sales", publicProxy("https://a.example.com", "/kms/xks/v1"));
        assertThat(check(Store.xks("cks-1", "Sales", publicProxy("https://a.example.com", "/kms/xks/v1")), existing))
            .isEmpty();
        assertThat(check(Store.xks("cks-2", "Sales", null), existing)).extracting(Violation::exceptionName)
            .containsExactly("CustomKeyStoreNameInUseException");
    }

    @Test
    void anEndpointAndPathCombinationIsUsedByOneStore() {
        Store existing = Store.xks("cks-1", "a", publicProxy("https://a.example.com", "/kms/xks/v1"));
        assertThat(check(Store.xks(null, "b", publicProxy("https://a.example.com", "/kms/xks/v1")), existing))
            .singleElement()
            .satisfies(v -> assertThat(v.exceptionName()).isEqualTo("XksProxyUriInUseException"));
        assertThat(check(Store.xks(null, "b", publicProxy("https://a.example.com", "/t/kms/xks/v1")), existing))
            .isEmpty();
        assertThat(check(Store.xks(null, "b", publicProxy("https://b.example.com", "/kms/xks/v1")), existing))
            .isEmpty();
    }

    @Test
    void aVpcStoresEndpointIsUsedByNoOtherStoreOfEitherConnectivity() {
        Store publicOne = Store.xks("cks-1", "a", publicProxy("https://a.example.com", "/kms/xks/v1"));
        Store vpcOne = Store.xks("cks-2", "b", vpcProxy("https://v.example.com", "/kms/xks/v1", SERVICE));
        // VPC candidate, public store on the same endpoint, other path.
        assertThat(check(Store.xks(null, "c", vpcProxy("https://a.example.com", "/t/kms/xks/v1", null)), publicOne))
            .singleElement()
            .isEqualTo(new Violation(Rule.PROXY_URI_ENDPOINT_IN_USE, "cks-1"));
        // Public candidate on a VPC store's private DNS name.
        assertThat(check(Store.xks(null, "c", publicProxy("https://v.example.com", "/t/kms/xks/v1")), vpcOne))
            .extracting(Violation::exceptionName)
            .containsExactly("XksProxyUriEndpointInUseException");
        // Two public stores may share an endpoint with different paths.
        assertThat(check(Store.xks(null, "c", publicProxy("https://a.example.com", "/t/kms/xks/v1")), publicOne))
            .isEmpty();
    }

    @Test
    void endpointsDifferingOnlyInTheCaseOfTheHostNameAreOneEndpoint() {
        Store existing = Store.xks("cks-1", "a", publicProxy("https://xks.example.com", "/kms/xks/v1"));

        assertThat(rules(check(Store.xks(null, "b", publicProxy("https://XKS.Example.COM", "/kms/xks/v1")), existing)))
            .containsExactly(Rule.PROXY_URI_IN_USE);
    }

    @Test
    void privateDnsNamesDifferingOnlyInCaseAreOneEndpoint() {
        Store vpcOne = Store.xks("cks-2", "b", vpcProxy("https://v.example.com", "/kms/xks/v1", SERVICE));

        assertThat(check(Store.xks(null, "c", publicProxy("https://V.EXAMPLE.com", "/t/kms/xks/v1")), vpcOne))
            .singleElement()
            .isEqualTo(new Violation(Rule.PROXY_URI_ENDPOINT_IN_USE, "cks-2"));
    }

    @Test
    void pathsStillCompareExactly() {
        Store existing = Store.xks("cks-1", "a", publicProxy("https://xks.example.com", "/t/kms/xks/v1"));

        assertThat(check(Store.xks(null, "b", publicProxy("https://XKS.example.com", "/T/kms/xks/v1")), existing))
            .isEmpty();
    }

    @Test
    void theSameEndpointAndPathIsReportedOnceAsTheCombination() {
        Store vpcOne = Store.xks("cks-2", "b", vpcProxy("https://v.example.com", "/kms/xks/v1", SERVICE));
        assertThat(rules(check(Store.xks(null, "c", vpcProxy("https://v.example.com", "/kms/xks/v1", null)), vpcOne)))
            .containsExactly(Rule.PROXY_URI_IN_USE);
    }

    @Test
    void aVpcEndpointServiceBacksOneStore() {
        Store vpcOne = Store.xks("cks-2", "b", vpcProxy("https://v.example.com", "/kms/xks/v1", SERVICE));
        assertThat(check(Store.xks(null, "c", vpcProxy("https://w.example.com", "/kms/xks/v1", SERVICE)), vpcOne))
            .singleElement()
            .satisfies(v -> assertThat(v.exceptionName()).isEqualTo("XksProxyVpcEndpointServiceInUseException"));
        assertThat(check(Store.xks(null, "c", vpcProxy("https://w.example.com", "/kms/xks/v1", SERVICE + "1")), vpcOne))
            .isEmpty();
    }

    @Test
    void aClusterOrOneSharingItsBackupHistoryBacksOneStore() {
        Store existing = Store.cloudHsm("cks-1", "a", "cluster-1234567890a", "family-1");
        assertThat(check(Store.cloudHsm(null, "b", "cluster-1234567890a", null), existing)).singleElement()
            .isEqualTo(new Violation(Rule.CLUSTER_IN_USE, "cks-1"));
        assertThat(check(Store.cloudHsm(null, "b", "cluster-1234567890b", "family-1"), existing))
            .extracting(Violation::exceptionName)
            .containsExactly("CloudHsmClusterInUseException");
        assertThat(check(Store.cloudHsm(null, "b", "cluster-1234567890b", "family-2"), existing)).isEmpty();
        assertThat(check(Store.cloudHsm(null, "b", "cluster-1234567890b", null), existing)).isEmpty();
    }

    @Test
    void theQuotaAllowsANewStoreAt9StoresAndNotAt10() {
        assertThat(check(Store.xks(null, "new", null), stores(QUOTA - 1))).isEmpty();
        assertThat(check(Store.xks(null, "new", null), stores(QUOTA))).singleElement()
            .isEqualTo(new Violation(Rule.QUOTA, null));
        assertThat(Rule.QUOTA.exceptionName()).isEqualTo("LimitExceededException");
    }

    @Test
    void theQuotaDoesNotApplyToAnUpdate() {
        assertThat(check(Store.xks("cks-0", "renamed", null), stores(QUOTA))).isEmpty();
    }

    @Test
    void violationsComeInTheOrderKmsChecksThem() {
        Store existing = Store.xks("cks-1", "a", vpcProxy("https://v.example.com", "/kms/xks/v1", SERVICE));
        List<Violation> violations = KeyStoreUniquenessRules.violations(
                Store.xks(null, "a", vpcProxy("https://v.example.com", "/t/kms/xks/v1", SERVICE)), List.of(existing),
                1);
        assertThat(rules(violations)).containsExactly(Rule.NAME_IN_USE, Rule.PROXY_URI_ENDPOINT_IN_USE,
                Rule.VPC_ENDPOINT_SERVICE_IN_USE, Rule.QUOTA);
        assertThat(KeyStoreUniquenessRules.firstViolation(
                Store.xks(null, "a", vpcProxy("https://v.example.com", "/t/kms/xks/v1", SERVICE)), List.of(existing),
                1))
            .isEqualTo(violations.get(0));
    }

    static Store[] stores(int count) {
        return IntStream.range(0, count)
            .mapToObj(i -> Store.xks("cks-" + i, "store-" + i,
                    publicProxy("https://p" + i + ".example.com", "/kms/xks/v1")))
            .toArray(Store[]::new);
    }

}
