package com.cksconsole.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyStoreRefTest {

    private static final KmsTarget IRELAND = new KmsTarget("111122223333", "eu-west-1");

    private static final KmsTarget FRANKFURT = new KmsTarget("111122223333", "eu-central-1");

    @Test
    void aStoreIdAsKmsAcceptsItFromOneToSixtyFourCharacters() {
        assertThat(new KeyStoreRef(IRELAND, "c").keyStoreId()).isEqualTo("c");
        assertThat(new KeyStoreRef(IRELAND, "c".repeat(64)).keyStoreId()).hasSize(64);
        assertThatThrownBy(() -> new KeyStoreRef(IRELAND, "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeyStoreRef(IRELAND, "c".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThat(KeyStoreRef.plausibleId("cks-1234567890abcdef0")).isTrue();
        assertThat(KeyStoreRef.plausibleId("c".repeat(65))).isFalse();
    }

    @Test
    void theSameIdInAnotherTargetIsAnotherStore() {
        assertThat(new KeyStoreRef(IRELAND, "cks-1234567890abcdef0"))
            .isEqualTo(new KeyStoreRef(IRELAND, "cks-1234567890abcdef0"))
            .isNotEqualTo(new KeyStoreRef(FRANKFURT, "cks-1234567890abcdef0"));
    }

    @Test
    void itReadsAsTargetSlashId() {
        assertThat(new KeyStoreRef(IRELAND, "cks-1234567890abcdef0"))
            .hasToString("111122223333/eu-west-1/cks-1234567890abcdef0");
    }

}
