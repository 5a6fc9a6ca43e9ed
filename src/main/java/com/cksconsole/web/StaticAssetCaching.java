package com.cksconsole.web;

import java.io.IOException;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * How long browsers keep the console's static files. A content-hashed URL
 * ({@code /css/console-<md5>.css}, made by Spring's resource chain,
 * {@link StaticAssetHandlers}) names one version of a file for ever:
 * {@code public, max-age=31536000, immutable} (RFC 8246). The same file under its plain
 * name may change with the next release: {@code no-cache} (kept, but checked with its
 * ETag each time). The same filter serves them without the session
 * ({@link SessionlessRequest}).
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetCaching {

    /** A year, the longest lifetime RFC 9111 suggests for "never expires". */
    static final String HASHED = "public, max-age=31536000, immutable";

    static final String PLAIN = "no-cache";

    /** The content version strategy's MD5 in hex, before the extension. */
    static final Pattern CONTENT_HASH = Pattern.compile("-[0-9a-f]{32}\\.[A-Za-z0-9]+$");

    static boolean isAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
                || path.equals("/favicon.ico");
    }

    @Bean
    FilterRegistrationBean<StaticAssetRequests> staticAssetRequests() {
        var registration = new FilterRegistrationBean<>(new StaticAssetRequests());
        registration.addUrlPatterns("/css/*", "/js/*", "/img/*", "/favicon.ico");
        // Right behind Spring Session's filter, so that nothing after it can reach the
        // session (SessionlessRequest); still before the security filters, so that their
        // answer (a 401, 403) keeps its own headers.
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER + 1);
        return registration;
    }

    /**
     * Sets Cache-Control on the way in (the resource handler leaves it as it is) and
     * hands the rest of the chain a request without a session.
     */
    static final class StaticAssetRequests extends OncePerRequestFilter {

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (!isAsset(path)) {
                chain.doFilter(request, response);
                return;
            }
            response.setHeader(HttpHeaders.CACHE_CONTROL, CONTENT_HASH.matcher(path).find() ? HASHED : PLAIN);
            chain.doFilter(new SessionlessRequest(request), response);
        }

    }

}
