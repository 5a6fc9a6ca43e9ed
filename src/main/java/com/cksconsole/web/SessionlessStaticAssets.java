package com.cksconsole.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The console's static files are served as if the browser had no session. Their security
 * chain never looks at it (security.StaticAssetsSecurity), but Spring MVC asks the
 * flash-map manager for a redirect's attributes on every request it dispatches, a file's
 * included: with sessions in the database that was a session read (and a write of its
 * last access time) for every stylesheet and script, and a 503 for them during a database
 * outage. Placed right after Spring Session's filter, so that nothing behind it can reach
 * the session: a file does not read it, extend it, or depend on the database.
 */
@Configuration(proxyBeanMethods = false)
class SessionlessStaticAssets {

    @Bean
    FilterRegistrationBean<WithoutSession> staticAssetsWithoutSession() {
        var registration = new FilterRegistrationBean<>(new WithoutSession());
        registration.addUrlPatterns("/css/*", "/js/*", "/img/*", "/favicon.ico");
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    static final class WithoutSession extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            chain.doFilter(StaticAssetCaching.isAsset(path) ? new NoSession(request) : request, response);
        }

    }

    /**
     * A request that has no session and cannot start one: a static file has nothing to
     * keep.
     */
    static final class NoSession extends HttpServletRequestWrapper {

        NoSession(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable HttpSession getSession(boolean create) {
            if (create) {
                throw new IllegalStateException("A static file is served without a session");
            }
            return null;
        }

        @Override
        public HttpSession getSession() {
            throw new IllegalStateException("A static file is served without a session");
        }

        @Override
        public boolean isRequestedSessionIdValid() {
            return false;
        }

    }

}
