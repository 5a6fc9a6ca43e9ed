package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import com.cksconsole.support.ConsoleApplicationTest;

/**
 * Prometheus's bearer token ({@code console.metrics.scrape-token}, set in the test
 * profile) opens {@code GET /actuator/prometheus} and nothing else, makes no session, and
 * a wrong token is refused; without a token the endpoint stays an ADMIN's.
 */
@ConsoleApplicationTest
@AutoConfigureMockMvc
class MetricsScrapeApplicationTest {

    static final String TOKEN = "test-scrape-token-not-for-production-0042";

    @Autowired
    MockMvcTester mvc;

    @Test
    void theTokenReadsThePrometheusEndpointWithoutASession() {
        var result = mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN).exchange();

        assertThat(result).hasStatusOk().bodyText().contains("jvm_memory_used_bytes");
        assertThat(result.getResponse().getCookie("JSESSIONID")).as("no session started").isNull();
        assertThat(result).doesNotContainHeader("Set-Cookie");
    }

    @Test
    void aWrongTokenIsRefusedWith401() {
        assertThat(mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN + "x"))
            .hasStatus(401)
            .containsHeader("WWW-Authenticate");
        assertThat(mvc.get().uri("/actuator/prometheus").header("Authorization", "Bearer ")).hasStatus(401);
    }

    @Test
    void theTokenOpensNoOtherEndpointAndNoWrite() {
        for (String endpoint : new String[] { "/actuator/metrics", "/actuator/info", "/key-stores", "/health",
                "/audit" }) {
            assertThat(mvc.get().uri(endpoint).header("Authorization", "Bearer " + TOKEN)).as(endpoint)
                .hasStatus3xxRedirection();
        }
        assertThat(mvc.post().uri("/actuator/prometheus").header("Authorization", "Bearer " + TOKEN).with(csrf()))
            .hasStatus(403);
    }

    @Test
    void withoutATokenTheEndpointStaysAnAdministratorsRead() {
        assertThat(mvc.get().uri("/actuator/prometheus").with(user("admin").roles("ADMIN"))).hasStatusOk();
        assertThat(mvc.get().uri("/actuator/prometheus").with(user("someone").roles("VIEWER"))).hasStatus(403);
        assertThat(mvc.get().uri("/actuator/prometheus")).hasStatus3xxRedirection();
    }

}
