package com.cksconsole.keystore;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.cksconsole.keystore.ProxyCredentialChange.Source;
import com.cksconsole.kms.KeyStoreRef;
import com.cksconsole.kms.KmsTarget;

/** The credential age against the policy, at its boundaries. */
class ProxyCredentialAgeTest {

    static final Instant NOW = Instant.parse("2026-12-06T08:00:00Z");

    static final KeyStoreRef STORE = new KeyStoreRef(new KmsTarget("111122223333", "eu-west-1"),
            "cks-0123456789abcdef0");

    static ProxyCredentialAge aged(Duration age, Source source) {
        return new ProxyCredentialAge(STORE, new ProxyCredentialChange(STORE, "AKIA1", NOW.minus(age), source), 90,
                NOW);
    }

    @Test
    void overdueOnlyWhenOlderThanThePolicy() {
        assertThat(aged(Duration.ofDays(89), Source.CONSOLE).overdue()).isFalse();
        assertThat(aged(Duration.ofDays(90), Source.CONSOLE).overdue()).isFalse();
        assertThat(aged(Duration.ofDays(90).plusSeconds(1), Source.CONSOLE).overdue()).isTrue();
        assertThat(aged(Duration.ofDays(91), Source.OBSERVED).overdue()).isTrue();
    }

    @Test
    void anUnknownAgeIsNeverOverdue() {
        var firstSeen = new ProxyCredentialAge(STORE, new ProxyCredentialChange(STORE, "AKIA1", null, Source.OBSERVED),
                1, NOW);
        assertThat(firstSeen.overdue()).isFalse();
        assertThat(firstSeen.days()).isNull();
        assertThat(new ProxyCredentialAge(STORE, null, 1, NOW).overdue()).isFalse();
    }

    @Test
    void saysHowOldAndWhoChangedIt() {
        assertThat(aged(Duration.ofDays(41), Source.CONSOLE).text()).isEqualTo("41 days (policy 90 days)");
        assertThat(aged(Duration.ofDays(1), Source.CONSOLE).text()).isEqualTo("1 day (policy 90 days)");
        assertThat(aged(Duration.ofDays(3), Source.OBSERVED).text())
            .isEqualTo("changed outside the console, first seen 3 days ago (policy 90 days)");
    }

}
