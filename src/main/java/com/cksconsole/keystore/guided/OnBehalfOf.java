package com.cksconsole.keystore.guided;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Runs a guided change's background work on behalf of the operator who started it, so
 * that the audit log names them as the actor of each step and of the update, not
 * "system". The identity carries no role: it is never used to authorise anything, only to
 * say who the work is for. A thread that already has a user (a request) keeps it.
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
