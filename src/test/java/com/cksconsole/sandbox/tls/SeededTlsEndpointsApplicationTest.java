package com.cksconsole.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.cksconsole.health.tls.TlsEndpointCheck;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.support.ConsoleApplicationTest;

/**
 * The application's TLS check finds the seeded sandbox TLS endpoints and trusts their CA:
 * the hosts of the seeded public XKS proxies report their configured expiry.
 */
@ConsoleApplicationTest
class SeededTlsEndpointsApplicationTest {

    @Autowired
    TlsEndpointCheck check;

    @Test
    void theScheduledStoresHostHasACertificateExpiringIn12Days() {
        var result = check.check("xks-dr.sandbox.example.com");

        assertThat(result.outcome()).isEqualTo(TlsOutcome.REACHABLE);
        assertThat(result.hostNameMatches()).isTrue();
        // Whole days rounded down: 12 at the start-up's second, 11 afterwards.
        assertThat(result.daysUntilExpiry()).isBetween(11L, 12L);
    }

    @Test
    void thePublicHostIsValidFor200DaysAndTheLabHostPresentsAWildcard() {
        assertThat(check.check("xks-public.sandbox.example.com").daysUntilExpiry()).isBetween(199L, 200L);
        var lab = check.check("xks-lab.sandbox.example.com");
        assertThat(lab.outcome()).isEqualTo(TlsOutcome.REACHABLE);
        assertThat(lab.chain().get(0).dnsNames()).containsExactly("*.sandbox.example.com");
        assertThat(lab.hostNameMatches()).isTrue();
    }

    @Test
    void aHostWithoutSandboxEndpointIsUnreachable() {
        assertThat(check.check("xks.example.org").outcome()).isEqualTo(TlsOutcome.UNREACHABLE);
    }

}
