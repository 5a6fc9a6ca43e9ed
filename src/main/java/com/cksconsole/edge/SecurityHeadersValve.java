package com.cksconsole.edge;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.ServletException;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Puts the console's security headers on every response, first thing in the servlet
 * container's engine, so that responses which never reach Spring Security carry them too:
 * the container's own errors (a path it refuses, TRACE, a header too large), answers of
 * filters that run before Spring Security (the edit pages' "upload too large" redirect)
 * and the sandbox's machine endpoints.
 *
 * <p>
 * Why a valve and not a servlet filter: the container answers an invalid path or a bad
 * request before any filter runs (there may not even be a web application to run them).
 * Spring Security's header writers, which still run for pages, leave a header alone when
 * it is already set, so nothing is sent twice.
 */
final class SecurityHeadersValve extends ValveBase {

    private final Map<String, String> everyResponse;

    SecurityHeadersValve(List<String> formActionOrigins) {
        super(true);
        this.everyResponse = SecurityHeaders.everyResponse(formActionOrigins);
    }

    @Override
    public void invoke(Request request, Response response) throws IOException, ServletException {
        everyResponse.forEach(response::setHeader);
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", SecurityHeaders.STRICT_TRANSPORT_SECURITY);
        }
        getNext().invoke(request, response);
    }

}
