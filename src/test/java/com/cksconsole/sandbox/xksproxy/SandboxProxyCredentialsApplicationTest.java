package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.cksconsole.support.ConsoleApplicationTest;
import com.cksconsole.support.ConsoleHttpClient;
import com.cksconsole.xks.XksFailureKind;
import com.cksconsole.xks.XksHealthCheckRequest;
import com.cksconsole.xks.XksHealthCheckResult;
import com.cksconsole.xks.XksProxyClient;
import com.cksconsole.xks.XksProxyCredential;

/**
 * The sandbox proxy's credentials change at run time, as on a real proxy during a
 * rotation (XKS proxy API specification: proxies accept several credentials per prefix):
 * proven with GetHealthStatus through the console's own XKS client, and through the ADMIN
 * setting. Works on {@code /tenant-dr}, whose KMS credential no other test uses.
 */
@ConsoleApplicationTest
@ExtendWith(OutputCaptureExtension.class)
class SandboxProxyCredentialsApplicationTest {

    static final String PREFIX = "/tenant-dr";

    static final String NEW_KEY = "ROTATIONNEWKEYID234567";

    static final String NEW_SECRET = "cm90YXRpb24tbmV3LXNlY3JldC1ub3QtZm9yLXByb2R1Y3Rpb24";

    /** Configured on /tenant-dr (application-sandbox.yml): KMS's credential there. */
    static final String CONFIGURED_KEY = "SANDBOXTENANTBKEYID234";

    static final String CONFIGURED_SECRET = "0/MILR7J51oM+bCDgEWsO3E9RSz/okJur8ZMYX8Ni4o=";

    @LocalServerPort
    int port;

    @Autowired
    SandboxProxyCredentials credentials;

    @Autowired
    XksProxyClient client;

    @AfterEach
    void backToConfiguration() {
        credentials.remove(PREFIX, NEW_KEY);
        credentials.add(PREFIX, CONFIGURED_KEY, CONFIGURED_SECRET);
    }

    private XksHealthCheckResult healthWith(String accessKeyId, String secret) {
        return client.getHealthStatus(new XksHealthCheckRequest(URI.create("https://xks-dr.sandbox.example.com"),
                PREFIX + "/kms/xks/v1", new XksProxyCredential(accessKeyId, secret), "us-east-1", "KmsHealthCheck",
                UUID.randomUUID().toString()));
    }

    @Test
    void anAddedCredentialIsAcceptedBesideTheConfiguredOneUntilRemoved() {
        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOfSatisfying(XksHealthCheckResult.Failed.class,
                failed -> assertThat(failed.kind()).isEqualTo(XksFailureKind.AUTHENTICATION_FAILED));

        credentials.add(PREFIX, NEW_KEY, NEW_SECRET);

        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);
        assertThat(healthWith(CONFIGURED_KEY, CONFIGURED_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);

        assertThat(credentials.remove(PREFIX, NEW_KEY)).isTrue();
        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOf(XksHealthCheckResult.Failed.class);
    }

    @Test
    void aConfiguredCredentialCanBeRetiredAndIsThenRefusedWith401() {
        credentials.add(PREFIX, NEW_KEY, NEW_SECRET);

        assertThat(credentials.remove(PREFIX, CONFIGURED_KEY)).isTrue();

        assertThat(healthWith(CONFIGURED_KEY, CONFIGURED_SECRET))
            .isInstanceOfSatisfying(XksHealthCheckResult.Failed.class, failed -> {
                assertThat(failed.kind()).isEqualTo(XksFailureKind.AUTHENTICATION_FAILED);
                assertThat(failed.httpStatus()).isEqualTo(401);
            });
        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);
        assertThat(credentials.remove(PREFIX, CONFIGURED_KEY)).as("already retired").isFalse();
    }

    @Test
    void malformedOrAmbiguousCredentialsAndUnknownPrefixesAreRefused() {
        assertThatThrownBy(() -> credentials.add("/nope", NEW_KEY, NEW_SECRET))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.add(PREFIX, "TOOSHORT234", NEW_SECRET))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> credentials.add(PREFIX, NEW_KEY, "short"))
            .isInstanceOf(IllegalArgumentException.class);
        // An access key ID identifies its secret without ambiguity.
        assertThatThrownBy(() -> credentials.add(PREFIX, CONFIGURED_KEY, NEW_SECRET))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageNotContaining(NEW_SECRET);
    }

    @Test
    void anAdministratorChangesThemThroughTheSettingWithoutTheSecretInAnyLogLine(CapturedOutput output) {
        var admin = ConsoleHttpClient.signedIn(port, "admin", ConsoleApplicationTest.ADMIN_PASSWORD);
        admin.get("/");

        var added = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH,
                Map.of("prefix", PREFIX, "action", "add", "access-key-id", NEW_KEY, "secret-access-key", NEW_SECRET));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);

        var removed = admin.postForm(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH,
                Map.of("prefix", PREFIX, "action", "remove", "access-key-id", NEW_KEY));
        assertThat(removed.statusCode()).isEqualTo(200);
        assertThat(removed.body()).contains("no longer accepts " + NEW_KEY);
        assertThat(healthWith(NEW_KEY, NEW_SECRET)).isInstanceOf(XksHealthCheckResult.Failed.class);
        assertThat(output.getAll()).contains(NEW_KEY).doesNotContain(NEW_SECRET);

        assertThat(admin
            .postFormWithoutToken(SandboxXksProxySettingsRoutes.CREDENTIALS_PATH,
                    Map.of("prefix", PREFIX, "action", "remove", "access-key-id", CONFIGURED_KEY))
            .statusCode()).isEqualTo(403);
        assertThat(healthWith(CONFIGURED_KEY, CONFIGURED_SECRET)).isInstanceOf(XksHealthCheckResult.Healthy.class);
    }

}
