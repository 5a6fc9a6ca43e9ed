package com.cksconsole.sandbox.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.cksconsole.health.tls.TlsCheckProperties;
import com.cksconsole.health.tls.TlsEndpointCheck;
import com.cksconsole.health.tls.TlsOutcome;
import com.cksconsole.sandbox.tls.SandboxTlsProperties.Endpoint;
import com.cksconsole.support.MutableClock;

/**
 * The console's TLS check against the sandbox's TLS endpoints: the chosen expiry, the
 * wildcard, the generated CA as the only extra anchor. The clock starts at the real time
 * (the JDK's trust manager judges validity on it), on a whole second (certificates hold
 * whole seconds).
 */
class SandboxTlsEndpointsTest {

    private static final String PUBLIC = "xks-public.sandbox.example.com";

    private static final String LAB = "xks-lab.sandbox.example.com";

    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    private final List<SandboxTlsEndpoints> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SandboxTlsEndpoints::destroy);
    }

    @Test
    void anEndpointExpiringIn30DaysReports30DaysAtStartAnd29OneSecondLater() {
        var endpoints = endpoints(new Endpoint(PUBLIC, Duration.ofDays(30), false));
        var check = check(endpoints);

        var atStart = check.check(PUBLIC);
        assertThat(atStart.outcome()).isEqualTo(TlsOutcome.REACHABLE);
        assertThat(atStart.chainTrusted()).isTrue();
        assertThat(atStart.hostNameMatches()).isTrue();
        assertThat(atStart.chain().get(0).dnsNames()).containsExactly(PUBLIC);
        assertThat(atStart.chain().get(0).notAfter()).isEqualTo(clock.instant().plus(Duration.ofDays(30)));
        assertThat(atStart.daysUntilExpiry()).isEqualTo(30);

        clock.advance(Duration.ofSeconds(1));
        assertThat(check.check(PUBLIC).daysUntilExpiry()).isEqualTo(29);
    }

    @Test
    void eachEndpointHasItsOwnExpiry() {
        var endpoints = endpoints(new Endpoint(PUBLIC, Duration.ofDays(200), false),
                new Endpoint(LAB, Duration.ofDays(12), false));
        var check = check(endpoints);

        assertThat(check.check(PUBLIC).daysUntilExpiry()).isEqualTo(200);
        assertThat(check.check(LAB).daysUntilExpiry()).isEqualTo(12);
        assertThat(check.check(LAB).outcome()).isEqualTo(TlsOutcome.REACHABLE);
    }

    @Test
    void aWildcardEndpointPresentsTheParentsWildcardWhichMatchesTheHost() {
        var check = check(endpoints(new Endpoint(PUBLIC, Duration.ofDays(90), true)));

        var result = check.check("XKS-Public.Sandbox.Example.com");
        assertThat(result.outcome()).isEqualTo(TlsOutcome.REACHABLE);
        assertThat(result.chain().get(0).dnsNames()).containsExactly("*.sandbox.example.com");
        assertThat(result.hostNameMatches()).isTrue();
    }

    @Test
    void anExpiredEndpointIsUntrustedWithNegativeDays() {
        var result = check(endpoints(new Endpoint(PUBLIC, Duration.ofDays(-1), false))).check(PUBLIC);

        assertThat(result.outcome()).isEqualTo(TlsOutcome.UNTRUSTED_CHAIN);
        assertThat(result.daysUntilExpiry()).isEqualTo(-1);
    }

    @Test
    void aHostWithoutEndpointIsUnreachableInSandboxMode() {
        var result = check(endpoints(new Endpoint(PUBLIC, Duration.ofDays(90), false))).check(LAB);

        assertThat(result.outcome()).isEqualTo(TlsOutcome.UNREACHABLE);
        assertThat(result.chain()).isEmpty();
    }

    @Test
    void withoutTheSandboxCaAsAnchorTheChainIsNotTrusted() {
        var endpoints = endpoints(new Endpoint(PUBLIC, Duration.ofDays(90), false));
        var port = endpoints.addressOf(PUBLIC).orElseThrow().getPort();
        var withoutAnchor = new TlsEndpointCheck(
                new TlsCheckProperties(Duration.ofSeconds(5), List.of(), Map.of(PUBLIC, "127.0.0.1:" + port)), true,
                clock);

        assertThat(withoutAnchor.check(PUBLIC).outcome()).isEqualTo(TlsOutcome.UNTRUSTED_CHAIN);
        assertThat(endpoints.trustAnchors()).hasSize(1);
    }

    @Test
    void aStoppedEndpointIsUnreachable() {
        var endpoints = endpoints(new Endpoint(PUBLIC, Duration.ofDays(90), false));
        var check = check(endpoints);

        endpoints.destroy();

        assertThat(check.check(PUBLIC).outcome()).isEqualTo(TlsOutcome.UNREACHABLE);
    }

    @Test
    void anEntryWithoutExpiryStopsTheStartUp() {
        assertThatIllegalStateException().isThrownBy(() -> endpoints(new Endpoint(PUBLIC, null, false)))
            .withMessage("console.sandbox.tls-endpoints[0] ('" + PUBLIC + "'): expires-in is required, e.g. 30d");
    }

    @Test
    void aHostListedTwiceStopsTheStartUp() {
        assertThatIllegalStateException()
            .isThrownBy(() -> endpoints(new Endpoint(PUBLIC, Duration.ofDays(1), false),
                    new Endpoint(PUBLIC.toUpperCase(java.util.Locale.ROOT), Duration.ofDays(2), false)))
            .withMessageContaining("tls-endpoints[1]")
            .withMessageContaining("listed twice");
    }

    @Test
    void aHostThatIsNotADnsNameStopsTheStartUp() {
        assertThatIllegalStateException()
            .isThrownBy(() -> endpoints(new Endpoint("localhost", Duration.ofDays(1), false)))
            .withMessageContaining("host must be a DNS name");
    }

    @Test
    void onlySandboxModeStartsEndpoints() {
        var runner = new ApplicationContextRunner().withUserConfiguration(TlsBeans.class)
            .withPropertyValues("console.sandbox.tls-endpoints[0].host=" + PUBLIC,
                    "console.sandbox.tls-endpoints[0].expires-in=30d");

        runner.withPropertyValues("console.kms.mode=aws")
            .run(context -> assertThat(context).doesNotHaveBean(SandboxTlsEndpoints.class));
        runner.withPropertyValues("console.kms.mode=sandbox").run(context -> {
            assertThat(context).hasSingleBean(SandboxTlsEndpoints.class);
            assertThat(context.getBean(SandboxTlsEndpoints.class).addressOf(PUBLIC)).isPresent();
        });
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(SandboxTlsProperties.class)
    @Import(SandboxTlsEndpoints.class)
    static class TlsBeans {

        @Bean
        Clock clock() {
            return Clock.systemUTC();
        }

    }

    private SandboxTlsEndpoints endpoints(Endpoint... entries) {
        var endpoints = new SandboxTlsEndpoints(new SandboxTlsProperties(List.of(entries)), clock);
        started.add(endpoints);
        return endpoints;
    }

    private TlsEndpointCheck check(@Nullable SandboxTlsEndpoints endpoints) {
        return new TlsEndpointCheck(new TlsCheckProperties(Duration.ofSeconds(5), List.of(), Map.of()), true, clock,
                endpoints == null ? List.of() : List.of(endpoints));
    }

}
