package com.cksconsole.xks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The host table refuses entries it could not call and never guesses where an unknown
 * host lives.
 */
class XksHostTableTest {

    @Test
    void unknownHostIsCalledDirectlyOnlyInAwsMode() {
        var aws = new XksHostTable(Map.of(), false, () -> "8082");
        var sandbox = new XksHostTable(Map.of(), true, () -> "8082");

        assertThat(aws.baseUrlFor("proxy.example.com")).contains(URI.create("https://proxy.example.com"));
        assertThat(sandbox.baseUrlFor("proxy.example.com")).isEmpty();
    }

    @Test
    void trailingSlashOfABaseUrlIsDropped() {
        var table = new XksHostTable(Map.of("proxy.example.com", "{self}/sandbox/xks-proxy/"), true, () -> "8082");

        assertThat(table.baseUrlFor("proxy.example.com"))
            .contains(URI.create("http://127.0.0.1:8082/sandbox/xks-proxy"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "ftp://127.0.0.1/x", "not a url", "http://127.0.0.1/x?q=1", "http://127.0.0.1/x#f",
            "{self}?q", "/sandbox/xks-proxy" })
    void unusableBaseUrlIsAConfigurationError(String baseUrl) {
        assertThatIllegalStateException()
            .isThrownBy(() -> new XksHostTable(Map.of("proxy.example.com", baseUrl), true, () -> "8082"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://proxy.example.com", "proxy.example.com:443", "-proxy.example.com", "" })
    void keyThatIsNotAHostNameIsAConfigurationError(String host) {
        assertThatIllegalStateException()
            .isThrownBy(() -> new XksHostTable(Map.of(host, "http://127.0.0.1:1"), true, () -> "8082"));
    }

}
