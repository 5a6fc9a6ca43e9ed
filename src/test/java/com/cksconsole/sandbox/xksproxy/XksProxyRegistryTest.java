package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.cksconsole.sandbox.xksproxy.SandboxXksProxyProperties.Registration;

/**
 * A registration the proxy could never serve fails at start-up, and the message never
 * shows a secret.
 */
class XksProxyRegistryTest {

    private static final String KEY = "SANDBOXREGISTRYKEY2345";

    private static final String SECRET = "cmVnaXN0cnktdGVzdC1zZWNyZXQtbm90LWEtcmVhbC1vbmU=";

    @Test
    void seededAndAdditionalRegistrationsAreBothServed() {
        var registry = registry(List.of(registration("/a", KEY, SECRET, ProxyBehaviour.HEALTHY)),
                List.of(registration("/b", KEY, SECRET, ProxyBehaviour.THROTTLED)));

        assertThat(registry.behaviourOf("/a")).contains(ProxyBehaviour.HEALTHY);
        assertThat(registry.behaviourOf("/b")).contains(ProxyBehaviour.THROTTLED);
        assertThat(registry.behaviourOf("/c")).isEmpty();
        assertThat(registry.forPrefix("/c")).isEmpty();
    }

    @Test
    void emptyPrefixServesThePlainApiPath() {
        var registry = registry(List.of(registration("", KEY, SECRET, ProxyBehaviour.HEALTHY)), List.of());

        assertThat(registry.behaviourOf("")).contains(ProxyBehaviour.HEALTHY);
    }

    @ParameterizedTest
    @ValueSource(strings = { "a", "/a/", "/a b", "/a?x", "//a", "/kms%2F" })
    void prefixOutsideTheSpecsCharactersIsRefused(String prefix) {
        assertRefused(registration(prefix, KEY, SECRET, ProxyBehaviour.HEALTHY));
    }

    @Test
    void uriPathOfAtMost128CharactersIsAccepted() {
        String prefix = "/" + "p".repeat(128 - "/kms/xks/v1".length() - 1);

        assertThat(registry(List.of(registration(prefix, KEY, SECRET, ProxyBehaviour.HEALTHY)), List.of())
            .behaviourOf(prefix)).isPresent();
        assertRefused(registration(prefix + "p", KEY, SECRET, ProxyBehaviour.HEALTHY));
    }

    @ParameterizedTest
    @ValueSource(strings = { "AAAAAAAAAAAAAAAAAAA" /* 19 */,
            "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB" /* 31 */, "sandboxregistrykey2345", "SANDBOXREGISTRYKEY2381" })
    void accessKeyIdOutsideTheSpecsRulesIsRefused(String accessKeyId) {
        assertRefused(registration("/a", accessKeyId, SECRET, ProxyBehaviour.HEALTHY));
    }

    @Test
    void accessKeyIdLengthBoundariesAreAccepted() {
        String min = "A".repeat(20);
        String max = "B".repeat(30);

        var registry = registry(List.of(registration("/min", min, SECRET, ProxyBehaviour.HEALTHY),
                registration("/max", max, SECRET, ProxyBehaviour.HEALTHY)), List.of());

        assertThat(registry.behaviourOf("/min")).isPresent();
        assertThat(registry.behaviourOf("/max")).isPresent();
    }

    @Test
    void secretLengthBoundaries() {
        assertThat(registry(List.of(registration("/a", KEY, "s".repeat(43), ProxyBehaviour.HEALTHY),
                registration("/b", "C".repeat(20), "t".repeat(64), ProxyBehaviour.HEALTHY)), List.of())
            .behaviourOf("/b")).isPresent();
        assertRefused(registration("/a", KEY, "s".repeat(42), ProxyBehaviour.HEALTHY));
        assertRefused(registration("/a", KEY, "s".repeat(65), ProxyBehaviour.HEALTHY));
        assertRefused(registration("/a", KEY, "s".repeat(42) + "!", ProxyBehaviour.HEALTHY));
    }

    @Test
    void oneAccessKeyIdWithTwoSecretsIsRefused() {
        var first = registration("/a", KEY, SECRET, ProxyBehaviour.HEALTHY);
        var second = registration("/b", KEY, "b3RoZXItc2VjcmV0LWZvci10aGUtc2FtZS1rZXktaWQtdGVzdA==",
                ProxyBehaviour.HEALTHY);

        assertThatIllegalStateException().isThrownBy(() -> registry(List.of(first), List.of(second)))
            .withMessageNotContaining(SECRET)
            .withMessageNotContaining(second.rawSecretAccessKey());
    }

    @Test
    void sameCredentialTwiceOnOnePrefixIsRefused() {
        var registration = registration("/a", KEY, SECRET, ProxyBehaviour.HEALTHY);

        assertThatIllegalStateException().isThrownBy(() -> registry(List.of(registration), List.of(registration)));
    }

    @Test
    void twoBehavioursOnOnePrefixAreRefused() {
        var healthy = registration("/a", KEY, SECRET, ProxyBehaviour.HEALTHY);
        var slow = registration("/a", "D".repeat(20), SECRET, ProxyBehaviour.SLOW);

        assertThatIllegalStateException().isThrownBy(() -> registry(List.of(healthy, slow), List.of()));
    }

    @Test
    void registrationNeverShowsItsCredentialInToString() {
        String text = registration("/a", KEY, SECRET, ProxyBehaviour.HEALTHY).toString();

        assertThat(text).doesNotContain(SECRET).doesNotContain(KEY).contains("/a").contains("HEALTHY");
    }

    private static void assertRefused(Registration registration) {
        assertThatIllegalStateException().isThrownBy(() -> registry(List.of(registration), List.of()))
            .withMessageNotContaining(registration.rawSecretAccessKey());
    }

    private static XksProxyRegistry registry(List<Registration> seeded, List<Registration> additional) {
        return new XksProxyRegistry(new SandboxXksProxyProperties(seeded, additional, "", List.of()));
    }

    private static Registration registration(String prefix, String keyId, String secret, ProxyBehaviour behaviour) {
        return new Registration(prefix, keyId, secret, behaviour, java.util.Map.of());
    }

}
