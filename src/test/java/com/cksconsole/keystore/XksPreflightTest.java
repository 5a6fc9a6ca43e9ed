package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.cksconsole.kms.ConnectionState;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.support.MutableClock;
import com.cksconsole.xks.HealthOnlyXksProxyClient;
import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksHealthReport;

/**
 * Which changes the XKS pre-flight check covers, what it sends, and what it makes of the
 * answers.
 */
class XksPreflightTest {

    static final String NEW_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";
    static final XksHealthReport REPORT = new XksHealthReport(2, "Vendor", "Proxy 2.1", "EKM vendor",
            List.of(new XksHealthReport.EkmFleetMember("ekm-1", "HSM 9", "ACTIVE")));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final List<XksHealthCheckRequest> calls = new ArrayList<>();

    private XksHealthCheckResult answer = new XksHealthCheckResult.Healthy(REPORT, Duration.ofMillis(42));

    private final XksPreflight preflight = XksPreflights.preflight(HealthOnlyXksProxyClient.answering(request -> {
        calls.add(request);
        return answer;
    }), clock);

    private final CustomKeyStore store = TestKeyStores.xksPublic(ConnectionState.CONNECTED);

    @Test
    void changesThatKeepTheProxyLocationAndCredentialNeedNoCheck() {
        assertThat(
                preflight.target(store, XksChange.between(store, "renamed", null, null, null, null, null, null, null)))
            .isEmpty();
        assertThat(preflight.target(TestKeyStores.cloudHsm(ConnectionState.CONNECTED),
                new CloudHsmChange(null, Secret.of("Password1"), null)))
            .isEmpty();
    }

    @Test
    void aPathChangeIsCheckedAtTheCurrentEndpointWithTheCurrentAccessKeyId() {
        var target = preflight
            .target(store, XksChange.between(store, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null))
            .orElseThrow();
        assertThat(target).isEqualTo(new PreflightTarget("https://xks-public.sandbox.example.com",
                "/tenant-b/kms/xks/v1", XksConnectivity.PUBLIC_ENDPOINT, "SANDBOXTENANTAKEYID234", false));
    }

    @Test
    void aNewCredentialIsCheckedAtOnceAsKmsWouldSignItButAsAHealthCheck() {
        var change = XksChange.between(store, null, "https://xks-lab.sandbox.example.com", null, null, null, null,
                "SANDBOXTENANTBKEYID234", NEW_SECRET);

        var result = preflight.check(store, change, null);

        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.uriEndpoint()).hasToString("https://xks-lab.sandbox.example.com");
            assertThat(call.uriPath()).isEqualTo("/tenant-a/kms/xks/v1");
            assertThat(call.credential().accessKeyId()).isEqualTo("SANDBOXTENANTBKEYID234");
            assertThat(call.credential().rawSecretAccessKey()).isEqualTo(NEW_SECRET);
            assertThat(call.kmsOperation()).isEqualTo("KmsHealthCheck");
            assertThat(call.region()).isEqualTo("us-east-1");
            assertThat(call.kmsRequestId()).isEqualTo(result.kmsRequestId());
        });
        assertThat(result.passed()).isTrue();
        assertThat(result.latencyMillis()).isEqualTo(42);
        assertThat(result.budgetMillis()).isEqualTo(250);
        assertThat(result.report()).isEqualTo(REPORT);
        assertThat(result.checkedAt()).isEqualTo(clock.instant());
        assertThat(result.summary()).isEqualTo("The proxy answered healthy in 42 ms (KMS allows 250 ms).");
        assertThat(result.toString()).doesNotContain(NEW_SECRET);
    }

    @Test
    void anUnchangedCredentialWithoutTheCurrentSecretIsNotCheckedAndSaysWhy() {
        var change = XksChange.between(store, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null);
        var result = preflight.check(store, change, null);
        assertThat(calls).isEmpty();
        assertThat(result.status()).isEqualTo(PreflightResult.Status.NOT_RUN);
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).contains("KMS never returns the secret access key");
    }

    @Test
    void theCurrentSecretSignsTheCheckOfAnUnchangedCredential() {
        var change = XksChange.between(store, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null);
        preflight.check(store, change, Secret.of(NEW_SECRET));
        assertThat(calls).singleElement().satisfies(call -> {
            assertThat(call.credential().accessKeyId()).isEqualTo("SANDBOXTENANTAKEYID234");
            assertThat(call.credential().rawSecretAccessKey()).isEqualTo(NEW_SECRET);
        });
    }

    @Test
    void aFailureSaysWhatKmsWouldAnswer() {
        answer = new XksHealthCheckResult.Failed(XksFailureKind.INVALID_URI_PATH, 404, "InvalidUriPathException", null,
                Duration.ofMillis(3));
        var result = preflight.check(store, XksChange.between(store, null, null, "/nope/kms/xks/v1", null, null, null,
                "SANDBOXTENANTAKEYID234", NEW_SECRET), null);
        assertThat(result.status()).isEqualTo(PreflightResult.Status.FAILED);
        assertThat(result.summary())
            .isEqualTo("The proxy does not know the path /nope/kms/xks/v1 (HTTP 404, " + "InvalidUriPathException).");
        assertThat(result.kmsConsequence()).isEqualTo("KMS would refuse these values with "
                + "XksProxyInvalidConfigurationException, and a connection attempt would end FAILED with "
                + "XKS_PROXY_INVALID_CONFIGURATION.");
        assertThat(result.caveat()).as("a public endpoint has no excuse").isNull();
    }

    @Test
    void anUnreachableVpcEndpointServiceProxyMayJustBeOutOfTheConsolesReach() {
        answer = new XksHealthCheckResult.Failed(XksFailureKind.UNREACHABLE, null, null, null, Duration.ZERO);
        var vpc = TestKeyStores.xksVpc(ConnectionState.DISCONNECTED);
        var result = preflight.check(vpc,
                XksChange.between(vpc, null, null, null, null, null, null, "SANDBOXPRIVATEKEYID234", NEW_SECRET), null);
        assertThat(result.caveat()).contains("VPC endpoint service").contains("may not reach");
    }

    @Test
    void anEndpointTheClientCannotCallFailsAsUnreachable() {
        var result = XksPreflights.preflight(HealthOnlyXksProxyClient.answering(request -> {
            throw new IllegalArgumentException("not https://host");
        }), clock)
            .check(store, XksChange.between(store, null, null, "/tenant-b/kms/xks/v1", null, null, null,
                    "SANDBOXTENANTAKEYID234", NEW_SECRET), null);
        assertThat(result.failure()).isEqualTo(XksFailureKind.UNREACHABLE);
    }

    @Test
    void aPassedCheckClearsByItselfAnyOtherResultOnlyWithAReason() {
        var passed = preflight.check(store,
                XksChange.between(store, null, null, null, null, null, null, "SANDBOXTENANTBKEYID234", NEW_SECRET),
                null);
        assertThat(PreflightClearance.decide(passed, null)).get()
            .extracting(PreflightClearance::overridden)
            .isEqualTo(false);
        var notRun = preflight.check(store,
                XksChange.between(store, null, null, "/tenant-b/kms/xks/v1", null, null, null, null, null), null);
        assertThat(PreflightClearance.decide(notRun, null)).isEmpty();
        assertThat(PreflightClearance.decide(notRun, "   ")).isEmpty();
        assertThat(PreflightClearance.decide(notRun, " CHG-9 ")).get()
            .extracting(PreflightClearance::overrideReason)
            .isEqualTo("CHG-9");
    }

}
