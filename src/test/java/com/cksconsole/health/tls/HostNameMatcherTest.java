package com.cksconsole.health.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** RFC 6125 section 6.4 and RFC 2818 section 3.1, rule by rule. */
class HostNameMatcherTest {

    @Test
    void anExactDnsNameMatchesCaseInsensitivelyAndWithATrailingDot() {
        assertThat(HostNameMatcher.matches("XKS.example.COM.", List.of("xks.Example.com"), List.of(), null)).isTrue();
        assertThat(HostNameMatcher.matches("xks.example.com", List.of("xks.example.co"), List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("xks.example.com", List.of("ks.example.com"), List.of(), null)).isFalse();
    }

    @Test
    void aWildcardMatchesExactlyOneLeftMostLabel() {
        List<String> wildcard = List.of("*.example.com");

        assertThat(HostNameMatcher.matches("a.example.com", wildcard, List.of(), null)).isTrue();
        assertThat(HostNameMatcher.matches("A.EXAMPLE.com", wildcard, List.of(), null)).isTrue();
        assertThat(HostNameMatcher.matches("a.b.example.com", wildcard, List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("example.com", wildcard, List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches(".example.com", wildcard, List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("a.example.org", wildcard, List.of(), null)).isFalse();
    }

    @Test
    void aWildcardThatIsNotAWholeLeftMostLabelOrCoversAPublicSuffixMatchesNothing() {
        assertThat(HostNameMatcher.matches("xks.example.com", List.of("x*.example.com"), List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("a.b.example.com", List.of("a.*.example.com"), List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("example.com", List.of("*.com"), List.of(), null)).isFalse();
        assertThat(HostNameMatcher.matches("a.example.com", List.of("*.*.com"), List.of(), null)).isFalse();
    }

    @Test
    void anIpAddressMatchesOnlyAnIpAddressEntry() {
        assertThat(HostNameMatcher.matches("192.0.2.10", List.of(), List.of("192.0.2.10"), null)).isTrue();
        assertThat(HostNameMatcher.matches("192.0.2.10", List.of(), List.of("192.0.2.11"), null)).isFalse();
        assertThat(HostNameMatcher.matches("192.0.2.10", List.of("192.0.2.10"), List.of(), "192.0.2.10")).isFalse();
        assertThat(HostNameMatcher.matches("2001:db8::1", List.of(), List.of("2001:db8:0:0:0:0:0:1"), null)).isTrue();
    }

    @Test
    void theCommonNameCountsOnlyWithoutAnyDnsName() {
        assertThat(HostNameMatcher.matches("xks.example.com", List.of(), List.of(), "xks.example.com")).isTrue();
        assertThat(
                HostNameMatcher.matches("xks.example.com", List.of("other.example.com"), List.of(), "xks.example.com"))
            .isFalse();
        assertThat(HostNameMatcher.matches("xks.example.com", List.of(), List.of(), null)).isFalse();
    }

}
