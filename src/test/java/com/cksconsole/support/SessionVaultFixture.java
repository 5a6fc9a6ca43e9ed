package com.cksconsole.support;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.h2.jdbcx.JdbcDataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.test.autoconfigure.MockMvcBuilderCustomizer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

import com.cksconsole.session.SessionVault;

/**
 * A {@link SessionVault} for tests without a running console: its used-token records in a
 * fresh in-memory H2 database. For unit tests, a browser request bound to the test's
 * thread (the vault reads its key from the request's cookie, or issues one into it);
 * close the fixture after the test to unbind it. For MockMvc slice tests,
 * {@link #browserCookies()}: MockMvc keeps no cookies between requests, a browser does.
 */
public final class SessionVaultFixture implements AutoCloseable {

    private final SessionVault vault;

    private final MockHttpServletResponse response = new MockHttpServletResponse();

    /** A vault and a browser request bound to this thread. */
    public SessionVaultFixture(Clock clock) {
        this.vault = vaultOnH2(clock);
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(new MockHttpServletRequest(), response));
    }

    /** A vault whose used tokens are recorded in a fresh in-memory database. */
    public static SessionVault vaultOnH2(Clock clock) {
        var dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:vault-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        var jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table session_token_use (token_hash char(64) primary key, expires_at_millis bigint not null)")
            .update();
        return new SessionVault(jdbc, clock);
    }

    /**
     * Lets MockMvc requests that share a session also share the browser's key cookie, as
     * a browser would send it.
     */
    public static MockMvcBuilderCustomizer browserCookies() {
        return builder -> builder.addFilters(new KeyCookieJar());
    }

    /**
     * Runs {@code action} as a request of the browser that holds {@code session} in a
     * MockMvc test: with the key cookie that browser received.
     */
    public static <T> T asTheBrowserOf(HttpSession session, Supplier<T> action) {
        return asTheBrowser(session, KeyCookieJar.KEYS.get(session.getId()), action);
    }

    /**
     * Runs {@code look} on a copy of a session a running console stored in the database,
     * as a request of the browser with that key cookie (a test's HTTP client's cookie).
     */
    public static <T> T inStoredSession(SessionRepository<? extends Session> sessions, String sessionId,
            @Nullable String key, Function<HttpSession, T> look) {
        var copy = new MockHttpSession(null, sessionId);
        var stored = sessions.findById(sessionId);
        if (stored != null) {
            stored.getAttributeNames().forEach(name -> copy.setAttribute(name, stored.getAttribute(name)));
        }
        return asTheBrowser(copy, key, () -> look.apply(copy));
    }

    private static <T> T asTheBrowser(HttpSession session, @Nullable String key, Supplier<T> action) {
        var request = new MockHttpServletRequest();
        request.setSession(session);
        if (key != null) {
            request.setCookies(new Cookie(SessionVault.KEY_COOKIE, key));
        }
        var previous = RequestContextHolder.getRequestAttributes();
        RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, new MockHttpServletResponse()));
        try {
            return action.get();
        }
        finally {
            RequestContextHolder.setRequestAttributes(previous);
        }
    }

    public SessionVault vault() {
        return vault;
    }

    /** What the vault sent to the browser (the key cookie). */
    public MockHttpServletResponse response() {
        return response;
    }

    @Override
    public void close() {
        RequestContextHolder.resetRequestAttributes();
    }

    /** The key cookie per session ID, sent again with every request of that session. */
    private static final class KeyCookieJar extends OncePerRequestFilter {

        /** Every MockMvc session's key (MockHttpSession IDs are unique in a JVM). */
        private static final Map<String, String> KEYS = new ConcurrentHashMap<>();

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            var session = request.getSession(false);
            if (session != null && request instanceof MockHttpServletRequest mock
                    && WebUtils.getCookie(request, SessionVault.KEY_COOKIE) == null) {
                String key = KEYS.get(session.getId());
                if (key != null) {
                    var cookies = mock.getCookies() == null ? new Cookie[0] : mock.getCookies();
                    mock.setCookies(
                            Stream.concat(Arrays.stream(cookies), Stream.of(new Cookie(SessionVault.KEY_COOKIE, key)))
                                .toArray(Cookie[]::new));
                }
            }
            chain.doFilter(request, response);
            var after = request.getSession(false);
            if (after != null) {
                response.getHeaders("Set-Cookie")
                    .stream()
                    .filter(header -> header.startsWith(SessionVault.KEY_COOKIE + "="))
                    .map(header -> header.substring(SessionVault.KEY_COOKIE.length() + 1).split(";", 2)[0])
                    .filter(value -> !value.isEmpty())
                    .forEach(value -> KEYS.put(after.getId(), value));
            }
        }

    }

}
