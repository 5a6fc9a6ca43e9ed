package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * With DEBUG logging on for the console and the AWS SDK (see the test profile), no XKS
 * secret reaches the log in any flow: success, failed authentication, invalid bodies,
 * stale dates, error behaviours.
 */
@SandboxXksProxyTest
@ExtendWith(OutputCaptureExtension.class)
class SandboxXksProxySecretLoggingTest {

    private static final String WRONG_SECRET = "V3JvbmdTZWNyZXRGb3JMb2dnaW5nVGVzdFdyb25nU2VjcmV0";

    @Autowired
    XksProxyClient client;

    @Autowired
    SandboxXksProxyProperties registrations;

    @LocalServerPort
    int port;

    @Test
    void noSecretAppearsInAnyLogLine(CapturedOutput output) {
        List<Registration> all = allRegistrations();
        for (Registration registration : all) {
            if (registration.behaviour() == ProxyBehaviour.SLOW) {
                continue; // same code path as HEALTHY, only later
            }
            call(registration.prefix(),
                    new XksProxyCredential(registration.accessKeyId(), registration.rawSecretAccessKey()));
        }
        call("/tenant-a", new XksProxyCredential("SANDBOXTENANTAKEYID234", WRONG_SECRET));
        new RawXksRequest(port).body("{}").send();
        new RawXksRequest(port).signedAt(SandboxXksProxyTest.NOW.minusSeconds(3600)).send();
        new RawXksRequest(port).credential("SANDBOXTENANTAKEYID234", WRONG_SECRET).send();

        // The flows were logged (so this test can see a leak) ...
        assertThat(output.getAll())
            .contains("GetHealthStatus xks-lab.sandbox.example.com/tenant-a/kms/xks/v1 failed: AUTHENTICATION_FAILED")
            .contains("authentication failed: X-Amz-Date more than 5 minutes from now")
            .contains("AWS4 Canonical Request");
        // ... and none of them carries a secret.
        for (Registration registration : all) {
            assertThat(output.getAll()).doesNotContain(registration.rawSecretAccessKey());
        }
        assertThat(output.getAll()).doesNotContain(WRONG_SECRET);
    }

    private void call(String prefix, XksProxyCredential credential) {
        client.getHealthStatus(new XksHealthCheckRequest(URI.create("https://xks-lab.sandbox.example.com"),
                prefix + "/kms/xks/v1", credential, "us-east-1", "CreateCustomKeyStore", "log-test-1"));
    }

    private List<Registration> allRegistrations() {
        var all = new java.util.ArrayList<>(registrations.registrations());
        all.addAll(registrations.additionalRegistrations());
        assertThat(all).hasSizeGreaterThan(10);
        return all;
    }

}
