package com.cksconsole.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who and where, for the event being recorded: the user of the current security context,
 * their roles, the client address (see {@link TrustedProxies}) and a SHA-256 of the HTTP
 * session ID. Outside a request (a background task) the actor is {@code system}.
 */
class AuditContextResolver {

    static final String ANONYMOUS = "anonymous";

    private static final String ROLE_PREFIX = "ROLE_";

    private final TrustedProxies proxies;

    AuditContextResolver(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    AuditContext current() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        var request = currentRequest();
        String actor;
        List<String> roles;
        if (authentication == null || authentication instanceof AnonymousAuthenticationToken
                || !authentication.isAuthenticated()) {
            actor = request == null ? AuditContext.SYSTEM : ANONYMOUS;
            roles = List.of();
        }
        else {
            actor = actorOf(authentication);
            roles = roles(authentication);
        }
        return forActor(actor, roles);
    }

    /**
     * The request's origin with an actor the caller determined (e.g. the user of a
     * sign-in event).
     */
    AuditContext forActor(String actor, List<String> roles) {
        var request = currentRequest();
        if (request == null) {
            return new AuditContext(actor, roles, null, null);
        }
        return new AuditContext(actor, roles, sourceIp(request), sessionHash(request));
    }

    /**
     * How the audit log names an authenticated user: their user name, or what their
     * principal says when it is an {@link AuditedActor} (a single-sign-on user).
     */
    static String actorOf(Authentication authentication) {
        return authentication.getPrincipal() instanceof AuditedActor named ? named.auditName()
                : authentication.getName();
    }

    static List<String> roles(Authentication authentication) {
        Collection<? extends GrantedAuthority> authorities = authentication.getAuthorities();
        if (authorities == null) {
            return List.of();
        }
        return authorities.stream()
            .map(GrantedAuthority::getAuthority)
            .filter(a -> a != null && a.startsWith(ROLE_PREFIX))
            .map(a -> a.substring(ROLE_PREFIX.length()))
            .sorted()
            .toList();
    }

    String sourceIp(HttpServletRequest request) {
        List<String> forwarded = Collections.list(request.getHeaders(TrustedProxies.HEADER));
        return proxies.clientAddress(request.getRemoteAddr(), forwarded);
    }

    /**
     * The hash of the session the request belongs to. After sign-out the session is
     * already invalidated; the ID the client sent still names the session that just
     * ended.
     */
    static @Nullable String sessionHash(HttpServletRequest request) {
        var session = request.getSession(false);
        String id = session != null ? session.getId() : request.getRequestedSessionId();
        return id == null ? null : sha256(id);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static @Nullable HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

}
