package com.cksconsole.security;

import java.util.Set;
import java.util.function.Supplier;

import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The URL rules of the per-target pages, decided by {@link TargetRights}.
 */
final class TargetAuthorization {

    /** The path variable of {@link #TARGET_PAGES} naming the target. */
    static final String TARGET_VARIABLE = "target";

    /** The pages of one target: {@code /t/{target}} and everything under it. */
    static final String[] TARGET_PAGES = { "/t/{target}", "/t/{target}/**" };

    /** Reading a page; every other method changes something. */
    private static final Set<String> READS = Set.of("GET", "HEAD");

    private TargetAuthorization() {
    }

    /**
     * {@code /t/{target}/**}: GET and HEAD need the right to view that target, every
     * other method the right to change it. Pages that prepare a change with a GET (the
     * edit and confirmation forms) check {@code mayChange} themselves.
     */
    static AuthorizationManager<RequestAuthorizationContext> onePerTarget(RoleHierarchy hierarchy) {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) -> {
            String target = context.getVariables().get(TARGET_VARIABLE);
            if (target == null) {
                return new AuthorizationDecision(false);
            }
            var rights = TargetRights.of(authentication.get(), hierarchy, context.getRequest());
            boolean read = READS.contains(context.getRequest().getMethod());
            return decision(read ? rights.mayView(target) : rights.mayChange(target));
        };
    }

    /**
     * The cross-target pages (the key store list of every target, the old single-target
     * URLs that redirect): whoever may view at least one target. What each shows is
     * filtered by {@code TargetPermissions}.
     */
    static AuthorizationManager<RequestAuthorizationContext> anyTarget(RoleHierarchy hierarchy) {
        return (Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) -> decision(
                TargetRights.of(authentication.get(), hierarchy, context.getRequest()).mayViewAny());
    }

    private static AuthorizationResult decision(boolean granted) {
        return new AuthorizationDecision(granted);
    }

}
