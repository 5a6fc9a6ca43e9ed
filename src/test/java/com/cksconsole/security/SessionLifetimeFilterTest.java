package com.cksconsole.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * The absolute session timeout: a session ends at its maximum age, however active it was.
 */
class SessionLifetimeFilterTest {

    private static final SignInProperties PROPERTIES = new SignInProperties(3, Duration.ofSeconds(60), 10, 20, 50,
            Duration.ofMinutes(15), Duration.ofHours(8));

    private static MockHttpServletResponse requestAt(MockHttpSession session, Duration age, MockFilterChain chain)
            throws Exception {
        var clock = Clock.fixed(Instant.ofEpochMilli(session.getCreationTime()).plus(age), ZoneOffset.UTC);
        var request = new MockHttpServletRequest("GET", "/key-stores");
        request.setSession(session);
        var response = new MockHttpServletResponse();
        new SessionLifetimeFilter(PROPERTIES, clock).doFilter(request, response, chain);
        return response;
    }

    @Test
    void aSessionAtExactlyItsMaximumAgeStillWorks() throws Exception {
        var session = new MockHttpSession();
        var chain = new MockFilterChain();
        var response = requestAt(session, Duration.ofHours(8), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(response.getRedirectedUrl()).isNull();
        assertThat(session.isInvalid()).isFalse();
    }

    @Test
    void aSessionOneMillisecondPastItsMaximumAgeEnds() throws Exception {
        var session = new MockHttpSession();
        var chain = new MockFilterChain();
        var response = requestAt(session, Duration.ofHours(8).plusMillis(1), chain);
        assertThat(chain.getRequest()).as("the request goes no further").isNull();
        assertThat(response.getRedirectedUrl()).isEqualTo("/login?expired");
        assertThat(session.isInvalid()).isTrue();
    }

}
