package com.cksconsole.rotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.cksconsole.keystore.Secret;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsField;
import com.cksconsole.kms.KmsTarget;
import com.cksconsole.kms.XksConnectivity;
import com.cksconsole.proxyconfig.ProxyConfigurationImport;
import com.cksconsole.proxyconfig.ProxyConfigurationParser;
import com.cksconsole.proxyconfig.ProxyConfigurationProperties;

/** The parts of a rotation that need no KMS: new credentials, the file, the steps. */
class RotationPartsTest {

    private final NewCredentials newCredentials = new NewCredentials(new SecureRandom());

    @Test
    void aGeneratedCredentialHasTheShapeKmsRequiresAnd256RandomBits() {
        Set<String> ids = new HashSet<>();
        Set<String> secrets = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            var credential = newCredentials.generate();
            assertThat(credential.accessKeyId()).matches("[A-Z2-7]{24}");
            assertThat(KmsField.XKS_ACCESS_KEY_ID.violation(credential.accessKeyId())).isEmpty();
            String secret = credential.rawSecretAccessKey().reveal();
            assertThat(secret).hasSize(44).endsWith("=");
            assertThat(java.util.Base64.getDecoder().decode(secret)).hasSize(32);
            assertThat(KmsField.XKS_RAW_SECRET_ACCESS_KEY.violation(secret)).isEmpty();
            assertThat(credential.toString()).doesNotContain(secret);
            ids.add(credential.accessKeyId());
            secrets.add(secret);
        }
        assertThat(ids).hasSize(200);
        assertThat(secrets).hasSize(200);
    }

    @Test
    void theFileHandedOutIsOneTheConsolesOwnImportAccepts() {
        var run = run(RotationStatus.AWAITING_INSTALL, XksConnectivity.VPC_ENDPOINT_SERVICE,
                "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
        String secret = newCredentials.generate().rawSecretAccessKey().reveal();
        byte[] file = ProxyConfigurationFile.of(run, Secret.of(secret));

        var parsed = new ProxyConfigurationParser(
                new ProxyConfigurationProperties(DataSize.ofKilobytes(64), Duration.ofMinutes(10)))
            .parseUpload(ProxyConfigurationFile.fileName(run), file);

        assertThat(parsed).isInstanceOf(ProxyConfigurationImport.Accepted.class);
        var values = parsed.values().orElseThrow();
        assertThat(values.accessKeyId()).isEqualTo(run.newAccessKeyId());
        assertThat(values.rawSecretAccessKey()).isEqualTo(secret);
        assertThat(values.uriPath()).isEqualTo("/tenant-a/kms/xks/v1");
        assertThat(values.uriEndpoint()).isEqualTo("https://xks.example.com");
        assertThat(values.connectivity()).isEqualTo(XksConnectivity.VPC_ENDPOINT_SERVICE);
        assertThat(values.vpcEndpointServiceName())
            .isEqualTo("com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0");
        assertThat(parsed.problems()).isEmpty();
    }

    @Test
    void theFileNameComesFromThePrefixAndTheAccessKeyIdInSafeCharacters() {
        assertThat(ProxyConfigurationFile.fileName(run(RotationStatus.AWAITING_INSTALL, null, null)))
            .isEqualTo("xks-proxy-tenant-a-NEWKEYID234567ABCDEFGH.json");
    }

    @Test
    void eachStatusShowsItsStepAndOnlyRunsBeforeTheUpdateCanBeCancelled() {
        assertThat(run(RotationStatus.AWAITING_INSTALL, null, null).currentStep()).isEqualTo(RotationStep.STAGE);
        assertThat(run(RotationStatus.PROVING, null, null).currentStep()).isEqualTo(RotationStep.PROVE);
        assertThat(run(RotationStatus.SOAKING, null, null).currentStep()).isEqualTo(RotationStep.SOAK);
        assertThat(run(RotationStatus.COMPLETED, null, null).currentStep()).isEqualTo(RotationStep.DONE);
        assertThat(run(RotationStatus.PROVING, null, null).cancellable()).isTrue();
        assertThat(run(RotationStatus.AWAITING_RETIREMENT, null, null).cancellable()).isFalse();
        assertThat(run(RotationStatus.CANCELLED, null, null).cancellable()).isFalse();
        assertThat(RotationStatus.PROVING.driven()).isTrue();
        assertThat(RotationStatus.AWAITING_INSTALL.driven()).isFalse();
        assertThat(RotationStatus.LEFT_BOTH_ACTIVE.ended()).isTrue();
    }

    private static RotationRun run(RotationStatus status, XksConnectivity connectivity, String serviceName) {
        Instant now = Instant.parse("2026-12-06T10:00:00Z");
        return new RotationRun("run-1",
                new KeyStoreRef(new KmsTarget("111122223333", "us-east-1"), "cks-1234567890abcdef0"), "store", status,
                "olivia", null, true, "NEWKEYID234567ABCDEFGH", "OLDKEYID234567ABCDEFGH", "https://xks.example.com",
                "/tenant-a/kms/xks/v1", connectivity, serviceName, "fp", "hmac", "CONNECTED", false, false, null, null,
                null, null, null, null, null, null, null, null, now, now, null, List.of());
    }

}
