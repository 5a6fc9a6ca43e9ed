package com.cksconsole.sandbox.xksproxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;

/**
 * {@code POST} {@value #PATH} ({@code prefix}, {@code behaviour}): sets how the sandbox
 * proxy answers on a prefix now, over its schedule, or ({@code behaviour=configured})
 * returns it to its schedule and registrations. For demonstrations: ADMIN only, under the
 * console's sign-in and CSRF protection (outside {@code /sandbox/**}, whose chain has
 * neither). A functional route, so that other features' {@code @WebMvcTest} slices do not
 * pick it up.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxXksProxySettingsRoutes {

    static final String PATH = "/sandbox-settings/xks-proxy/behaviour";

    static final String CONFIGURED = "configured";

    /**
     * {@code POST} ({@code prefix}, {@code action} {@code add} or {@code remove},
     * {@code access-key-id}, and {@code secret-access-key} to add): the credentials the
     * sandbox proxy accepts on a prefix, as an operator changes them on a real proxy
     * during a rotation.
     */
    static final String CREDENTIALS_PATH = "/sandbox-settings/xks-proxy/credentials";

    @Bean
    RouterFunction<ServerResponse> sandboxXksProxySettings(SandboxProxyBehaviours behaviours,
            SandboxProxyCredentials credentials) {
        return RouterFunctions.route()
            .POST(PATH, request -> set(behaviours, request))
            .POST(CREDENTIALS_PATH, request -> changeCredentials(credentials, request))
            .build();
    }

    private static ServerResponse changeCredentials(SandboxProxyCredentials credentials, ServerRequest request) {
        requireAdministrator(request);
        String prefix = request.param("prefix").orElse("");
        String accessKeyId = request.param("access-key-id").orElse("").strip();
        String action = request.param("action").orElse("");
        try {
            if (action.equals("add")) {
                credentials.add(prefix, accessKeyId, request.param("secret-access-key").orElse("").strip());
                return text("Sandbox XKS proxy prefix '" + prefix + "' now accepts " + accessKeyId + "\n");
            }
            if (action.equals("remove")) {
                boolean was = credentials.remove(prefix, accessKeyId);
                return text("Sandbox XKS proxy prefix '" + prefix + "' "
                        + (was ? "no longer accepts " : "did not accept ") + accessKeyId + "\n");
            }
            return badRequest("action must be add or remove");
        }
        catch (IllegalArgumentException refused) {
            // The messages name the prefix and access key ID, never the secret.
            return badRequest(String.valueOf(refused.getMessage()));
        }
    }

    private static void requireAdministrator(ServerRequest request) {
        if (!request.servletRequest().isUserInRole("ADMIN")) {
            // The console's access-denied handler answers 403 and audits the denial.
            throw new AccessDeniedException("Sandbox settings need the ADMIN role");
        }
    }

    private static ServerResponse badRequest(String message) {
        return ServerResponse.badRequest()
            .contentType(MediaType.TEXT_PLAIN)
            .body((message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static ServerResponse set(SandboxProxyBehaviours behaviours, ServerRequest request) {
        requireAdministrator(request);
        String prefix = request.param("prefix").orElse("");
        String behaviour = request.param("behaviour").orElse("").strip().toLowerCase(Locale.ROOT);
        try {
            if (behaviour.equals(CONFIGURED)) {
                behaviours.clear(prefix);
                return text("Sandbox XKS proxy prefix '" + prefix + "' follows its configuration again\n");
            }
            ProxyBehaviour chosen;
            try {
                chosen = ProxyBehaviour.valueOf(behaviour.replace('-', '_').toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException unknown) {
                return ServerResponse.badRequest()
                    .contentType(MediaType.TEXT_PLAIN)
                    .body(("behaviour must be one of the proxy behaviours (e.g. one-ekm-left) or " + CONFIGURED + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            behaviours.set(prefix, chosen);
            return text("Sandbox XKS proxy prefix '" + prefix + "' now answers "
                    + chosen.name().toLowerCase(Locale.ROOT).replace('_', '-') + "\n");
        }
        catch (IllegalArgumentException notServed) {
            return ServerResponse.badRequest()
                .contentType(MediaType.TEXT_PLAIN)
                .body((notServed.getMessage() + "\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static ServerResponse text(String message) {
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(message.getBytes(StandardCharsets.UTF_8));
    }

}
