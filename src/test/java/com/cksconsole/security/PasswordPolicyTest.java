package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void refusesOneCharacterBelowTheMinimum() {
        assertThat(PasswordPolicy.violation("alice", "a".repeat(11))).contains("Use at least 12 characters.");
    }

    @Test
    void acceptsExactlyTheMinimum() {
        assertThat(PasswordPolicy.violation("alice", "a".repeat(12))).isEmpty();
    }

    @Test
    void acceptsExactlyTheMaximum() {
        assertThat(PasswordPolicy.violation("alice", "a".repeat(128))).isEmpty();
    }

    @Test
    void refusesOneCharacterAboveTheMaximum() {
        assertThat(PasswordPolicy.violation("alice", "a".repeat(129))).contains("Use at most 128 characters.");
    }

    @Test
    void refusesTheUserNameInAnyCase() {
        assertThat(PasswordPolicy.violation("administrator", "ADMINISTRATOR"))
                .contains("The password must not be your user name.");
    }
}
