package com.cksconsole.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared KMS constraint definitions, checked at their boundaries and against the
 * examples of the KMS API Reference.
 */
class KmsFieldTest {

    /**
     * A value of the given length that satisfies the field's pattern, for the length
     * boundaries.
     */
    private static String valid(KmsField field, int length) {
        return switch (field) {
            case CLOUDHSM_CLUSTER_ID -> "cluster-" + "a".repeat(length - 8);
            case XKS_PROXY_URI_ENDPOINT -> "https://" + "a".repeat(length - 8);
            case XKS_PROXY_URI_PATH -> length == 11 ? "/kms/xks/v1" : "/" + "a".repeat(length - 12) + "/kms/xks/v1";
            case XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME -> {
                String prefix = "com.amazonaws.vpce.us-east-1.vpce-svc-";
                yield prefix + "0".repeat(Math.max(0, length - prefix.length()));
            }
            case XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER -> "1".repeat(length);
            case XKS_ACCESS_KEY_ID -> "A".repeat(length);
            default -> "a".repeat(length);
        };
    }

    @ParameterizedTest
    @EnumSource(value = KmsField.class, names = { "XKS_PROXY_URI_PATH", "XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME" },
            mode = EnumSource.Mode.EXCLUDE)
    void refusesOneBelowTheMinimumLength(KmsField field) {
        if (field.min() > 1) {
            assertThat(field.violation(valid(field, field.min() - 1)))
                .contains("Member must have length greater than or equal to " + field.min());
        }
        else {
            assertThat(field.violation("")).contains("Member must have length greater than or equal to 1");
        }
    }

    @ParameterizedTest
    @EnumSource(value = KmsField.class, names = { "XKS_PROXY_URI_PATH", "XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME" },
            mode = EnumSource.Mode.EXCLUDE)
    void acceptsTheMinimumAndMaximumLength(KmsField field) {
        assertThat(field.violation(valid(field, field.min()))).isEmpty();
        assertThat(field.violation(valid(field, field.max()))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KmsField.class)
    void refusesOneAboveTheMaximumLength(KmsField field) {
        assertThat(field.violation(valid(field, field.max() + 1)))
            .contains("Member must have length less than or equal to " + field.max());
    }

    static Stream<Arguments> patternCases() {
        return Stream.of(Arguments.of(KmsField.CLOUDHSM_CLUSTER_ID, "cluster-jxhlf7644ne", true),
                Arguments.of(KmsField.CLOUDHSM_CLUSTER_ID, "cluster-1a23b4cdefg", false),
                Arguments.of(KmsField.XKS_PROXY_URI_ENDPOINT, "https://myproxy.xks.example.com", true),
                Arguments.of(KmsField.XKS_PROXY_URI_ENDPOINT, "https://xks.example.com:6443", false),
                Arguments.of(KmsField.XKS_PROXY_URI_ENDPOINT, "http://xks.example.com", false),
                Arguments.of(KmsField.XKS_PROXY_URI_ENDPOINT, "https://xks.example.com/", false),
                Arguments.of(KmsField.XKS_PROXY_URI_PATH, "/kms/xks/v1", true),
                Arguments.of(KmsField.XKS_PROXY_URI_PATH, "/tenant-a/kms/xks/v1", true),
                Arguments.of(KmsField.XKS_PROXY_URI_PATH, "/keystores/kms/xks/v1/", false),
                Arguments.of(KmsField.XKS_PROXY_URI_PATH, "/kms/xks/v123", false),
                Arguments.of(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
                        "com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718", true),
                Arguments.of(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
                        "eu.amazonaws.vpce.us-gov-west-1.vpce-svc-0a1b2c3d4e5f6071", true),
                Arguments.of(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_NAME,
                        "org.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f60718", false),
                Arguments.of(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, "111122223333", true),
                Arguments.of(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER, "11112222333a", false),
                Arguments.of(KmsField.XKS_ACCESS_KEY_ID, "AKIAI2SFODNN7EXAMPLE", true),
                Arguments.of(KmsField.XKS_ACCESS_KEY_ID, "ABCDE12345670EXAMPLE", false),
                Arguments.of(KmsField.XKS_RAW_SECRET_ACCESS_KEY, "d9QTdb+yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs", true),
                Arguments.of(KmsField.XKS_RAW_SECRET_ACCESS_KEY, "d9QTdb-yi54cbjlWgXHHt0YnG5ha4BGbVXXfZy9iTVs", false),
                Arguments.of(KmsField.MARKER, "abc ~\u00ff", true), Arguments.of(KmsField.MARKER, "abc\u0100", false));
    }

    @ParameterizedTest
    @MethodSource("patternCases")
    void appliesThePatternWithFullMatchSemantics(KmsField field, String value, boolean accepted) {
        if (accepted) {
            assertThat(field.violation(value)).isEmpty();
        }
        else {
            assertThat(field.violation(value)).hasValueSatisfying(
                    message -> assertThat(message).startsWith("Member must satisfy regular expression pattern: "));
        }
    }

    /**
     * A field's pattern is the KMS pattern from {@link KmsConstraints}; a field KMS gives
     * no pattern has none.
     */
    @Test
    void exposesThePatternKmsDefinesAndNoneWhereKmsHasNone() {
        assertThat(KmsField.XKS_PROXY_VPC_ENDPOINT_SERVICE_OWNER.pattern()).hasValue(KmsConstraints.ACCOUNT_ID_PATTERN);
        assertThat(KmsField.MARKER.pattern()).hasValue(KmsConstraints.MARKER_PATTERN);
        assertThat(KmsField.CUSTOM_KEY_STORE_NAME.pattern()).isEmpty();
    }

    /**
     * The members the KMS model marks sensitive, and only those, are never echoed: the
     * CloudHSM key store password and both halves of the XKS proxy authentication
     * credential (KMS API Reference, CreateCustomKeyStore and
     * XksProxyAuthenticationCredentialType).
     */
    @Test
    void exactlyThePasswordAndTheProxyCredentialAreSensitive() {
        assertThat(Stream.of(KmsField.values()).filter(KmsField::sensitive)).containsExactlyInAnyOrder(
                KmsField.KEY_STORE_PASSWORD, KmsField.XKS_ACCESS_KEY_ID, KmsField.XKS_RAW_SECRET_ACCESS_KEY);
    }

}
