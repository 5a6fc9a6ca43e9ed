package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksCiphertext;
import com.cksconsole.xks.XksDecryptInput;
import com.cksconsole.xks.XksEncryptInput;
import com.cksconsole.xks.XksKeyCall;
import com.cksconsole.xks.XksKeyResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksRequestMetadata;
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

    @Autowired
    ExternalKeyMaterial keyMaterial;

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

    @Test
    void noPlaintextKeyMaterialOrSeedAppearsInAnyLogLine(CapturedOutput output) {
        byte[] plaintext = "PLAINTEXT-MARKER-7f3c9a1e-never-logged".getBytes(StandardCharsets.US_ASCII);
        var call = new XksKeyCall(URI.create("https://xks-public.sandbox.example.com"), "/tenant-a/kms/xks/v1",
                new XksProxyCredential("SANDBOXTENANTAKEYID234", "Mc+9e8GY4mMCd8Eb4mzlEyJH/DMYrHfUQLAb0ZMFv2I="),
                "us-east-1", "tenant-a-aes-1", new XksRequestMetadata("arn:aws:iam::111122223333:user/Alice",
                        "arn:aws:kms:us-east-1:111122223333:key/k-1", "Encrypt", "log-test-2", null));

        var encrypted = client.encrypt(call, new XksEncryptInput(plaintext, null, true));
        assertThat(encrypted).isInstanceOf(XksKeyResult.Ok.class);
        XksCiphertext ciphertext = ((XksKeyResult.Ok<XksCiphertext>) encrypted).value();
        assertThat(client.decrypt(call, XksDecryptInput.of(ciphertext, null))).isInstanceOf(XksKeyResult.Ok.class);

        assertThat(output.getAll()).contains("Encrypt key=tenant-a-aes-1").contains("Decrypt key=tenant-a-aes-1");
        byte[] key = keyMaterial.aes256("/tenant-a", "tenant-a-aes-1").getEncoded();
        assertThat(output.getAll()).doesNotContain(new String(plaintext, StandardCharsets.US_ASCII))
            .doesNotContain(Base64.getEncoder().encodeToString(plaintext))
            .doesNotContain(Base64.getEncoder().encodeToString(key))
            .doesNotContain(HexFormat.of().formatHex(key))
            .doesNotContain(registrations.keyMaterialSeed());
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
