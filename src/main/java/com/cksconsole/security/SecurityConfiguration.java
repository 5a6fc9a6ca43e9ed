package com.cksconsole.security;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.StaticHeadersWriter;

import com.cksconsole.edge.FormActionOrigins;
import com.cksconsole.edge.SecurityHeaders;
import com.cksconsole.security.accounts.GroupMappingRepository;
import com.cksconsole.security.accounts.Role;
import com.cksconsole.security.accounts.TargetGrantRepository;
import com.cksconsole.security.accounts.UserAccountRepository;
import com.cksconsole.targets.TargetPermissions;
import com.cksconsole.session.SessionVault;

/**
 * The console's HTTP security policy: form login, OpenID Connect sign-in when providers
 * are configured, CSRF, strict headers, deny by default.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /**
     * The same headers as every other response of the console (the container's errors
     * included).
     */
    static final String CONTENT_SECURITY_POLICY = SecurityHeaders.CONTENT_SECURITY_POLICY;
    static final String PERMISSIONS_POLICY = SecurityHeaders.PERMISSIONS_POLICY;

    @Bean
    SecurityFilterChain consoleSecurity(HttpSecurity http, UserAccountRepository users, SignInProperties signIn,
            Clock clock, AuthenticationManager throttledSignIn, ApplicationEventPublisher events,
            ObjectProvider<AccessDeniedHandler> accessDeniedHandler, RoleHierarchy roleHierarchy,
            ObjectProvider<SsoProperties> ssoSettings, ObjectProvider<GroupMappingRepository> groupMappings,
            ObjectProvider<SsoClientRegistrations> registrations, ObjectProvider<SsoProviders> providers,
            ObjectProvider<SecurityAuditing> audit) throws Exception {
        var passwordChangeGate = new PasswordChangeGate(users);
        var sso = ssoSettings.getIfAvailable(SsoProperties::off);
        http
            // Set explicitly: the chain must never fall back to an unthrottled default
            // manager.
            .authenticationManager(throttledSignIn)
            .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.FORWARD)
                .permitAll()
                .requestMatchers("/login", "/css/**", "/js/**", "/img/**", "/favicon.ico", "/error")
                .permitAll()
                // The provider buttons and the refused sign-in's page (GET only).
                .requestMatchers(HttpMethod.GET, "/sso/*")
                .permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**")
                .permitAll()
                .requestMatchers("/actuator/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/users", "/users/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/targets", "/targets/**")
                .hasRole(Role.ADMIN.name())
                .requestMatchers("/approval-policies", "/approval-policies/**")
                .hasRole(Role.ADMIN.name())
                // One target's pages: GET and HEAD need a view right on {target}, every
                // other method a change right there (a global role or a grant on it).
                .requestMatchers(TargetAuthorization.TARGET_PAGES)
                .access(TargetAuthorization.onePerTarget(roleHierarchy))
                // Every target's stores in one list, and the old single-target URLs
                // (GET only): anyone who may view some target; the pages show only what
                // TargetPermissions lets them.
                .requestMatchers(HttpMethod.GET, "/key-stores", "/key-stores/**")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                .requestMatchers(HttpMethod.HEAD, "/key-stores", "/key-stores/**")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                // No change has a cross-target URL: a grant never reaches one.
                .requestMatchers("/key-stores", "/key-stores/**")
                .hasRole(Role.OPERATOR.name())
                // The health dashboard of every target the user sees (GET only; it
                // shows only what TargetPermissions lets them).
                // The approval requests of every target the user sees (GET only; the
                // answers are POSTs under /t/{target}, with the change right there).
                .requestMatchers(HttpMethod.GET, "/approvals")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                .requestMatchers(HttpMethod.HEAD, "/approvals")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                .requestMatchers(HttpMethod.GET, "/health")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                .requestMatchers(HttpMethod.HEAD, "/health")
                .access(TargetAuthorization.anyTarget(roleHierarchy))
                .requestMatchers("/audit", "/audit/**")
                .hasRole(Role.AUDITOR.name())
                // The sandbox's settings page and changes (sandbox mode only; the
                // handlers check the role again).
                .requestMatchers("/sandbox-settings/**")
                .hasRole(Role.ADMIN.name())
                .anyRequest()
                .authenticated())
            .formLogin(form -> form.loginPage("/login").successHandler(passwordChangeGate).permitAll())
            .logout(logout -> logout.logoutUrl("/logout")
                .logoutSuccessHandler(new SsoSignOut(registrations.getIfAvailable(), formActionOrigins(sso)))
                .deleteCookies("JSESSIONID", SessionVault.KEY_COOKIE))
            // The audit package's handler records CSRF refusals (no event exists for
            // them) and then answers
            // as the default one; slices without it get the default.
            .exceptionHandling(exceptions -> exceptions
                .accessDeniedHandler(accessDeniedHandler.getIfUnique(AccessDeniedHandlerImpl::new)))
            .sessionManagement(session -> session.sessionFixation(fixation -> fixation.newSession()))
            .headers(headers -> consoleHeaders(headers, contentSecurityPolicy(sso)))
            .addFilterBefore(new SessionLifetimeFilter(signIn, clock), SecurityContextHolderFilter.class)
            // After the CSRF check and before sign-out, sign-in and authorization: a
            // session whose user's rights
            // changed is ended before it can do anything.
            .addFilterAfter(new SessionRightsFilter(users, events, groupMappings.getIfAvailable(), sso),
                    CsrfFilter.class)
            .addFilterAfter(passwordChangeGate, AnonymousAuthenticationFilter.class);
        if (sso.enabled()) {
            // The authentication itself is the OpenID Connect provider inside the
            // console's one authentication manager (see authenticationManager below).
            http.oauth2Login(login -> login.loginPage("/login")
                .clientRegistrationRepository(registrations.getObject())
                // No access or refresh token is kept anywhere: the console calls no API
                // of
                // the provider.
                .authorizedClientRepository(new NoAuthorizedClientsKept())
                .successHandler(new SavedRequestAwareAuthenticationSuccessHandler())
                .failureHandler(new SsoSignInFailures(audit.getObject(), providers.getObject())));
        }
        return http.build();
    }

    /**
     * The security headers of every answer of the console, the same in each of its
     * chains.
     */
    static void consoleHeaders(HeadersConfigurer<HttpSecurity> headers) {
        consoleHeaders(headers, CONTENT_SECURITY_POLICY);
    }

    private static void consoleHeaders(HeadersConfigurer<HttpSecurity> headers, String contentSecurityPolicy) {
        headers.contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy))
            .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
            .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS_POLICY));
    }

    /**
     * The console's pages' policy, whose {@code form-action} also admits each configured
     * identity provider's origin: the header's "Sign out of <provider> too" is a form,
     * and browsers apply {@code form-action} to the redirects that follow a form's
     * submission too, so with {@code 'self'} alone they would stop the redirect to the
     * provider's end-session endpoint (and stay on the page, signed out of the console
     * only). The end-session endpoint is taken to be on the issuer's origin (docs/sso.md,
     * Limits); it is only known from the discovery document, read long after the headers
     * are fixed. The edge writes the same policy on every response
     * ({@link #formActionOrigins(SsoProperties)} is its {@code FormActionOrigins}).
     */
    static String contentSecurityPolicy(SsoProperties sso) {
        return SecurityHeaders.contentSecurityPolicy(formActionOrigins(sso));
    }

    /** The providers' origins, for the edge's policy of every response. */
    @Bean
    FormActionOrigins identityProviderOrigins(ObjectProvider<SsoProperties> sso) {
        var origins = formActionOrigins(sso.getIfAvailable(SsoProperties::off));
        return () -> origins;
    }

    /** The origins a form's answer may lead to besides the console's own. */
    static List<String> formActionOrigins(SsoProperties sso) {
        return sso.providers()
            .values()
            .stream()
            .map(provider -> origin(provider.issuerUri()))
            .flatMap(Optional::stream)
            .distinct()
            .sorted()
            .toList();
    }

    /** {@code scheme://host[:port]}, as a CSP source expression names an origin. */
    static Optional<String> origin(URI uri) {
        if (uri.getScheme() == null || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    /**
     * Publishes authorization denials (only those: its default) as events, which the
     * audit log records.
     */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher publisher) {
        return new SpringAuthorizationEventPublisher(publisher);
    }

    /**
     * The application's only authentication manager: the password check behind sign-in
     * throttling. Being a bean, it replaces the default manager, so no other provider can
     * check a password unthrottled.
     */
    @Bean
    AuthenticationManager authenticationManager(UserAccountRepository users, TargetGrantRepository grants,
            PasswordEncoder passwordEncoder, SignInThrottle throttle, ApplicationEventPublisher events,
            ObjectProvider<SsoProperties> ssoSettings, ObjectProvider<GroupMappingRepository> groupMappings) {
        var sso = ssoSettings.getIfAvailable(SsoProperties::off);
        var passwordCheck = new DaoAuthenticationProvider(
                new ConsoleUserDetailsService(users, grants, sso.localSignIn()));
        passwordCheck.setPasswordEncoder(passwordEncoder);
        var providers = new ArrayList<AuthenticationProvider>();
        providers.add(new ThrottledAuthenticationProvider(passwordCheck, throttle));
        if (sso.enabled()) {
            // The code exchange, the ID token's checks (signature, issuer, audience,
            // expiry, nonce) and then the console's own rules (SsoUserService).
            providers.add(new OidcAuthorizationCodeAuthenticationProvider(
                    new RestClientAuthorizationCodeTokenResponseClient(),
                    new SsoUserService(sso, groupMappings.getObject())));
        }
        var manager = new ProviderManager(providers);
        // A hand-made ProviderManager publishes nothing by default; the audit log listens
        // to these events.
        manager.setAuthenticationEventPublisher(new DefaultAuthenticationEventPublisher(events));
        return manager;
    }

    /**
     * ADMIN may do everything; OPERATOR includes VIEWER; AUDITOR stands apart (separation
     * of duties: an auditor sees the audit log, not the key stores, and an operator does
     * not see the audit log). Used by the URL rules, {@code @PreAuthorize} and
     * {@code sec:authorize} alike.
     */
    @Bean
    static RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
            .role(Role.ADMIN.name())
            .implies(Role.OPERATOR.name(), Role.AUDITOR.name())
            .role(Role.OPERATOR.name())
            .implies(Role.VIEWER.name())
            .build();
    }

    /**
     * What the current user may do on each target, for the pages that list or show
     * targets (the API {@code targets} declares; named for SpEL). A bean of this
     * configuration, not a scanned component, so that web slice tests importing the
     * security policy have it too.
     */
    @Bean("targetPermissions")
    TargetPermissions targetPermissions(RoleHierarchy roleHierarchy) {
        return new GrantedTargetPermissions(roleHierarchy);
    }

    /** The layout's header: {@code @headerMenu.forCurrentUser()}. */
    @Bean("headerMenu")
    HeaderMenu headerMenu(RoleHierarchy roleHierarchy, ObjectProvider<SsoProviders> providers) {
        return new HeaderMenu(roleHierarchy, providers.getIfAvailable());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

}
