package com.cksconsole.rotation;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs a rotation's background checks on behalf of the operator who started it, so that
 * the audit log names them (not "system") as the actor of each step and of the update.
 * The identity carries no role: it never authorises anything. A thread that already has a
 * user (a request) keeps it.
 */
final class OnBehalfOf {

    private OnBehalfOf() {
    }

    static <T> T operator(String username, Supplier<T> work) {
        if (SecurityContextHolder.getContext().getAuthentication() != null) {
            return work.get();
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(username, null, List.of()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        }
        finally {
            SecurityContextHolder.clearContext();
        }
    }

}
