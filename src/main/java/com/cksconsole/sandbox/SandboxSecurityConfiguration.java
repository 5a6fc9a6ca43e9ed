package com.cksconsole.sandbox;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The sandbox endpoints ({@code /sandbox/**}) are machine APIs protected by SigV4 alone,
 * like KMS and XKS proxies: no console sign-in, no session, no CSRF token (a SigV4
 * signature cannot be forged cross-site). Outside sandbox mode this chain does not exist,
 * so {@code /sandbox/**} falls to the console's chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain sandboxSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher("/sandbox/**")
            .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
            .csrf(csrf -> csrf.disable())
            .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.disable())
            .anonymous(anonymous -> anonymous.disable());
        return http.build();
    }

}
