package com.cksconsole.sandbox.xksproxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * External key material is derived, so it survives restarts and is the same on every
 * instance.
 */
class ExternalKeyMaterialTest {

    @Test
    void sameSeedPrefixAndIdGiveTheSameKeyOnAnotherInstance() {
        assertThat(material("seed-1").aes256("/tenant-a", "k1").getEncoded())
            .isEqualTo(material("seed-1").aes256("/tenant-a", "k1").getEncoded())
            .hasSize(32);
    }

    @Test
    void anotherSeedPrefixOrIdGivesAnotherKey() {
        byte[] key = material("seed-1").aes256("/tenant-a", "k1").getEncoded();

        assertThat(material("seed-2").aes256("/tenant-a", "k1").getEncoded()).isNotEqualTo(key);
        assertThat(material("seed-1").aes256("/tenant-b", "k1").getEncoded()).isNotEqualTo(key);
        assertThat(material("seed-1").aes256("/tenant-a", "k2").getEncoded()).isNotEqualTo(key);
    }

    @Test
    void seedNeverAppearsInToString() {
        var properties = new SandboxXksProxyProperties(List.of(), List.of(), "very-secret-seed", List.of());

        assertThat(properties.toString()).doesNotContain("very-secret-seed");
        assertThat(new ExternalKeyMaterial(properties).toString()).doesNotContain("very-secret-seed");
    }

    private static ExternalKeyMaterial material(String seed) {
        return new ExternalKeyMaterial(new SandboxXksProxyProperties(List.of(), List.of(), seed, List.of()));
    }

}
