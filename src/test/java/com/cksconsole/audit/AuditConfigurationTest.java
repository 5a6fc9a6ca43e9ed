package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The console.audit.* properties bind, and trusted proxies reach the resolver (or stop a
 * start when invalid).
 */
class AuditConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(AuditProperties.class)
    static class Resolver {

        @Bean
        AuditContextResolver resolver(AuditProperties properties) {
            return new AuditConfiguration().auditContextResolver(properties);
        }

    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withUserConfiguration(Resolver.class);

    @Test
    void defaultsTrustNoProxyAndKeepTheGracePeriod() {
        runner.run(context -> {
            var properties = context.getBean(AuditProperties.class);
            assertThat(properties.trustedProxies()).isEmpty();
            assertThat(properties.fingerprintKey()).isNull();
            assertThat(properties.reconcileAfter()).hasMinutes(2);
            assertThat(properties.exportTimeout()).hasHours(1);
            assertThat(properties.chainKey()).isNull();
            assertThat(properties.checkpointSigningKey()).isNull();
            assertThat(properties.checkpointInterval()).hasHours(1);
            assertThat(properties.checkpointFile().normalize()).isEqualTo(Path.of("data/audit-checkpoints.jsonl"));
            assertThat(properties.secretCheckPerMinute()).isEqualTo(10);
        });
    }

    @TempDir
    Path keyDirectory;

    AuditProperties keys(String chainKey, String signingKey) {
        return new AuditProperties(List.of(), null, Duration.ofMinutes(2), Duration.ofHours(1), chainKey, signingKey,
                keyDirectory, keyDirectory.resolve("checkpoints.jsonl"), Duration.ofHours(1), 10);
    }

    @Test
    void inAwsModeTheChainKeyAndTheCheckpointSigningKeyMustBeConfigured() {
        assertThatThrownBy(() -> AuditKeys.chainKey(keys(null, null), true))
            .hasMessageContaining("console.audit.chain-key is required in aws mode");
        assertThatThrownBy(() -> AuditKeys.checkpointKey(keys(null, null), true))
            .hasMessageContaining("console.audit.checkpoint-signing-key is required in aws mode");
        assertThat(keyDirectory).isEmptyDirectory();
    }

    @Test
    void inSandboxModeGeneratedKeysAreKeptInOwnerOnlyFilesOutsideTheDatabaseAndReusedAfterARestart() throws Exception {
        var chainKey = AuditKeys.chainKey(keys(null, null), false);
        var signingKey = AuditKeys.checkpointKey(keys(null, null), false);

        for (String file : List.of(AuditKeys.CHAIN_KEY_FILE, AuditKeys.SIGNING_KEY_FILE)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyDirectory.resolve(file))))
                .as(file)
                .isEqualTo("rw-------");
        }
        assertThat(AuditKeys.chainKey(keys(null, null), false).id()).isEqualTo(chainKey.id());
        assertThat(AuditKeys.checkpointKey(keys(null, null), false).fingerprint()).isEqualTo(signingKey.fingerprint());
        assertThat(chainKey.toString())
            .doesNotContain(Files.readString(keyDirectory.resolve(AuditKeys.CHAIN_KEY_FILE)));
    }

    @Test
    void configuredKeysAreUsedAndAKeyThatIsTooShortOrNotEd25519StopsTheStart() {
        // openssl rand -base64 32; openssl genpkey -algorithm ed25519 -outform DER |
        // base64 -w0
        String chainKey = "q1mHWp6yBqOIh0oH3j9D7zkU8s9XpOCAsM5kCz9gJzA=";
        String signingKey = "MC4CAQAwBQYDK2VwBCIEIHBHrlFIHHS4v8zE/4ygCbs61SMj9yEUuEoYP8Gfnpgm";
        var configured = keys(chainKey, signingKey);
        assertThat(AuditKeys.chainKey(configured, true).id()).isEqualTo(ChainKey.ofBase64(chainKey).id());
        var checkpointKey = AuditKeys.checkpointKey(configured, true);
        byte[] data = "head".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(checkpointKey.verify(data, checkpointKey.sign(data))).as("the derived public key fits").isTrue();
        assertThat(AuditKeys
            .checkpointKey(keys(null, "-----BEGIN PRIVATE KEY-----\n" + signingKey + "\n-----END PRIVATE KEY-----\n"),
                    true)
            .fingerprint()).isEqualTo(checkpointKey.fingerprint());
        assertThat(keyDirectory).isEmptyDirectory();

        assertThatThrownBy(() -> AuditKeys.chainKey(keys("c2hvcnQ=", signingKey), true))
            .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> AuditKeys.checkpointKey(keys(chainKey, chainKey), true))
            .hasMessageContaining("not an Ed25519 private key");
    }

    @Test
    void theKeysAreKeptOutOfToString() {
        var properties = keys("q1mHWp6yBqOIh0oH3j9D7zkU8s9XpOCAsM5kCz9gJzA=",
                "MC4CAQAwBQYDK2VwBCIEIHBHrlFIHHS4v8zE/4ygCbs61SMj9yEUuEoYP8Gfnpgm");
        assertThat(properties.toString()).doesNotContain("q1mHWp6y", "MC4CAQAw").contains("chainKey=<redacted>");
    }

    @Test
    void configuredTrustedProxiesAreParsedAndTheKeyIsKeptOutOfToString() {
        runner
            .withPropertyValues("console.audit.trusted-proxies=10.0.0.0/8, 192.0.2.1",
                    "console.audit.fingerprint-key=a-long-enough-fingerprint-key-0123456789")
            .run(context -> {
                var properties = context.getBean(AuditProperties.class);
                assertThat(properties.trustedProxies()).containsExactly("10.0.0.0/8", "192.0.2.1");
                assertThat(properties.toString()).doesNotContain("a-long-enough");
                assertThat(context).hasSingleBean(AuditContextResolver.class);
            });
    }

    @Test
    void anInvalidTrustedProxyStopsTheStart() {
        runner.withPropertyValues("console.audit.trusted-proxies=proxy.internal")
            .run(context -> assertThat(context).hasFailed());
    }

}
