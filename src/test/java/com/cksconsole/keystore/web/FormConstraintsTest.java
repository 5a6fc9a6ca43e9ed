package com.cksconsole.keystore.web;

import static com.cksconsole.kms.KmsConstraints.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import jakarta.validation.ValidatorFactory;

/**
 * Boundary tests of every KMS constraint on the edit forms (min-1, min, max, max+1,
 * pattern hit and miss, enum), with the numbers taken from
 * {@link com.cksconsole.kms.KmsConstraints}, the one definition.
 */
class FormConstraintsTest {

    private static ValidatorFactory factory;

    private static Validator validator;

    @BeforeAll
    static void createValidator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

    /**
     * A form field with its KMS length limits and a generator of a value of a given
     * length.
     */
    record Limits(String property, int min, int max, IntFunction<Object> formWithValueOfLength) {
        @Override
        public String toString() {
            return property + " " + min + ".." + max;
        }
    }

    static Stream<Limits> lengthLimits() {
        return Stream.of(
                new Limits("newCustomKeyStoreName", CUSTOM_KEY_STORE_NAME_MIN, CUSTOM_KEY_STORE_NAME_MAX,
                        n -> hsm("n".repeat(n), null, null)),
                new Limits("keyStorePassword", KEY_STORE_PASSWORD_MIN, KEY_STORE_PASSWORD_MAX,
                        n -> hsm(null, "p".repeat(n), null)),
                new Limits("cloudHsmClusterId", CLOUDHSM_CLUSTER_ID_MIN, CLOUDHSM_CLUSTER_ID_MAX,
                        n -> hsm(null, null, "cluster-" + "a".repeat(Math.max(0, n - 8)))),
                new Limits("newCustomKeyStoreName", CUSTOM_KEY_STORE_NAME_MIN, CUSTOM_KEY_STORE_NAME_MAX,
                        n -> xks("n".repeat(n), null, null, null, null, null, null, null)),
                new Limits("xksProxyUriEndpoint", XKS_PROXY_URI_ENDPOINT_MIN, XKS_PROXY_URI_ENDPOINT_MAX,
                        n -> xks(null, "https://" + "a".repeat(Math.max(0, n - 8)), null, null, null, null, null,
                                null)),
                new Limits("xksProxyUriPath", XKS_PROXY_URI_PATH_MIN, XKS_PROXY_URI_PATH_MAX,
                        n -> xks(null, null, path(n), null, null, null, null, null)),
                new Limits("xksProxyVpcEndpointServiceName", XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MIN,
                        XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX,
                        n -> xks(null, null, null, null, serviceName(n), null, null, null)),
                new Limits("xksProxyVpcEndpointServiceOwner", ACCOUNT_ID_MIN, ACCOUNT_ID_MAX,
                        n -> xks(null, null, null, null, null, "1".repeat(n), null, null)),
                new Limits("xksProxyAuthenticationCredential.accessKeyId", XKS_ACCESS_KEY_ID_MIN, XKS_ACCESS_KEY_ID_MAX,
                        n -> xks(null, null, null, null, null, null, "A".repeat(n), null)),
                new Limits("xksProxyAuthenticationCredential.rawSecretAccessKey", XKS_RAW_SECRET_ACCESS_KEY_MIN,
                        XKS_RAW_SECRET_ACCESS_KEY_MAX,
                        n -> xks(null, null, null, null, null, null, null, "a".repeat(n))),
                new Limits("reason", 0, ReviewForm.REASON_MAX, n -> new ReviewForm(null, "r".repeat(n))));
    }

    @ParameterizedTest(name = "{0}: min-1 is refused")
    @MethodSource("lengthLimits")
    void oneBelowTheMinimumIsRefused(Limits limits) {
        if (limits.min() == 0) {
            return; // no minimum: nothing below it
        }
        assertThat(violations(limits.formWithValueOfLength().apply(limits.min() - 1), limits.property(), Size.class))
            .hasSize(1);
    }

    @ParameterizedTest(name = "{0}: min passes the length check")
    @MethodSource("lengthLimits")
    void theMinimumPassesTheLengthCheck(Limits limits) {
        assertThat(violations(limits.formWithValueOfLength().apply(limits.min()), limits.property(), Size.class))
            .isEmpty();
    }

    @ParameterizedTest(name = "{0}: max passes the length check")
    @MethodSource("lengthLimits")
    void theMaximumPassesTheLengthCheck(Limits limits) {
        assertThat(violations(limits.formWithValueOfLength().apply(limits.max()), limits.property(), Size.class))
            .isEmpty();
    }

    @ParameterizedTest(name = "{0}: max+1 is refused")
    @MethodSource("lengthLimits")
    void oneAboveTheMaximumIsRefused(Limits limits) {
        assertThat(violations(limits.formWithValueOfLength().apply(limits.max() + 1), limits.property(), Size.class))
            .singleElement()
            .extracting(ConstraintViolation::getMessage)
            .asString()
            .doesNotContain("{")
            .contains(String.valueOf(limits.max()));
    }

    @Test
    void theLongestValuesThatMatchTheirPatternAreAcceptedWhole() {
        var form = xks("n".repeat(CUSTOM_KEY_STORE_NAME_MAX), "https://" + "a".repeat(XKS_PROXY_URI_ENDPOINT_MAX - 8),
                path(XKS_PROXY_URI_PATH_MAX), null, serviceName(XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME_MAX),
                "1".repeat(ACCOUNT_ID_MAX), "A".repeat(XKS_ACCESS_KEY_ID_MAX),
                "a".repeat(XKS_RAW_SECRET_ACCESS_KEY_MAX));
        assertThat(validator.validate(form)).isEmpty();
        assertThat(validator.validate(hsm("n".repeat(CUSTOM_KEY_STORE_NAME_MAX), "p".repeat(KEY_STORE_PASSWORD_MAX),
                "cluster-" + "a".repeat(16))))
            .isEmpty();
    }

    /**
     * A form field with its KMS pattern and a value that matches and one that does not.
     */
    record PatternCase(String property, String value, boolean matches, Object form) {
        @Override
        public String toString() {
            return property + " '" + value + "' " + (matches ? "matches" : "does not match");
        }
    }

    static Stream<PatternCase> patterns() {
        return Stream.of(cluster("cluster-jxhlf7644ne", true), cluster("cluster-ABCDEFGHIJKLMNOP", true),
                cluster("cluster-1a23b4cdefg", false), // the AWS docs' example: 1 is
                                                       // outside [2-7a-zA-Z]
                cluster("cluster_jxhlf7644ne", false), endpoint("https://myproxy.xks.example.com", true),
                endpoint("https://xks-public.sandbox.example.com", true),
                endpoint("https://xks.example.com:6443", false), // a port
                endpoint("https://xks.example.com/", false), // a trailing slash
                endpoint("https://xks.example.com/kms", false), // a path
                endpoint("http://xks.example.com", false), path("/kms/xks/v1", true),
                path("/tenant-a/kms/xks/v1", true), path("/a/b_c-d/kms/xks/v99", true), path("/kms/xks/v100", false),
                path("/tenant a/kms/xks/v1", false), path("/tenant-a/kms/xks/v1/", false),
                path("tenant-a/kms/xks/v1", false),
                service("com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718", true),
                service("eu.amazonaws.vpce.eu-central-1.vpce-svc-0a1b2c3d4e5f60718", true),
                service("com.amazonaws.vpce.us-gov-west-1.vpce-svc-0a1b2c3d4e5f60718", true),
                service("org.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718", false),
                service("com.amazonaws.vpce.us-east-1.vpce-svc-0A1B2C3D4E5F60718", false), owner("111122223333", true),
                owner("11112222333a", false), accessKeyId("AKIAI2SFODNN7EXAMPLE", true),
                accessKeyId("SANDBOXTENANTAKEYID234", true), accessKeyId("ABCDE12345670EXAMPLE", false), // the
                                                                                                         // AWS
                                                                                                         // docs'
                                                                                                         // example:
                                                                                                         // 0
                                                                                                         // and
                                                                                                         // 1
                                                                                                         // are
                                                                                                         // outside
                                                                                                         // [A-Z2-7]
                accessKeyId("sandboxtenantakeyid234", false),
                secret("Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=", true),
                secret("Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I-", false),
                secret("Mc+9e8GY4mMCd8Eb4mzlEyJH DMYrHfUQLAb0ZMFv2I=", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("patterns")
    void patternsAreTheKmsOnes(PatternCase pattern) {
        var found = violations(pattern.form(), pattern.property(), Pattern.class);
        if (pattern.matches()) {
            assertThat(found).isEmpty();
        }
        else {
            assertThat(found).singleElement()
                .extracting(ConstraintViolation::getMessage)
                .asString()
                .doesNotContain("^")
                .doesNotContain("[");
        }
    }

    @Test
    void theEndpointPatternMessageIsAnOperatorSentence() {
        var found = violations(xks(null, "https://xks.example.com:6443", null, null, null, null, null, null),
                "xksProxyUriEndpoint", Pattern.class);
        assertThat(found).singleElement()
            .extracting(ConstraintViolation::getMessage)
            .isEqualTo(
                    "The endpoint must start with https:// and contain only a host name: no port, path or trailing slash.");
    }

    @ParameterizedTest(name = "connectivity {0} accepted")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "PUBLIC_ENDPOINT", "VPC_ENDPOINT_SERVICE" })
    void bothConnectivityValuesAreAccepted(String value) {
        assertThat(violations(xks(null, null, null, value, null, null, null, null), "xksProxyConnectivity",
                EnumValue.class))
            .isEmpty();
    }

    @ParameterizedTest(name = "connectivity {0} refused")
    @org.junit.jupiter.params.provider.ValueSource(strings = { "WRONG", "public_endpoint", "PUBLIC_ENDPOINT ", "" })
    void otherConnectivityValuesAreRefused(String value) {
        assertThat(violations(xks(null, null, null, value, null, null, null, null), "xksProxyConnectivity",
                EnumValue.class))
            .singleElement()
            .extracting(ConstraintViolation::getMessage)
            .isEqualTo("Choose either a public endpoint or a VPC endpoint service.");
    }

    @Test
    void emptyFormsAreValidBecauseEmptyMeansUnchanged() {
        assertThat(validator.validate(hsm(null, null, null))).isEmpty();
        assertThat(validator.validate(xks(null, null, null, null, null, null, null, null))).isEmpty();
    }

    private static Set<ConstraintViolation<Object>> violations(Object form, String property,
            Class<? extends Annotation> constraint) {
        return validator.validate(form)
            .stream()
            .filter(v -> v.getPropertyPath().toString().equals(property))
            .filter(v -> v.getConstraintDescriptor().getAnnotation().annotationType() == constraint)
            .collect(java.util.stream.Collectors.toSet());
    }

    private static CloudHsmUpdateForm hsm(String name, String password, String clusterId) {
        return new CloudHsmUpdateForm(name, password, clusterId, "fingerprint");
    }

    private static XksUpdateForm xks(String name, String endpoint, String path, String connectivity, String serviceName,
            String owner, String accessKeyId, String secret) {
        return new XksUpdateForm(name, endpoint, path, connectivity, serviceName, owner,
                new XksCredentialForm(accessKeyId, secret), "fingerprint");
    }

    /**
     * A path of the given length; from 13 characters on it also matches the path pattern.
     */
    private static String path(int length) {
        String suffix = "/kms/xks/v1";
        if (length < suffix.length() + 2) {
            return "/kms/xks/v1/".substring(0, Math.min(length, 12)) + "x".repeat(Math.max(0, length - 12));
        }
        return "/" + "a".repeat(length - suffix.length() - 1) + suffix;
    }

    /**
     * A service name of the given length; from 39 characters on it also matches the
     * pattern.
     */
    private static String serviceName(int length) {
        String prefix = "com.amazonaws.vpce.us-east-1.vpce-svc-";
        return length > prefix.length() ? prefix + "a".repeat(length - prefix.length()) : "x".repeat(length);
    }

    private static PatternCase cluster(String value, boolean matches) {
        return new PatternCase("cloudHsmClusterId", value, matches, hsm(null, null, value));
    }

    private static PatternCase endpoint(String value, boolean matches) {
        return new PatternCase("xksProxyUriEndpoint", value, matches,
                xks(null, value, null, null, null, null, null, null));
    }

    private static PatternCase path(String value, boolean matches) {
        return new PatternCase("xksProxyUriPath", value, matches, xks(null, null, value, null, null, null, null, null));
    }

    private static PatternCase service(String value, boolean matches) {
        return new PatternCase("xksProxyVpcEndpointServiceName", value, matches,
                xks(null, null, null, null, value, null, null, null));
    }

    private static PatternCase owner(String value, boolean matches) {
        return new PatternCase("xksProxyVpcEndpointServiceOwner", value, matches,
                xks(null, null, null, null, null, value, null, null));
    }

    private static PatternCase accessKeyId(String value, boolean matches) {
        return new PatternCase("xksProxyAuthenticationCredential.accessKeyId", value, matches,
                xks(null, null, null, null, null, null, value, null));
    }

    private static PatternCase secret(String value, boolean matches) {
        return new PatternCase("xksProxyAuthenticationCredential.rawSecretAccessKey", value, matches,
                xks(null, null, null, null, null, null, null, value));
    }

}
