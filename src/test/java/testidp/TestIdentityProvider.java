package testidp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * A real OpenID provider (Spring Authorization Server) for the single-sign-on tests, in
 * the test's own JVM on {@code http://127.0.0.1:<random port>}, as an application context
 * of its own that shares nothing with the console's.
 *
 * <p>
 * How a console test uses it: start it before the console's context is built and point
 * the console at it.
 *
 * <pre>
 * static final TestIdentityProvider idp = TestIdentityProvider.start();
 *
 * &#64;DynamicPropertySource
 * static void sso(DynamicPropertyRegistry registry) {
 *     registry.add("console.sso.providers.test-idp.issuer-uri", idp::issuer);
 *     registry.add("console.sso.providers.test-idp.client-id", () -&gt; TestIdentityProvider.CLIENT_ID);
 *     registry.add("console.sso.providers.test-idp.client-secret", () -&gt; TestIdentityProvider.CLIENT_SECRET);
 * }
 *
 * &#64;AfterAll
 * static void stopIdp() {
 *     idp.close();
 * }
 * </pre>
 *
 * The browser must reach the console as {@code 127.0.0.1}, never {@code localhost}: the
 * provider refuses a {@code localhost} redirect URI (OAuth 2.1, section 9.7.1), and
 * accepts a loopback IP literal on any port (RFC 8252, section 7.3), so the console's
 * random port needs no registration. Its callback path does: {@code test-idp} is
 * registered ({@link #REGISTRATION_ID}); another registration ID needs
 * {@link #allowRedirectUri(String)}. The same holds for the post-logout redirect
 * ({@code http://127.0.0.1/login?signedOut} is registered) at the end-session endpoint
 * ({@code /connect/logout}). The provider's session cookie is {@value #SESSION_COOKIE},
 * not {@code JSESSIONID}: cookies do not tell ports apart, and the console's session
 * cookie on {@code 127.0.0.1} would otherwise be overwritten.
 *
 * <p>
 * The attack switches ({@code tamperNextIdToken}, {@code nextIdToken...}) each apply to
 * the next ID token the provider issues (the next successful token response carrying
 * one), then reset.
 */
public final class TestIdentityProvider implements AutoCloseable {

    /** The console's client ID at the provider. */
    public static final String CLIENT_ID = "console";

    /** The console's client secret (client_secret_basic); fake and public. */
    public static final String CLIENT_SECRET = "test-client-secret-not-for-production";

    /** The registration ID whose console callback is registered from the start. */
    public static final String REGISTRATION_ID = "test-idp";

    /** The provider's session cookie (see the class comment). */
    public static final String SESSION_COOKIE = "IDPSESSION";

    private static final String TOKEN_PATH = "/oauth2/token";

    private final Map<String, TestUser> users = new ConcurrentHashMap<>();

    private final AtomicReference<RegisteredClient> client = new AtomicReference<>(initialClient());

    private final AtomicReference<@Nullable Map<String, Object>> tamperedClaims = new AtomicReference<>();

    private final AtomicReference<@Nullable String> nonceOverride = new AtomicReference<>();

    private final AtomicReference<@Nullable String> issuerOverride = new AtomicReference<>();

    private final AtomicReference<@Nullable String> audienceOverride = new AtomicReference<>();

    private final AtomicBoolean foreignKeyNext = new AtomicBoolean();

    private final AtomicInteger tokenRequests = new AtomicInteger();

    /** The key the provider signs with and publishes at its JWKS endpoint. */
    private final RSAKey signingKey = rsaKey("test-idp-signing-key");

    /** A key of the same shape the JWKS never shows: what a forger signs with. */
    private final RSAKey foreignKey = rsaKey("foreign-key");

    private @Nullable ConfigurableApplicationContext context;

    private String issuer = "";

    private TestIdentityProvider() {
    }

    /** Starts a provider on a random port of 127.0.0.1 (2 to 3 s in a cold JVM). */
    public static TestIdentityProvider start() {
        var provider = new TestIdentityProvider();
        var application = new SpringApplicationBuilder(IdpConfiguration.class)
            .initializers(context -> context.getBeanFactory().registerSingleton("testIdentityProvider", provider))
            // A config name of its own: the console's application.yml and
            // application-test.yml
            // are on the same class path and must not configure the provider.
            .properties("spring.config.name=test-idp", "server.address=127.0.0.1", "server.port=0",
                    "server.servlet.session.cookie.name=" + SESSION_COOKIE, "spring.main.banner-mode=off",
                    "spring.main.log-startup-info=false", "spring.jmx.enabled=false")
            .build();
        // The logging system belongs to the console's context in the same JVM: a second
        // context must neither reinitialise it at start nor clean it up at close.
        application.setListeners(application.getListeners()
            .stream()
            .filter(listener -> !(listener instanceof LoggingApplicationListener))
            .toList());
        var context = application.run();
        provider.context = context;
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        provider.issuer = "http://127.0.0.1:" + port;
        return provider;
    }

    /**
     * The issuer (also the base URL), {@code http://127.0.0.1:<port>}, without a trailing
     * slash.
     */
    public String issuer() {
        return issuer;
    }

    @Override
    public void close() {
        var running = context;
        if (running != null) {
            running.close();
            context = null;
        }
    }

    /** Adds (or replaces) a user who can sign in with the given password. */
    public void addUser(String username, String password, String... groups) {
        users.put(username, new TestUser(username, password, List.of(groups), username));
    }

    /** Changes a user's groups: the next ID token carries them. */
    public void setGroups(String username, String... groups) {
        users.computeIfPresent(username, (name, user) -> user.withGroups(List.of(groups)));
    }

    /**
     * Changes what the ID token shows as the user ({@code preferred_username} and
     * {@code name}), not who the user is ({@code sub}).
     */
    public void setDisplayName(String username, String displayName) {
        users.computeIfPresent(username, (name, user) -> user.withDisplayName(displayName));
    }

    /**
     * The user's {@code sub}: stable for a username (also across providers), opaque, and
     * never the username itself, so a test can tell identity from display name.
     */
    public static String subjectOf(String username) {
        return UUID.nameUUIDFromBytes(("test-idp-subject:" + username).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Registers another redirect URI for the console client, for example
     * {@code http://127.0.0.1/login/oauth2/code/other}; on 127.0.0.1 any port matches.
     */
    public void allowRedirectUri(String redirectUri) {
        client.updateAndGet(current -> RegisteredClient.from(current).redirectUri(redirectUri).build());
    }

    /**
     * Registers another post-logout redirect URI, for example
     * {@code http://127.0.0.1/login?signedOut&other}; on 127.0.0.1 any port matches.
     */
    public void allowPostLogoutRedirectUri(String postLogoutRedirectUri) {
        client.updateAndGet(
                current -> RegisteredClient.from(current).postLogoutRedirectUri(postLogoutRedirectUri).build());
    }

    /**
     * The next ID token leaves the token endpoint with these claims put into its payload,
     * header and signature unchanged: a token whose signature no longer verifies.
     */
    public void tamperNextIdToken(Map<String, Object> claimOverrides) {
        tamperedClaims.set(Map.copyOf(claimOverrides));
    }

    /** The next ID token is properly signed and carries this (wrong) nonce. */
    public void nextIdTokenNonce(String nonce) {
        nonceOverride.set(nonce);
    }

    /** The next ID token is properly signed and names this (wrong) issuer. */
    public void nextIdTokenIssuer(String issuer) {
        issuerOverride.set(issuer);
    }

    /** The next ID token is properly signed for this (wrong) audience only. */
    public void nextIdTokenAudience(String audience) {
        audienceOverride.set(audience);
    }

    /**
     * The next ID token is well formed but signed by a key the JWKS does not hold (with a
     * key ID of its own).
     */
    public void nextIdTokenSignedWithForeignKey() {
        foreignKeyNext.set(true);
    }

    /** How many requests reached the token endpoint so far. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** The public half of the provider's signing key, as its JWKS endpoint shows it. */
    public RSAKey signingPublicKey() {
        return signingKey.toPublicJWK();
    }

    private static RegisteredClient initialClient() {
        return RegisteredClient.withId(UUID.randomUUID().toString())
            .clientId(CLIENT_ID)
            .clientSecret("{noop}" + CLIENT_SECRET)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
            // The port is left out: the provider accepts a loopback IP literal redirect
            // on any port.
            .redirectUri("http://127.0.0.1/login/oauth2/code/" + REGISTRATION_ID)
            .postLogoutRedirectUri("http://127.0.0.1/login?signedOut")
            .scope(OidcScopes.OPENID)
            .scope(OidcScopes.PROFILE)
            .scope(OidcScopes.EMAIL)
            .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
            .build();
    }

    private static RSAKey rsaKey(String keyId) {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(keyId)
                .build();
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Lets the end-session endpoint accept a registered loopback post-logout redirect URI
     * on any port, as the authorization endpoint does for sign-in redirects (Spring
     * Authorization Server matches post-logout redirect URIs exactly): the console runs
     * on a random port.
     */
    private static void anyLoopbackPort(AuthenticationProvider provider) {
        if (provider instanceof OidcLogoutAuthenticationProvider logout) {
            logout.setAuthenticationValidator(context -> {
                OidcLogoutAuthenticationToken request = context.getAuthentication();
                String requested = request.getPostLogoutRedirectUri();
                var registered = context.getRegisteredClient().getPostLogoutRedirectUris();
                if (StringUtils.hasText(requested) && !registered.contains(requested)
                        && !registered.contains(withoutLoopbackPort(requested))) {
                    throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST,
                            "OpenID Connect 1.0 Logout Request Parameter: post_logout_redirect_uri", null));
                }
            });
        }
    }

    private static String withoutLoopbackPort(String uri) {
        var components = UriComponentsBuilder.fromUriString(uri).build();
        return "127.0.0.1".equals(components.getHost())
                ? UriComponentsBuilder.fromUriString(uri).port(-1).build().toUriString() : uri;
    }

    /** The claims of an ID token: who the user is, as the console reads them. */
    private void customize(JwtEncodingContext context) {
        if (!OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
            return;
        }
        var claims = context.getClaims();
        var user = users.get(context.getPrincipal().getName());
        if (user != null) {
            claims.subject(subjectOf(user.username()))
                .claim("preferred_username", user.displayName())
                .claim("name", user.displayName())
                .claim("email", user.username() + "@idp.example.test")
                .claim("groups", user.groups());
        }
        var nonce = nonceOverride.getAndSet(null);
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        var wrongIssuer = issuerOverride.getAndSet(null);
        if (wrongIssuer != null) {
            claims.issuer(wrongIssuer);
        }
        var wrongAudience = audienceOverride.getAndSet(null);
        if (wrongAudience != null) {
            claims.audience(List.of(wrongAudience));
        }
    }

    /**
     * Counts token requests and, when a switch asks, rewrites the ID token of the
     * response after Spring Authorization Server signed it (as a man in the middle
     * would).
     */
    private Filter tokenEndpointFilter() {
        return (request, response, chain) -> {
            tokenRequests.incrementAndGet();
            if (tamperedClaims.get() == null && !foreignKeyNext.get()) {
                chain.doFilter(request, response);
                return;
            }
            var buffered = new ContentCachingResponseWrapper((HttpServletResponse) response);
            chain.doFilter(request, buffered);
            byte[] body = buffered.getContentAsByteArray();
            if (buffered.getStatus() == 200) {
                body = rewriteIdToken(body);
            }
            // The wrapper kept the body and its length back: the (rewritten) body goes
            // out here instead.
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        };
    }

    private byte[] rewriteIdToken(byte[] body) throws IOException {
        try {
            Map<String, Object> json = JSONObjectUtils.parse(new String(body, StandardCharsets.UTF_8));
            if (!(json.get(OidcParameterNames.ID_TOKEN) instanceof String idToken)) {
                return body;
            }
            var overrides = tamperedClaims.getAndSet(null);
            if (overrides != null) {
                idToken = withPayloadReplaced(idToken, overrides);
            }
            if (foreignKeyNext.getAndSet(false)) {
                idToken = signedWithForeignKey(idToken);
            }
            json.put(OidcParameterNames.ID_TOKEN, idToken);
            return JSONObjectUtils.toJSONString(json).getBytes(StandardCharsets.UTF_8);
        }
        catch (ParseException | JOSEException e) {
            throw new IOException("cannot rewrite the ID token", e);
        }
    }

    /** The same header and signature over a different payload. */
    private static String withPayloadReplaced(String idToken, Map<String, Object> overrides) throws ParseException {
        String[] parts = idToken.split("\\.");
        Map<String, Object> payload = new LinkedHashMap<>(
                JSONObjectUtils.parse(new Base64URL(parts[1]).decodeToString()));
        payload.putAll(overrides);
        return parts[0] + "." + Base64URL.encode(JSONObjectUtils.toJSONString(payload)) + "." + parts[2];
    }

    /** The same claims, signed properly but by the foreign key. */
    private String signedWithForeignKey(String idToken) throws ParseException, JOSEException {
        var original = SignedJWT.parse(idToken);
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreignKey.getKeyID()).build(),
                original.getJWTClaimsSet());
        forged.sign(new RSASSASigner(foreignKey));
        return forged.serialize();
    }

    private record TestUser(String username, String password, List<String> groups, String displayName) {

        TestUser withGroups(List<String> newGroups) {
            return new TestUser(username, password, newGroups, displayName);
        }

        TestUser withDisplayName(String newDisplayName) {
            return new TestUser(username, password, groups, newDisplayName);
        }

    }

    /**
     * The provider's whole application: Tomcat, a dispatcher servlet (without one, Tomcat
     * answers 404 before any filter runs), Spring Security and the authorization server;
     * no data source, Flyway, Thymeleaf or anything else of the console's.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableWebSecurity
    @ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class,
            TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class })
    static class IdpConfiguration {

        /** The authorization server's endpoints, with the OpenID Connect ones. */
        @Bean
        @Order(1)
        SecurityFilterChain authorizationServerEndpoints(HttpSecurity http) throws Exception {
            var authorizationServer = new OAuth2AuthorizationServerConfigurer();
            http.securityMatcher(authorizationServer.getEndpointsMatcher())
                .with(authorizationServer,
                        server -> server.oidc(oidc -> oidc.logoutEndpoint(logout -> logout.authenticationProviders(
                                providers -> providers.forEach(TestIdentityProvider::anyLoopbackPort)))))
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                // A browser that is not signed in at the provider goes to its login page.
                .exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        /** The provider's own sign-in: Spring Security's generated login page. */
        @Bean
        @Order(2)
        SecurityFilterChain signIn(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults());
            return http.build();
        }

        @Bean
        UserDetailsService users(TestIdentityProvider provider) {
            return username -> {
                var user = provider.users.get(username);
                if (user == null) {
                    throw new UsernameNotFoundException("no such test user");
                }
                return User.withUsername(username).password("{noop}" + user.password()).authorities(Set.of()).build();
            };
        }

        /**
         * Reads the provider's current client on each call, so run-time changes apply.
         */
        @Bean
        RegisteredClientRepository clients(TestIdentityProvider provider) {
            return new RegisteredClientRepository() {
                @Override
                public void save(RegisteredClient registeredClient) {
                    provider.client.set(registeredClient);
                }

                @Override
                public @Nullable RegisteredClient findById(String id) {
                    var current = provider.client.get();
                    return current.getId().equals(id) ? current : null;
                }

                @Override
                public @Nullable RegisteredClient findByClientId(String clientId) {
                    var current = provider.client.get();
                    return current.getClientId().equals(clientId) ? current : null;
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> jwkSource(TestIdentityProvider provider) {
            return new ImmutableJWKSet<>(new JWKSet(provider.signingKey));
        }

        /** For the UserInfo endpoint's access tokens. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
            return NimbusJwtDecoder.withJwkSource(jwkSource).build();
        }

        /**
         * No issuer set: it is the URL the provider is reached by, http://127.0.0.1:port.
         */
        @Bean
        AuthorizationServerSettings authorizationServerSettings() {
            return AuthorizationServerSettings.builder().build();
        }

        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(TestIdentityProvider provider) {
            return provider::customize;
        }

        /** Ahead of Spring Security, so the switches see the response as it leaves. */
        @Bean
        FilterRegistrationBean<Filter> tokenEndpointFilter(TestIdentityProvider provider) {
            var registration = new FilterRegistrationBean<>(provider.tokenEndpointFilter());
            registration.addUrlPatterns(TOKEN_PATH);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

    }

}
