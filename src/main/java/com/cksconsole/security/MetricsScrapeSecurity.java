package com.cksconsole.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Prometheus scrapes {@code GET /actuator/prometheus} with a bearer token
 * ({@code console.metrics.scrape-token}) instead of an ADMIN session: a chain of its own,
 * taken only by requests that carry a bearer token on that one path, stateless (no
 * session is made) and granting nothing but that read. Requests without a bearer token go
 * through the console's chain as before (an ADMIN session reads the metrics too).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${console.metrics.scrape-token:}'.trim() != ''")
class MetricsScrapeSecurity {

    static final String PATH = "/actuator/prometheus";

    static final String SCRAPER_ROLE = "METRICS_SCRAPER";

    private static final String BEARER = "Bearer ";

    @Bean
    @Order(0)
    SecurityFilterChain metricsScrapeChain(HttpSecurity http, MetricsScrapeProperties properties) throws Exception {
        RequestMatcher bearerOnPrometheus = request -> PATH.equals(request.getRequestURI())
                && String.valueOf(request.getHeader(HttpHeaders.AUTHORIZATION)).startsWith(BEARER);
        http.securityMatcher(bearerOnPrometheus)
            .authorizeHttpRequests(
                    auth -> auth.requestMatchers(HttpMethod.GET, PATH).hasRole(SCRAPER_ROLE).anyRequest().denyAll())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            // GET only, no cookie involved: nothing for CSRF to protect.
            .csrf(csrf -> csrf.disable())
            .requestCache(cache -> cache.disable())
            .addFilterBefore(new ScrapeTokenFilter(Objects.requireNonNull(properties.scrapeToken())),
                    AuthorizationFilter.class);
        return http.build();
    }

    /**
     * Checks the bearer token in constant time (digests compared with
     * {@link MessageDigest#isEqual}); a wrong one ends the request with 401.
     */
    static final class ScrapeTokenFilter extends OncePerRequestFilter {

        private final byte[] expected;

        ScrapeTokenFilter(String token) {
            this.expected = sha256(token.strip());
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String header = String.valueOf(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (!MessageDigest.isEqual(expected, sha256(header.substring(BEARER.length()).strip()))) {
                response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
                response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
                return;
            }
            var context = SecurityContextHolder.createEmptyContext();
            context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("metrics-scraper", null,
                    List.of(new SimpleGrantedAuthority("ROLE_" + SCRAPER_ROLE))));
            SecurityContextHolder.setContext(context);
            try {
                chain.doFilter(request, response);
            }
            finally {
                SecurityContextHolder.clearContext();
            }
        }

        private static byte[] sha256(String value) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            }
            catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

    }

}
