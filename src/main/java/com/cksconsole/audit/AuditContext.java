package com.cksconsole.audit;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Who did something and from where, as resolved from the current request and security
 * context.
 *
 * @param roles role names without the {@code ROLE_} prefix, sorted
 * @param sourceIp the client address (X-Forwarded-For only when it came through a trusted
 * proxy)
 * @param sessionHash SHA-256 hex of the HTTP session ID (never the ID itself)
 */
record AuditContext(String actor, List<String> roles, @Nullable String sourceIp, @Nullable String sessionHash) {

    static final String SYSTEM = "system";

    AuditContext {
        actor = AuditText.clean(actor, 128);
        roles = roles.stream().sorted().toList();
    }

    String rolesText() {
        return AuditText.clean(String.join(",", roles), 255);
    }
}
