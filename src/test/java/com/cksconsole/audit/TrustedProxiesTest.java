package com.cksconsole.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * X-Forwarded-For is believed only when the request came through a configured trusted
 * proxy.
 */
class TrustedProxiesTest {

    private final TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", "192.0.2.10", "2001:db8::/32"));

    @AfterEach
    void clearRequest() {
        RequestContextHolder.resetRequestAttributes();
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        assertThat(TrustedProxies.of(List.of()).clientAddress("10.1.2.3", List.of("198.51.100.1")))
            .isEqualTo("10.1.2.3");
    }

    @Test
    void aPeerThatIsNotATrustedProxyCannotSetItsAddress() {
        assertThat(proxies.clientAddress("203.0.113.5", List.of("198.51.100.1"))).isEqualTo("203.0.113.5");
    }

    @Test
    void aTrustedProxysHeaderGivesTheClient() {
        assertThat(proxies.clientAddress("10.1.2.3", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("192.0.2.10", List.of("198.51.100.2"))).isEqualTo("198.51.100.2");
        assertThat(proxies.clientAddress("2001:db8::5", List.of("198.51.100.3"))).isEqualTo("198.51.100.3");
    }

    @Test
    void theWalkStopsAtTheFirstUntrustedHopFromTheRight() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("6.6.6.6, 198.51.100.1, 10.0.0.2")))
            .as("what the client itself wrote (6.6.6.6) is not believed")
            .isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("198.51.100.1", "10.0.0.2"))).isEqualTo("198.51.100.1");
    }

    @Test
    void prefixBoundariesAreExact() {
        var narrow = TrustedProxies.of(List.of("192.0.2.0/25"));
        assertThat(narrow.clientAddress("192.0.2.127", List.of("198.51.100.1"))).isEqualTo("198.51.100.1");
        assertThat(narrow.clientAddress("192.0.2.128", List.of("198.51.100.1"))).isEqualTo("192.0.2.128");
    }

    @Test
    void anUnparsableHopEndsTheWalkAtTheLastTrustedAddress() {
        assertThat(proxies.clientAddress("10.0.0.1", List.of("attacker.example, 10.0.0.2"))).isEqualTo("10.0.0.2");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("198.51.100.1:4711"))).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("10.0.0.1", List.of("[2001:db9::1]:443"))).isEqualTo("2001:db9::1");
    }

    @Test
    void ipv6AddressesAreRecordedInTheirShortForm() {
        assertThat(TrustedProxies.of(List.of()).clientAddress("0:0:0:0:0:0:0:1", List.of())).isEqualTo("::1");
        assertThat(TrustedProxies.of(List.of()).clientAddress("2001:DB8:0:0:1:0:0:1", List.of()))
            .isEqualTo("2001:db8::1:0:0:1");
        assertThat(TrustedProxies.of(List.of()).clientAddress("2001:db8:1:2:3:4:5:6", List.of()))
            .isEqualTo("2001:db8:1:2:3:4:5:6");
        assertThat(TrustedProxies.of(List.of()).clientAddress("fe80:0:0:0:0:0:0:0", List.of())).isEqualTo("fe80::");
    }

    @Test
    void aConfigurationEntryThatIsNotAnAddressIsRefused() {
        assertThatThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/33")))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theResolverUsesTheConfiguredProxiesForTheCurrentRequest() {
        var request = new MockHttpServletRequest();
        request.setRemoteAddr("10.9.8.7");
        request.addHeader("X-Forwarded-For", "198.51.100.77");
        request.getSession(true);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

        var trusted = new AuditContextResolver(proxies).current();
        assertThat(trusted.sourceIp()).isEqualTo("198.51.100.77");
        assertThat(trusted.sessionHash()).isEqualTo(AuditContextResolver.sha256(request.getSession().getId()));
        assertThat(trusted.actor()).isEqualTo("anonymous");

        assertThat(new AuditContextResolver(TrustedProxies.of(List.of())).current().sourceIp()).isEqualTo("10.9.8.7");
    }

}
