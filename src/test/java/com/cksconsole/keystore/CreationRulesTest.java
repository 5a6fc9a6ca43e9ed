package com.cksconsole.keystore;

import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MAX;
import static com.cksconsole.kms.KmsConstraints.CUSTOM_KEY_STORE_NAME_MIN;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MAX;
import static com.cksconsole.kms.KmsConstraints.XKS_PROXY_URI_PATH_MIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.KeyStoreType;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;

/**
 * The rules of CreateCustomKeyStore the console checks before sending (KMS API Reference,
 * CreateCustomKeyStore), one test per rule, at their boundaries.
 */
class CreationRulesTest {

    static final KmsTarget TARGET = new KmsTarget("111122223333", "us-east-1");

    static final String SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    static final String VPC_SERVICE = "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718";

    static NewXksStore publicStore(String name, String endpoint, String path) {
        return new NewXksStore(TARGET, name, XksConnectivity.PUBLIC_ENDPOINT, endpoint, path, null, null,
                new XksCredential("SANDBOXLABKEYIDZZ23456", Secret.of(SECRET)));
    }

    static NewXksStore vpcStore(String name, String endpoint, @Nullable String service) {
        return new NewXksStore(TARGET, name, XksConnectivity.VPC_ENDPOINT_SERVICE, endpoint, "/kms/xks/v1", service,
                null, new XksCredential("SANDBOXLABKEYIDZZ23456", Secret.of(SECRET)));
    }

    static CustomKeyStore existing(String id, String name, XksConnectivity connectivity, String endpoint, String path,
            @Nullable String service) {
        return new CustomKeyStore(id, name, KeyStoreType.EXTERNAL_KEY_STORE, ConnectionState.CONNECTED, null, null,
                null, null, new XksProxySettings(connectivity, endpoint, path, "SANDBOXLABKEYIDZZ23456", service,
                        service == null ? null : "111122223333"));
    }

    static List<String> fields(List<CreateProblem> problems) {
        return problems.stream().map(p -> String.valueOf(p.field())).toList();
    }

    @Test
    void aNameOfOneOr256CharactersPassesAndNoneOr257DoNot() {
        assertThat(CreationRules.nameProblems("n".repeat(CUSTOM_KEY_STORE_NAME_MIN), List.of(), 10)).isEmpty();
        assertThat(CreationRules.nameProblems("n".repeat(CUSTOM_KEY_STORE_NAME_MAX), List.of(), 10)).isEmpty();
        assertThat(CreationRules.nameProblems("", List.of(), 10)).singleElement()
            .satisfies(p -> assertThat(p.message()).isEqualTo("The name must be 1 to 256 characters long."));
        assertThat(CreationRules.nameProblems("n".repeat(CUSTOM_KEY_STORE_NAME_MAX + 1), List.of(), 10)).singleElement()
            .satisfies(p -> assertThat(p.step()).isEqualTo(CreateStep.NAME));
    }

    @Test
    void aPathOf10Or128CharactersPassesAnd9Or129DoNot() {
        String shortest = "/kms/xks/v1"; // 11: the shortest the pattern allows
        assertThat(CreationRules.problems(publicStore("a", "https://proxy.example.com", shortest), List.of(), 10))
            .isEmpty();
        String longest = "/" + "p".repeat(XKS_PROXY_URI_PATH_MAX - 12) + "/kms/xks/v1";
        assertThat(longest).hasSize(XKS_PROXY_URI_PATH_MAX);
        assertThat(CreationRules.problems(publicStore("a", "https://proxy.example.com", longest), List.of(), 10))
            .isEmpty();
        String tooLong = "/p" + longest;
        assertThat(
                fields(CreationRules.problems(publicStore("a", "https://proxy.example.com", tooLong), List.of(), 10)))
            .containsExactly(CreationRules.PATH);
        assertThat(fields(CreationRules.problems(
                publicStore("a", "https://proxy.example.com", "/".repeat(XKS_PROXY_URI_PATH_MIN - 1)), List.of(), 10)))
            .containsExactly(CreationRules.PATH);
    }

    @Test
    void anEndpointWithAPortIsRefusedByItsPattern() {
        assertThat(CreationRules.problems(publicStore("a", "https://proxy.example.com:8443", "/kms/xks/v1"), List.of(),
                10))
            .singleElement()
            .satisfies(p -> {
                assertThat(p.field()).isEqualTo(CreationRules.ENDPOINT);
                assertThat(p.message()).contains("no port");
            });
    }

    @Test
    void aNameInUseIsRefusedComparingExactly() {
        var others = List.of(existing("cks-1", "ekm-a", XksConnectivity.PUBLIC_ENDPOINT, "https://other.example.com",
                "/kms/xks/v1", null));
        assertThat(CreationRules.nameProblems("ekm-a", others, 10)).extracting(CreateProblem::kmsError)
            .containsExactly("CustomKeyStoreNameInUseException");
        assertThat(CreationRules.nameProblems("EKM-A", others, 10)).isEmpty();
    }

    @Test
    void theSameEndpointAndPathIsRefusedAndTheSameEndpointWithAnotherPathIsNotForPublicStores() {
        var others = List.of(existing("cks-1", "x", XksConnectivity.PUBLIC_ENDPOINT, "https://proxy.example.com",
                "/a/kms/xks/v1", null));
        assertThat(CreationRules.problems(publicStore("n", "https://proxy.example.com", "/a/kms/xks/v1"), others, 10))
            .extracting(CreateProblem::kmsError)
            .containsExactly("XksProxyUriInUseException");
        assertThat(CreationRules.problems(publicStore("n", "https://proxy.example.com", "/b/kms/xks/v1"), others, 10))
            .isEmpty();
    }

    @Test
    void aVpcStoreNeedsAPrivateDnsNameNoOtherStoreUses() {
        var others = List.of(existing("cks-1", "x", XksConnectivity.VPC_ENDPOINT_SERVICE, "https://private.example.com",
                "/a/kms/xks/v1", VPC_SERVICE));
        assertThat(CreationRules.problems(
                vpcStore("n", "https://private.example.com", "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60799"),
                others, 10))
            .extracting(CreateProblem::kmsError)
            .containsExactly("XksProxyUriEndpointInUseException");
    }

    @Test
    void aPublicStoreMayNotUseAVpcStoresEndpoint() {
        var others = List.of(existing("cks-1", "x", XksConnectivity.VPC_ENDPOINT_SERVICE, "https://private.example.com",
                "/a/kms/xks/v1", VPC_SERVICE));
        assertThat(CreationRules.problems(publicStore("n", "https://private.example.com", "/b/kms/xks/v1"), others, 10))
            .extracting(CreateProblem::kmsError)
            .containsExactly("XksProxyUriEndpointInUseException");
    }

    @Test
    void aVpcEndpointServiceServesOneStore() {
        var others = List.of(existing("cks-1", "x", XksConnectivity.VPC_ENDPOINT_SERVICE, "https://private.example.com",
                "/a/kms/xks/v1", VPC_SERVICE));
        assertThat(CreationRules.problems(vpcStore("n", "https://private2.example.com", VPC_SERVICE), others, 10))
            .extracting(CreateProblem::field)
            .containsExactly(CreationRules.SERVICE_NAME);
    }

    @Test
    void aVpcStoreNeedsAServiceNameAndAPublicStoreMayNotHaveOne() {
        assertThat(fields(CreationRules.problems(vpcStore("n", "https://private.example.com", null), List.of(), 10)))
            .containsExactly(CreationRules.SERVICE_NAME);
        var publicWithService = new NewXksStore(TARGET, "n", XksConnectivity.PUBLIC_ENDPOINT,
                "https://proxy.example.com", "/kms/xks/v1", VPC_SERVICE, null,
                new XksCredential("SANDBOXLABKEYIDZZ23456", Secret.of(SECRET)));
        assertThat(fields(CreationRules.problems(publicWithService, List.of(), 10)))
            .containsExactly(CreationRules.SERVICE_NAME);
    }

    @Test
    void theQuotaAllowsAStoreAt9OfTenAndRefusesAt10() {
        var nine = new ArrayList<CustomKeyStore>();
        for (int i = 0; i < 9; i++) {
            nine.add(existing("cks-" + i, "s" + i, XksConnectivity.PUBLIC_ENDPOINT, "https://p" + i + ".example.com",
                    "/kms/xks/v1", null));
        }
        assertThat(CreationRules.nameProblems("new", nine, 10)).isEmpty();
        var ten = new ArrayList<>(nine);
        ten.add(existing("cks-9", "s9", XksConnectivity.PUBLIC_ENDPOINT, "https://p9.example.com", "/kms/xks/v1",
                null));
        assertThat(CreationRules.nameProblems("new", ten, 10)).singleElement().satisfies(p -> {
            assertThat(p.field()).isEqualTo(CreateProblem.TARGET);
            assertThat(p.kmsError()).isEqualTo("LimitExceededException");
        });
        assertThat(CreationRules.nameProblems("new", ten, 11)).as("a raised quota").isEmpty();
    }

    @Test
    void aClusterSharingItsBackupHistoryWithAClusterInUseIsInUseAndAnUnrelatedOneIsNot() {
        var finance = new CustomKeyStore("cks-5f3a9c0e1d2b4a687", "finance-hsm-primary", KeyStoreType.AWS_CLOUDHSM,
                ConnectionState.CONNECTED, null, null, "cluster-jxhlf7644ne", "anchor-A", null);
        var onClone = new NewCloudHsmStore(TARGET, "on-clone", "cluster-m7qz3vh2kd5", "anchor-A",
                Secret.of("kmsuser-pass"));
        var families = Map.of("cluster-jxhlf7644ne", "certificate-A", "cluster-m7qz3vh2kd5", "certificate-A",
                "cluster-h5vq2xw7zpm", "certificate-E");

        assertThat(CreationRules.problems(onClone, List.of(finance), 10, families)).singleElement().satisfies(p -> {
            assertThat(p.step()).isEqualTo(CreateStep.CLUSTER);
            assertThat(p.kmsError()).isEqualTo("CloudHsmClusterInUseException");
            assertThat(p.message()).contains("finance-hsm-primary")
                .contains("cluster-jxhlf7644ne")
                .contains("shares this cluster's backup history");
        });
        var unrelated = new NewCloudHsmStore(TARGET, "on-spare", "cluster-h5vq2xw7zpm", "anchor-E",
                Secret.of("kmsuser-pass"));
        assertThat(CreationRules.problems(unrelated, List.of(finance), 10, families)).isEmpty();
        assertThat(CreationRules.problems(onClone, List.of(finance), 10, Map.of()))
            .as("without the families only KMS can tell")
            .isEmpty();
    }

    @Test
    void noProblemRepeatsTheSecret() {
        var store = new NewXksStore(TARGET, "n", XksConnectivity.PUBLIC_ENDPOINT, "https://proxy.example.com",
                "/kms/xks/v1", null, null, new XksCredential("SANDBOXLABKEYIDZZ23456", Secret.of("short!secret")));
        assertThat(CreationRules.problems(store, List.of(), 10)).singleElement()
            .satisfies(p -> assertThat(p.message()).doesNotContain("short!secret"));
    }

}
