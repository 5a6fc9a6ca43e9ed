package com.cksconsole.sandbox.kms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.cksconsole.kms.SandboxDefaults;

/**
 * The endpoint's last line of defence: an unexpected failure is a bare
 * KMSInternalException (500).
 */
class SandboxKmsControllerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:15:00Z");

    @Test
    void anUnexpectedFailureIsKmsInternalExceptionWithoutDetails() throws Exception {
        KmsOperation failing = new KmsOperation() {
            @Override
            public String name() {
                return "DescribeCustomKeyStores";
            }

            @Override
            public ObjectNode handle(Call call, KmsRequest request) {
                throw new IllegalStateException("database said something internal");
            }
        };
        var controller = new SandboxKmsController(
                new SigV4Authenticator("kms",
                        new SandboxCredentials(SandboxKmsPropertiesTest.bind(Map.of()),
                                new SandboxWorldProperties(null, null, null), new StsSessions(null, Clock.systemUTC())),
                        Clock.fixed(NOW, ZoneOffset.UTC)),
                new RequestRateLimiter(false, 5, Clock.systemUTC()), List.of(failing), Clock.fixed(NOW, ZoneOffset.UTC),
                new SandboxKmsFaults());
        var response = new MockHttpServletResponse();

        controller.handle(signedRequest("{}"), response);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getHeader("x-amzn-ErrorType")).isEqualTo("KMSInternalException");
        assertThat(response.getHeader("Date")).as("the sandbox's time").isEqualTo("Sun, 01 Mar 2026 10:15:00 GMT");
        var body = JsonMapper.builder().build().readTree(response.getContentAsString());
        assertThat(body.get("__type").stringValue()).isEqualTo("KMSInternalException");
        assertThat(response.getContentAsString()).doesNotContain("database", "IllegalStateException");
    }

    /** A request signed as the CLI signs it, for host 127.0.0.1 (port 80). */
    private static MockHttpServletRequest signedRequest(String body) {
        var headers = new RawKmsRequests(80).signedHeaders("/sandbox/kms", "us-east-1",
                "TrentService.DescribeCustomKeyStores", body, NOW);
        var request = new MockHttpServletRequest("POST", "/sandbox/kms");
        request.setServerName("127.0.0.1");
        request.setServerPort(80);
        request.addHeader("Host", "127.0.0.1");
        headers.forEach(request::addHeader);
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        return request;
    }

}
