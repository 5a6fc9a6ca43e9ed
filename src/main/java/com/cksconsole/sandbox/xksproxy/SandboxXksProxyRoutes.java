package com.cksconsole.sandbox.xksproxy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

import com.cksconsole.sandbox.ConditionalOnSandboxMode;
import com.cksconsole.sandbox.xksproxy.SigV4Verifier.SignedCall;

/**
 * The HTTP face of the sandbox XKS proxy at {@value #BASE_PATH}. A functional route
 * rather than a {@code @Controller}, so that other features' {@code @WebMvcTest} slices
 * do not pick it up without its collaborators.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnSandboxMode
class SandboxXksProxyRoutes {

    static final String BASE_PATH = "/sandbox/xks-proxy";

    @Bean
    RouterFunction<ServerResponse> sandboxXksProxyEndpoints(SandboxXksProxy proxy) {
        return RouterFunctions.route()
            .POST(BASE_PATH + "/**",
                    request -> respond(proxy.answer(
                            request.requestPath().pathWithinApplication().value().substring(BASE_PATH.length()),
                            request.servletRequest().getQueryString() != null, signedCall(request))))
            // The spec: a GET (or any other method) on an API URI must get 405 Method Not
            // Allowed.
            .route(RequestPredicates.path(BASE_PATH + "/**"),
                    request -> ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                        .header(HttpHeaders.ALLOW, "POST")
                        .build())
            .build();
    }

    private static SignedCall signedCall(ServerRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.servletRequest().getInputStream()) {
            // One byte more than allowed, so the proxy can tell "too large" from "exactly
            // at the limit".
            body = in.readNBytes(SandboxXksProxy.MAX_REQUEST_BYTES + 1);
        }
        // The headers exactly as they arrived: Spring's view rewrites Content-Type
        // (adding
        // the charset the encoding filter set), which would break a signature over it.
        var servletRequest = request.servletRequest();
        return new SignedCall(servletRequest.getRequestURI(), name -> Collections.list(servletRequest.getHeaders(name)),
                body);
    }

    private static ServerResponse respond(SandboxXksProxy.Answer answer) {
        ServerResponse response = ServerResponse.status(answer.status())
            .contentType(answer.contentType())
            .body(answer.body());
        if (answer.delay().isZero()) {
            return response;
        }
        // A late answer without holding a request thread or a lock: the servlet response
        // goes async and a
        // timer completes it; no thread sleeps meanwhile.
        return ServerResponse.async(CompletableFuture.supplyAsync(() -> response,
                CompletableFuture.delayedExecutor(answer.delay().toNanos(), TimeUnit.NANOSECONDS)));
    }

}
