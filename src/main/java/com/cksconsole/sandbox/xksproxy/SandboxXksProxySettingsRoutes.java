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

    @Bean
    RouterFunction<ServerResponse> sandboxXksProxySettings(SandboxProxyBehaviours behaviours) {
        return RouterFunctions.route().POST(PATH, request -> set(behaviours, request)).build();
    }

    private static ServerResponse set(SandboxProxyBehaviours behaviours, ServerRequest request) {
        if (!request.servletRequest().isUserInRole("ADMIN")) {
            // The console's access-denied handler answers 403 and audits the denial.
            throw new AccessDeniedException("Sandbox settings need the ADMIN role");
        }
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
