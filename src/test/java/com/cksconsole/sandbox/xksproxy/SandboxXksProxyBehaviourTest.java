package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;

import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksHealthReport;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The console's real XKS client against the built-in proxy, through the default host
 * table: every seeded behaviour, the extra behaviours, and every way to get
 * authentication or the path wrong.
 */
@SandboxXksProxyTest
class SandboxXksProxyBehaviourTest {

    static final String PUBLIC = "https://xks-public.sandbox.example.com";
    static final String PRIVATE = "https://xks-private.sandbox.example.com";
    static final String LAB = "https://xks-lab.sandbox.example.com";
    static final XksProxyCredential TENANT_A = new XksProxyCredential("SANDBOXTENANTAKEYID234",
            "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I=");
    static final XksProxyCredential PRIVATE_KEY = new XksProxyCredential("SANDBOXPRIVATEKEYID234",
            "bkxpr9IULpS3jrozWj+U+JWjlOlKWWt8sf+7wovtFtQ=");
    static final XksProxyCredential TENANT_B = new XksProxyCredential("SANDBOXTENANTBKEYID234",
            "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=");
    static final XksProxyCredential LAB_KEY = new XksProxyCredential("SANDBOXLABKEYIDZZ23456",
            "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=");

    @Autowired
    XksProxyClient client;

    @Autowired
    SandboxProxyBehaviours behaviours;

    @ParameterizedTest(name = "{0}{1} is healthy")
    @MethodSource("healthyRegistrations")
    void seededHealthyRegistrationAnswersEveryEkmActive(String endpoint, String uriPath,
            XksProxyCredential credential) {
        XksHealthCheckResult result = call(endpoint, uriPath, credential);

        assertThat(result).isInstanceOfSatisfying(XksHealthCheckResult.Healthy.class, healthy -> {
            assertThat(healthy.report().xksProxyFleetSize()).isPositive();
            assertThat(healthy.report().ekmFleetDetails()).extracting(XksHealthReport.EkmFleetMember::healthStatus)
                .containsOnly("ACTIVE");
        });
    }

    static Stream<Arguments> healthyRegistrations() {
        return Stream.of(Arguments.of(PUBLIC, "/tenant-a/kms/xks/v1", TENANT_A),
                Arguments.of(PRIVATE, "/kms/xks/v1", PRIVATE_KEY),
                Arguments.of(PUBLIC, "/tenant-b/kms/xks/v1", TENANT_B),
                Arguments.of(LAB, "/tenant-b/kms/xks/v1", TENANT_B));
    }

    @Test
    void degradedRegistrationHasOneDegradedEkmAndStillCountsAsHealthy() {
        XksHealthCheckResult result = call(LAB, "/degraded/kms/xks/v1", LAB_KEY);

        assertThat(result).isInstanceOfSatisfying(XksHealthCheckResult.Healthy.class,
                healthy -> assertThat(healthy.report().ekmFleetDetails())
                    .extracting(XksHealthReport.EkmFleetMember::healthStatus)
                    .containsExactlyInAnyOrder("DEGRADED", "ACTIVE"));
    }

    @Test
    void oneEkmLeftSetAtRunTimeLeavesOneActiveEkmOfSeveralUntilCleared() {
        // The seeded schedule of /tenant-dr starts healthy (and the test clock stands
        // still).
        assertThat(call(PUBLIC, "/tenant-dr/kms/xks/v1", TENANT_B)).isInstanceOf(XksHealthCheckResult.Healthy.class);
        behaviours.set("/tenant-dr", ProxyBehaviour.ONE_EKM_LEFT);
        try {
            XksHealthCheckResult result = call(PUBLIC, "/tenant-dr/kms/xks/v1", TENANT_B);

            assertThat(result).isInstanceOfSatisfying(XksHealthCheckResult.Healthy.class,
                    healthy -> assertThat(healthy.report().ekmFleetDetails())
                        .extracting(XksHealthReport.EkmFleetMember::healthStatus)
                        .hasSizeGreaterThanOrEqualTo(2)
                        .containsOnlyOnce("ACTIVE")
                        .containsOnly("ACTIVE", "UNAVAILABLE"));
        }
        finally {
            behaviours.clear("/tenant-dr");
        }
        assertThat(call(PUBLIC, "/tenant-dr/kms/xks/v1", TENANT_B)).isInstanceOfSatisfying(
                XksHealthCheckResult.Healthy.class,
                healthy -> assertThat(healthy.report().ekmFleetDetails())
                    .extracting(XksHealthReport.EkmFleetMember::healthStatus)
                    .containsOnly("ACTIVE"));
    }

    @Test
    void unavailableRegistrationFailsWithEveryEkmUnavailable() {
        var failed = failed(call(LAB, "/unavailable/kms/xks/v1", LAB_KEY),
                XksFailureKind.ALL_EXTERNAL_KEY_MANAGERS_UNAVAILABLE, 200, null);

        assertThat(failed.report()).isNotNull();
        assertThat(failed.report().ekmFleetDetails()).isNotEmpty()
            .extracting(XksHealthReport.EkmFleetMember::healthStatus)
            .containsOnly("UNAVAILABLE");
    }

    @Test
    void slowRegistrationAnswersAfterTheBudgetSoTheCallTimesOut() {
        var failed = failed(call(LAB, "/slow/kms/xks/v1", LAB_KEY), XksFailureKind.TIMED_OUT, null, null);

        assertThat(failed.latency()).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("failingRegistrations")
    void failingRegistrationMapsToItsKind(String prefix, XksFailureKind kind, int status, @Nullable String errorName) {
        failed(call(LAB, prefix + "/kms/xks/v1", LAB_KEY), kind, status, errorName);
    }

    static Stream<Arguments> failingRegistrations() {
        return Stream.of(
                // Seeded (application.yml)
                Arguments.of("/reject-path", XksFailureKind.INVALID_URI_PATH, 404, "InvalidUriPathException"),
                Arguments.of("/internal-error", XksFailureKind.INTERNAL_ERROR, 500, "InternalException"),
                Arguments.of("/throttled", XksFailureKind.THROTTLED, 429, "ThrottlingException"),
                Arguments.of("/malformed", XksFailureKind.INVALID_RESPONSE, 200, null),
                // Added by the test profile
                Arguments.of("/access-denied", XksFailureKind.ACCESS_DENIED, 403, "AccessDeniedException"),
                Arguments.of("/validation-error", XksFailureKind.VALIDATION_ERROR, 400, "ValidationException"),
                Arguments.of("/invalid-state", XksFailureKind.INVALID_RESPONSE, 400, "InvalidStateException"),
                Arguments.of("/unsupported-operation", XksFailureKind.INVALID_RESPONSE, 501,
                        "UnsupportedOperationException"),
                Arguments.of("/dependency-timeout", XksFailureKind.DEPENDENCY_TIMEOUT, 503,
                        "DependencyTimeoutException"),
                Arguments.of("/error-without-json", XksFailureKind.INVALID_RESPONSE, 502, null));
    }

    @Test
    void unknownAccessKeyIdFailsAuthentication() {
        var stranger = new XksProxyCredential("SANDBOXUNKNOWNKEYID234", TENANT_A.rawSecretAccessKey());

        failed(call(PUBLIC, "/tenant-a/kms/xks/v1", stranger), XksFailureKind.AUTHENTICATION_FAILED, 401,
                "AuthenticationFailedException");
    }

    @Test
    void wrongSecretFailsAuthentication() {
        var wrongSecret = new XksProxyCredential(TENANT_A.accessKeyId(),
                "V3JvbmdTZWNyZXRGb3JUZW5hbnRBV3JvbmdTZWNyZXQ=");

        failed(call(PUBLIC, "/tenant-a/kms/xks/v1", wrongSecret), XksFailureKind.AUTHENTICATION_FAILED, 401,
                "AuthenticationFailedException");
    }

    @Test
    void credentialOfAnotherPrefixFailsAuthentication() {
        failed(call(PUBLIC, "/tenant-b/kms/xks/v1", TENANT_A), XksFailureKind.AUTHENTICATION_FAILED, 401,
                "AuthenticationFailedException");
    }

    @Test
    void bothCredentialsOfARotatingPrefixAreAccepted() {
        var oldKey = new XksProxyCredential("SANDBOXROTATEOLDKEY234",
                "b2xkLXJvdGF0aW9uLXNlY3JldC1mb3ItdGVzdHMtb25seQ==");
        var newKey = new XksProxyCredential("SANDBOXROTATENEWKEY234",
                "bmV3LXJvdGF0aW9uLXNlY3JldC1mb3ItdGVzdHMtb25seQ==");

        assertThat(call(LAB, "/rotating/keys/kms/xks/v1", oldKey)).isInstanceOf(XksHealthCheckResult.Healthy.class);
        assertThat(call(LAB, "/rotating/keys/kms/xks/v1", newKey)).isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    @Test
    void unknownPrefixIsAnInvalidUriPath() {
        failed(call(PUBLIC, "/tenant-z/kms/xks/v1", TENANT_A), XksFailureKind.INVALID_URI_PATH, 404,
                "InvalidUriPathException");
    }

    @Test
    void otherApiVersionIsAnInvalidUriPath() {
        failed(call(PUBLIC, "/tenant-a/kms/xks/v2", TENANT_A), XksFailureKind.INVALID_URI_PATH, 404,
                "InvalidUriPathException");
    }

    @Test
    void requestSignedForAnyRegionIsAccepted() {
        var request = new XksHealthCheckRequest(URI.create(PUBLIC), "/tenant-a/kms/xks/v1", TENANT_A, "ap-southeast-2",
                "KmsHealthCheck", "c0ffee00-0000-4000-8000-000000000001");

        assertThat(client.getHealthStatus(request)).isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

    @Test
    void hostOutsideTheTableIsUnreachable() {
        failed(call("https://xks-elsewhere.sandbox.example.com", "/tenant-a/kms/xks/v1", TENANT_A),
                XksFailureKind.UNREACHABLE, null, null);
    }

    private XksHealthCheckResult call(String endpoint, String uriPath, XksProxyCredential credential) {
        return client.getHealthStatus(new XksHealthCheckRequest(URI.create(endpoint), uriPath, credential, "us-east-1",
                "ConnectCustomKeyStore", "4112f4d6-db54-4af4-ae30-c55a22a8dfae"));
    }

    private static XksHealthCheckResult.Failed failed(XksHealthCheckResult result, XksFailureKind kind,
            @Nullable Integer status, @Nullable String errorName) {
        assertThat(result).isInstanceOf(XksHealthCheckResult.Failed.class);
        var failed = (XksHealthCheckResult.Failed) result;
        assertThat(failed.kind()).isEqualTo(kind);
        assertThat(failed.httpStatus()).isEqualTo(status);
        assertThat(failed.proxyErrorName()).isEqualTo(errorName);
        return failed;
    }

}
