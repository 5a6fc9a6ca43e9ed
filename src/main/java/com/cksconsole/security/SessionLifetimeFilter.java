package com.cksconsole.security;

import java.io.IOException;
import java.time.Clock;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a session that has lived longer than the absolute timeout, however active it was
 * (OWASP ASVS 3.3.2): the servlet container only knows the idle timeout. Sign-in always
 * starts a new session (fixation protection), so the session's creation time is the
 * sign-in time. Not a bean, so that Boot does not also register it outside the security
 * chain.
 */
class SessionLifetimeFilter extends OncePerRequestFilter {

    private final SignInProperties properties;

    private final Clock clock;

    SessionLifetimeFilter(SignInProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var session = request.getSession(false);
        if (session != null
                && clock.millis() - session.getCreationTime() > properties.absoluteSessionTimeout().toMillis()) {
            session.invalidate();
            response.sendRedirect(request.getContextPath() + "/login?expired");
            return;
        }
        chain.doFilter(request, response);
    }

}
