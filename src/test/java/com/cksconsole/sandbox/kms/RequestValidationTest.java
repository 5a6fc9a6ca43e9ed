package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.function.Consumer;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import software.amazon.awssdk.services.kms.model.CreateCustomKeyStoreRequest;
import software.amazon.awssdk.services.kms.model.KmsException;

/**
 * Server-side checks of the request shapes (KMS model constraints from {@code KmsField}):
 * each member at min-1, min, max, max+1, pattern hits and misses, enum values, with AWS's
 * ValidationException text, camelCase member names, counted violations, and sensitive
 * values never echoed.
 */
class RequestValidationTest extends SandboxKmsTestSupport {

    private static final String NAME = "customKeyStoreName";

    private static final String LENGTH_MIN = "Member must have length greater than or equal to ";

    private static final String LENGTH_MAX = "Member must have length less than or equal to ";

    private static final String PATTERN = "Member must satisfy regular expression pattern: ";

    private static final String ENDPOINT_PATTERN = PATTERN + "^https://[a-zA-Z0-9.-]+$";

    private static final String PATH_PATTERN = PATTERN
            + "^(/[a-zA-Z0-9\\/_-]+/kms/xks/v\\d{1,2})$|^(/kms/xks/v\\d{1,2})$";

    private static final String SERVICE_PATTERN = PATTERN
            + "^(com|eu)\\.amazonaws\\.vpce\\.([a-z]+-){2,3}\\d+\\.vpce-svc-[0-9a-z]+$";

    /**
     * One boundary case.
     *
     * @param expected the constraint text of the one violation, or null when the value
     * passes validation
     */
    record Case(String label, boolean externalKeyStore, String member, String value, boolean sensitive,
            Consumer<CreateCustomKeyStoreRequest.Builder> change, String expected) {

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> createCases() {
        return Stream.of(hsm("name min-1", NAME, "", b -> b.customKeyStoreName(""), LENGTH_MIN + 1),
                hsm("name min", NAME, "n", b -> b.customKeyStoreName("n"), null),
                hsm("name max", NAME, "n".repeat(256), b -> b.customKeyStoreName("n".repeat(256)), null),
                hsm("name max+1", NAME, "n".repeat(257), b -> b.customKeyStoreName("n".repeat(257)), LENGTH_MAX + 256),
                hsm("cluster min-1", "cloudHsmClusterId", cluster(10), b -> b.cloudHsmClusterId(cluster(10)),
                        LENGTH_MIN + 19),
                hsm("cluster min", "cloudHsmClusterId", cluster(11), b -> b.cloudHsmClusterId(cluster(11)), null),
                hsm("cluster max", "cloudHsmClusterId", cluster(16), b -> b.cloudHsmClusterId(cluster(16)), null),
                hsm("cluster max+1", "cloudHsmClusterId", cluster(17), b -> b.cloudHsmClusterId(cluster(17)),
                        LENGTH_MAX + 24),
                hsm("cluster pattern miss (digit 1)", "cloudHsmClusterId", "cluster-1a23b4cdefg",
                        b -> b.cloudHsmClusterId("cluster-1a23b4cdefg"), PATTERN + "cluster-[2-7a-zA-Z]{11,16}"),
                hsm("trust anchor min-1", "trustAnchorCertificate", "", b -> b.trustAnchorCertificate(""),
                        LENGTH_MIN + 1),
                hsm("trust anchor min", "trustAnchorCertificate", "x", b -> b.trustAnchorCertificate("x"), null),
                hsm("trust anchor max", "trustAnchorCertificate", "x".repeat(5000),
                        b -> b.trustAnchorCertificate("x".repeat(5000)), null),
                hsm("trust anchor max+1", "trustAnchorCertificate", "x".repeat(5001),
                        b -> b.trustAnchorCertificate("x".repeat(5001)), LENGTH_MAX + 5000),
                secret(false, "password min-1", "keyStorePassword", b -> b.keyStorePassword("Secre6"), LENGTH_MIN + 7,
                        "Secre6"),
                hsm("password min", "keyStorePassword", "Secret7", b -> b.keyStorePassword("Secret7"), null),
                hsm("password max", "keyStorePassword", "S".repeat(32), b -> b.keyStorePassword("S".repeat(32)), null),
                secret(false, "password max+1", "keyStorePassword", b -> b.keyStorePassword("S".repeat(33)),
                        LENGTH_MAX + 32, "S".repeat(33)),
                hsm("type enum miss", "customKeyStoreType", "CLOUDHSM", b -> b.customKeyStoreType("CLOUDHSM"),
                        "Member must satisfy enum value set: [AWS_CLOUDHSM, EXTERNAL_KEY_STORE]"),
                xks("endpoint min-1", "xksProxyUriEndpoint", "https://a", b -> b.xksProxyUriEndpoint("https://a"),
                        LENGTH_MIN + 10),
                xks("endpoint min", "xksProxyUriEndpoint", "https://ab", b -> b.xksProxyUriEndpoint("https://ab"),
                        null),
                xks("endpoint max", "xksProxyUriEndpoint", endpoint(128), b -> b.xksProxyUriEndpoint(endpoint(128)),
                        null),
                xks("endpoint max+1", "xksProxyUriEndpoint", endpoint(129), b -> b.xksProxyUriEndpoint(endpoint(129)),
                        LENGTH_MAX + 128),
                xks("endpoint with port", "xksProxyUriEndpoint", "https://xks.example.com:6443",
                        b -> b.xksProxyUriEndpoint("https://xks.example.com:6443"), ENDPOINT_PATTERN),
                xks("endpoint with trailing slash", "xksProxyUriEndpoint", "https://xks.example.com/",
                        b -> b.xksProxyUriEndpoint("https://xks.example.com/"), ENDPOINT_PATTERN),
                xks("endpoint http", "xksProxyUriEndpoint", "http://xks.example.com",
                        b -> b.xksProxyUriEndpoint("http://xks.example.com"), ENDPOINT_PATTERN),
                xks("path min-1", "xksProxyUriPath", "/kms/xks/", b -> b.xksProxyUriPath("/kms/xks/"), LENGTH_MIN + 10),
                xks("path min length (no version)", "xksProxyUriPath", "/kms/xks/v",
                        b -> b.xksProxyUriPath("/kms/xks/v"), PATH_PATTERN),
                xks("path shortest valid", "xksProxyUriPath", "/kms/xks/v1", b -> b.xksProxyUriPath("/kms/xks/v1"),
                        null),
                xks("path max", "xksProxyUriPath", path(128), b -> b.xksProxyUriPath(path(128)), null),
                xks("path max+1", "xksProxyUriPath", path(129), b -> b.xksProxyUriPath(path(129)), LENGTH_MAX + 128),
                xks("path v99", "xksProxyUriPath", "/p/kms/xks/v99", b -> b.xksProxyUriPath("/p/kms/xks/v99"), null),
                xks("path v100", "xksProxyUriPath", "/p/kms/xks/v100", b -> b.xksProxyUriPath("/p/kms/xks/v100"),
                        PATH_PATTERN),
                xks("path without /kms/xks", "xksProxyUriPath", "/tenant-b/v1", b -> b.xksProxyUriPath("/tenant-b/v1"),
                        PATH_PATTERN),
                xks("service min-1", "xksProxyVpcEndpointServiceName", "s".repeat(19),
                        b -> b.xksProxyVpcEndpointServiceName("s".repeat(19)), LENGTH_MIN + 20),
                xks("service min length, pattern miss", "xksProxyVpcEndpointServiceName", "s".repeat(20),
                        b -> b.xksProxyVpcEndpointServiceName("s".repeat(20)), SERVICE_PATTERN),
                xks("service max", "xksProxyVpcEndpointServiceName", service(64),
                        b -> b.xksProxyVpcEndpointServiceName(service(64)), null),
                xks("service max+1", "xksProxyVpcEndpointServiceName", service(65),
                        b -> b.xksProxyVpcEndpointServiceName(service(65)), LENGTH_MAX + 64),
                xks("service eu prefix and 3-part region", "xksProxyVpcEndpointServiceName",
                        "eu.amazonaws.vpce.us-gov-west-1.vpce-svc-0a1b",
                        b -> b.xksProxyVpcEndpointServiceName("eu.amazonaws.vpce.us-gov-west-1.vpce-svc-0a1b"), null),
                xks("owner min-1", "xksProxyVpcEndpointServiceOwner", "11112222333",
                        b -> b.xksProxyVpcEndpointServiceOwner("11112222333"), LENGTH_MIN + 12),
                xks("owner exact", "xksProxyVpcEndpointServiceOwner", "111122223333",
                        b -> b.xksProxyVpcEndpointServiceOwner("111122223333"), null),
                xks("owner max+1", "xksProxyVpcEndpointServiceOwner", "1111222233334",
                        b -> b.xksProxyVpcEndpointServiceOwner("1111222233334"), LENGTH_MAX + 12),
                xks("owner pattern miss", "xksProxyVpcEndpointServiceOwner", "11112222333a",
                        b -> b.xksProxyVpcEndpointServiceOwner("11112222333a"), PATTERN + "[0-9]{12}"),
                secret(true, "access key min-1", "xksProxyAuthenticationCredential.accessKeyId",
                        withAccessKey("A".repeat(19)), LENGTH_MIN + 20, "A".repeat(19)),
                xks("access key min", "xksProxyAuthenticationCredential.accessKeyId", "A".repeat(20),
                        withAccessKey("A".repeat(20)), null),
                xks("access key max", "xksProxyAuthenticationCredential.accessKeyId", "A".repeat(30),
                        withAccessKey("A".repeat(30)), null),
                secret(true, "access key max+1", "xksProxyAuthenticationCredential.accessKeyId",
                        withAccessKey("A".repeat(31)), LENGTH_MAX + 30, "A".repeat(31)),
                secret(true, "access key pattern miss (digit 0)", "xksProxyAuthenticationCredential.accessKeyId",
                        withAccessKey("ABCDE12345670EXAMPLE"), PATTERN + "^[A-Z2-7]+$", "ABCDE12345670EXAMPLE"),
                secret(true, "secret min-1", "xksProxyAuthenticationCredential.rawSecretAccessKey",
                        withSecret("s".repeat(42)), LENGTH_MIN + 43, "s".repeat(42)),
                xks("secret min", "xksProxyAuthenticationCredential.rawSecretAccessKey", "s".repeat(43),
                        withSecret("s".repeat(43)), null),
                xks("secret max", "xksProxyAuthenticationCredential.rawSecretAccessKey", "s".repeat(64),
                        withSecret("s".repeat(64)), null),
                secret(true, "secret max+1", "xksProxyAuthenticationCredential.rawSecretAccessKey",
                        withSecret("s".repeat(65)), LENGTH_MAX + 64, "s".repeat(65)),
                secret(true, "secret pattern miss", "xksProxyAuthenticationCredential.rawSecretAccessKey",
                        withSecret("s".repeat(42) + "-"), PATTERN + "^[a-zA-Z0-9\\/+=]+$", "s".repeat(42) + "-"),
                xks("connectivity enum miss", "xksProxyConnectivity", "PUBLIC", b -> b.xksProxyConnectivity("PUBLIC"),
                        "Member must satisfy enum value set: [PUBLIC_ENDPOINT, VPC_ENDPOINT_SERVICE]"),
                xks("connectivity PUBLIC_ENDPOINT", "xksProxyConnectivity", "PUBLIC_ENDPOINT",
                        b -> b.xksProxyConnectivity("PUBLIC_ENDPOINT").xksProxyVpcEndpointServiceName(null), null))
            .map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void createChecksEveryMemberAtItsBoundaries(Case test) {
        Consumer<CreateCustomKeyStoreRequest.Builder> base = test.externalKeyStore()
                ? vpcXks("validation-xks", PRIVATE_ENDPOINT, "/kms/xks/v1", PRIVATE, vpcService(VPC_SERVICE_ID))
                : b -> b.customKeyStoreName("validation-hsm")
                    .cloudHsmClusterId(SPARE_CLUSTER)
                    .trustAnchorCertificate(trustAnchorOf(SPARE_CLUSTER))
                    .keyStorePassword(SPARE_CLUSTER_PASSWORD);
        ThrowingCallable call = () -> kms.createCustomKeyStore(base.andThen(test.change()));

        assertViolation(call, test);
    }

    @Test
    void aMissingNameIsAMemberThatMustNotBeNull() {
        var error = kmsError(() -> kms.createCustomKeyStore(
                b -> b.cloudHsmClusterId(SPARE_CLUSTER).trustAnchorCertificate("x").keyStorePassword("Secret7")),
                "ValidationException");

        assertThat(message(error)).isEqualTo("1 validation error detected: Value null at 'customKeyStoreName' "
                + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void severalViolationsAreCountedAndJoined() {
        var error = kmsError(() -> kms.createCustomKeyStore(b -> b.customKeyStoreName("n".repeat(257))
            .cloudHsmClusterId(SPARE_CLUSTER)
            .trustAnchorCertificate("x")
            .keyStorePassword("short")), "ValidationException");

        assertThat(message(error)).isEqualTo("2 validation errors detected: Value '" + "n".repeat(257)
                + "' at 'customKeyStoreName' failed to satisfy constraint: " + LENGTH_MAX + "256; Value at "
                + "'keyStorePassword' failed to satisfy constraint: " + LENGTH_MIN + "7");
    }

    @Test
    void aCredentialWithoutItsSecretNamesTheMissingMember() {
        var error = kmsError(() -> kms.createCustomKeyStore(
                publicXks("half", PUBLIC_ENDPOINT, "/tenant-b/kms/xks/v1", credential(TENANT_B.accessKeyId(), null))),
                "ValidationException");

        assertThat(message(error)).isEqualTo("1 validation error detected: Value null at "
                + "'xksProxyAuthenticationCredential.rawSecretAccessKey' failed to satisfy constraint: "
                + "Member must not be null");
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 1001 })
    void describeLimitOutsideOneToAThousandIsRefused(int limit) {
        var error = kmsError(() -> kms.describeCustomKeyStores(b -> b.limit(limit)), "ValidationException");

        assertThat(message(error)).isEqualTo("1 validation error detected: Value '" + limit + "' at 'limit' failed "
                + "to satisfy constraint: Member must have value "
                + (limit == 0 ? "greater than or equal to 1" : "less than or equal to 1000"));
    }

    @ParameterizedTest
    @ValueSource(ints = { 1, 1000 })
    void describeLimitAtItsBoundsIsAccepted(int limit) {
        assertThat(kms.describeCustomKeyStores(b -> b.limit(limit)).truncated()).isFalse();
    }

    @Test
    void describeMarkerBoundaries() {
        assertThat(message(kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("")), "ValidationException")))
            .endsWith("at 'marker' failed to satisfy constraint: " + LENGTH_MIN + 1);
        assertThat(message(
                kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("m".repeat(1025))), "ValidationException")))
            .endsWith(LENGTH_MAX + 1024);
        assertThat(
                message(kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("m\u0100")), "ValidationException")))
            .endsWith(PATTERN + "[\\u0020-\\u00FF]*");
        // Within the shape, but not a marker this sandbox issued.
        kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("m".repeat(1024))), "InvalidMarkerException");
        kmsError(() -> kms.describeCustomKeyStores(b -> b.marker("m")), "InvalidMarkerException");
    }

    @Test
    void describeIdAndNameBoundaries() {
        assertThat(message(kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId("c".repeat(65))),
                "ValidationException")))
            .endsWith("at 'customKeyStoreId' failed to satisfy constraint: " + LENGTH_MAX + 64);
        assertThat(message(
                kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId("")), "ValidationException")))
            .endsWith(LENGTH_MIN + 1);
        kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId("c".repeat(64))),
                "CustomKeyStoreNotFoundException");
        kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreId("c")), "CustomKeyStoreNotFoundException");
        assertThat(message(kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreName("n".repeat(257))),
                "ValidationException")))
            .endsWith("at 'customKeyStoreName' failed to satisfy constraint: " + LENGTH_MAX + 256);
        kmsError(() -> kms.describeCustomKeyStores(b -> b.customKeyStoreName("n".repeat(256))),
                "CustomKeyStoreNotFoundException");
    }

    @Test
    void connectDisconnectAndDeleteNeedAWellFormedId() {
        String missing = "1 validation error detected: Value null at 'customKeyStoreId' failed to satisfy "
                + "constraint: Member must not be null";
        assertThat(message(kmsError(() -> kms.connectCustomKeyStore(b -> {
        }), "ValidationException"))).isEqualTo(missing);
        assertThat(message(kmsError(() -> kms.disconnectCustomKeyStore(b -> {
        }), "ValidationException"))).isEqualTo(missing);
        assertThat(message(kmsError(() -> kms.deleteCustomKeyStore(b -> {
        }), "ValidationException"))).isEqualTo(missing);
        assertThat(message(kmsError(() -> kms.connectCustomKeyStore(b -> b.customKeyStoreId("c".repeat(65))),
                "ValidationException")))
            .endsWith(LENGTH_MAX + 64);
        assertThat(message(
                kmsError(() -> kms.disconnectCustomKeyStore(b -> b.customKeyStoreId("")), "ValidationException")))
            .endsWith(LENGTH_MIN + 1);
        kmsError(() -> kms.deleteCustomKeyStore(b -> b.customKeyStoreId("c".repeat(64))),
                "CustomKeyStoreNotFoundException");
    }

    @Test
    void updateChecksEveryMemberWithItsOwnName() {
        String id = createCloudHsm("update-validation");
        assertThat(message(kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).newCustomKeyStoreName("n".repeat(257))),
                "ValidationException")))
            .contains("at 'newCustomKeyStoreName' failed to satisfy constraint: " + LENGTH_MAX + 256);
        assertThat(message(
                kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).keyStorePassword("S".repeat(33))),
                        "ValidationException")))
            .contains("Value at 'keyStorePassword'")
            .doesNotContain("S".repeat(33));
        assertThat(message(kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).cloudHsmClusterId("cluster-1a23b4cdefg")),
                "ValidationException")))
            .contains("at 'cloudHsmClusterId'");
        assertThat(message(
                kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriEndpoint("https://a:1")),
                        "ValidationException")))
            .contains("at 'xksProxyUriEndpoint'");
        assertThat(message(kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyUriPath("/x")),
                "ValidationException")))
            .contains("at 'xksProxyUriPath'");
        assertThat(message(kmsError(
                () -> kms
                    .updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceName("s".repeat(65))),
                "ValidationException")))
            .contains("at 'xksProxyVpcEndpointServiceName'");
        assertThat(message(kmsError(
                () -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyVpcEndpointServiceOwner("1")),
                "ValidationException")))
            .contains("at 'xksProxyVpcEndpointServiceOwner'");
        assertThat(message(kmsError(() -> kms.updateCustomKeyStore(
                b -> b.customKeyStoreId(id).xksProxyAuthenticationCredential(credential("lower", "s".repeat(43)))),
                "ValidationException")))
            .contains("Value at 'xksProxyAuthenticationCredential.accessKeyId'")
            .doesNotContain("lower");
        assertThat(message(
                kmsError(() -> kms.updateCustomKeyStore(b -> b.customKeyStoreId(id).xksProxyConnectivity("VPC")),
                        "ValidationException")))
            .contains("at 'xksProxyConnectivity' failed to satisfy constraint: Member must satisfy enum value set");
        assertThat(message(
                kmsError(() -> kms.updateCustomKeyStore(b -> b.newCustomKeyStoreName("x")), "ValidationException")))
            .contains("Value null at 'customKeyStoreId'");
    }

    private static void assertViolation(ThrowingCallable call, Case test) {
        KmsException error = catchThrowableOfType(KmsException.class, call);
        if (test.expected() == null) {
            if (error != null) {
                assertThat(error.awsErrorDetails().errorCode()).as(test.label() + ": " + message(error))
                    .isNotEqualTo("ValidationException");
            }
            return;
        }
        assertThat(error).as(test.label()).isNotNull();
        assertThat(error.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
        assertThat(error.statusCode()).isEqualTo(400);
        String subject = test.sensitive() ? "Value at '" + test.member() + "'"
                : "Value '" + test.value() + "' at '" + test.member() + "'";
        assertThat(message(error))
            .isEqualTo("1 validation error detected: " + subject + " failed to satisfy constraint: " + test.expected());
        if (test.sensitive()) {
            assertThat(message(error)).doesNotContain(test.value());
        }
    }

    private static Case hsm(String label, String member, String value,
            Consumer<CreateCustomKeyStoreRequest.Builder> change, String expected) {
        return new Case(label, false, member, value, false, change, expected);
    }

    private static Case xks(String label, String member, String value,
            Consumer<CreateCustomKeyStoreRequest.Builder> change, String expected) {
        return new Case(label, true, member, value, false, change, expected);
    }

    private static Case secret(boolean externalKeyStore, String label, String member,
            Consumer<CreateCustomKeyStoreRequest.Builder> change, String expected, String sent) {
        return new Case(label, externalKeyStore, member, sent, true, change, expected);
    }

    private static Consumer<CreateCustomKeyStoreRequest.Builder> withAccessKey(String accessKeyId) {
        return b -> b.xksProxyAuthenticationCredential(credential(accessKeyId, TENANT_B.rawSecretAccessKey()));
    }

    private static Consumer<CreateCustomKeyStoreRequest.Builder> withSecret(String secret) {
        return b -> b.xksProxyAuthenticationCredential(credential(TENANT_B.accessKeyId(), secret));
    }

    private static String cluster(int letters) {
        return "cluster-" + "a".repeat(letters);
    }

    private static String endpoint(int length) {
        return "https://" + "e".repeat(length - "https://".length());
    }

    private static String path(int length) {
        return "/" + "p".repeat(length - "/kms/xks/v1".length() - 1) + "/kms/xks/v1";
    }

    private static String service(int length) {
        String prefix = "com.amazonaws.vpce.us-east-1.vpce-svc-";
        return prefix + "0".repeat(length - prefix.length());
    }

}
