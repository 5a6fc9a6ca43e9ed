package com.cksconsole.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The console's CSS, JavaScript and images: public, read-only, the same for everyone. A
 * chain of their own that never looks at the session (no session lookup, no session
 * lifetime or rights checks, no request cache, nothing saved), so that they are served at
 * a fraction of a page's cost, with the same security headers as every page. Only GET and
 * HEAD; anything else is refused.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetsSecurity {

    static final String[] PATHS = { "/css/**", "/js/**", "/img/**", "/favicon.ico" };

    @Bean
    @Order(1)
    SecurityFilterChain staticAssetsChain(HttpSecurity http) throws Exception {
        http.securityMatcher(PATHS)
            .authorizeHttpRequests(auth -> auth.requestMatchers(HttpMethod.GET, PATHS)
                .permitAll()
                .requestMatchers(HttpMethod.HEAD, PATHS)
                .permitAll()
                .anyRequest()
                .denyAll())
            // No session management at all: its filter would look the session up to see
            // whether one was started elsewhere.
            .sessionManagement(session -> session.disable())
            .logout(logout -> logout.disable())
            // Anonymous for everyone: the security context lives in the request only.
            .securityContext(
                    context -> context.securityContextRepository(new RequestAttributeSecurityContextRepository()))
            .requestCache(cache -> cache.disable())
            // Read only: nothing for CSRF to protect; no form, no cookie is read.
            .csrf(csrf -> csrf.disable())
            .headers(headers -> {
                SecurityConfiguration.consoleHeaders(headers);
                // web.StaticAssetCaching decides how long a file may be kept.
                headers.cacheControl(cache -> cache.disable());
            });
        return http.build();
    }

}
