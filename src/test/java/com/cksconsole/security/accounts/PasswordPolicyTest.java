package com.cksconsole.security.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesOneCharacterBelowTheMinimum() {
        assertThat(policy.violations("alice", "kx7Q".repeat(3).substring(1))).contains("Use at least 12 characters.");
    }

    @Test
    void acceptsExactlyTheMinimum() {
        assertThat(policy.violations("alice", "kx7Q".repeat(3))).isEmpty();
    }

    @Test
    void acceptsExactlyTheMaximum() {
        assertThat(policy.violations("alice", "kx7Q".repeat(32))).isEmpty();
    }

    @Test
    void refusesOneCharacterAboveTheMaximum() {
        assertThat(policy.violations("alice", "kx7Q".repeat(32) + "z")).contains("Use at most 128 characters.");
    }

    @Test
    void refusesACommonPasswordInAnyCase() {
        assertThat(policy.violations("alice", "Password1234"))
            .contains("This password is too common. Choose one that is not on lists of popular passwords.");
    }

    @Test
    void countsCharactersNotUtf16Units() {
        assertThat(policy.violations("alice", "\uD83D\uDD11".repeat(11))).contains("Use at least 12 characters.");
        assertThat(policy.violations("alice", "\uD83D\uDD11".repeat(12))).isEmpty();
    }

    @Test
    void refusesTheUserNameInAnyCase() {
        assertThat(policy.violations("administrator", "ADMINISTRATOR"))
            .contains("The password must not be your user name.");
    }

    @Test
    void reportsEveryReasonAtOnce() {
        assertThat(policy.violations("admin", "Admin")).containsExactly("Use at least 12 characters.",
                "The password must not be your user name.");
    }

    @Test
    void anEmptyPasswordIsNotTakenForAnEmptyUserName() {
        assertThat(policy.violations("", "")).containsExactly("Use at least 12 characters.");
    }

}
