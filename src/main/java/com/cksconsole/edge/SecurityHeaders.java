package com.cksconsole.edge;

import java.util.List;
import java.util.Map;

/**
 * The security headers of every response the console sends: its pages (written by Spring
 * Security's header configuration) and everything that never reaches them (written by
 * {@link SecurityHeadersValve}: the servlet container's own error responses, redirects
 * sent before Spring Security, the sandbox's machine endpoints). One definition, so that
 * both say the same.
 */
public final class SecurityHeaders {

    /**
     * No inline script or style anywhere: every asset is served from the console itself.
     */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static final String PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    public static final String REFERRER_POLICY = "no-referrer";

    public static final String FRAME_OPTIONS = "DENY";

    public static final String CONTENT_TYPE_OPTIONS = "nosniff";

    /**
     * As Spring Security writes it for HTTPS requests (one year, subdomains included).
     */
    public static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000 ; includeSubDomains";

    private SecurityHeaders() {
    }

    /**
     * The policy with these origins also allowed as {@code form-action} targets
     * ({@link FormActionOrigins}); nothing else is loosened.
     */
    public static String contentSecurityPolicy(List<String> formActionOrigins) {
        return formActionOrigins.isEmpty() ? CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY
            .replace("form-action 'self'", "form-action 'self' " + String.join(" ", formActionOrigins));
    }

    /**
     * The headers of every response, whatever its scheme, with these {@code form-action}
     * origins.
     */
    static Map<String, String> everyResponse(List<String> formActionOrigins) {
        return Map.of("Content-Security-Policy", contentSecurityPolicy(formActionOrigins), "X-Content-Type-Options",
                CONTENT_TYPE_OPTIONS, "X-Frame-Options", FRAME_OPTIONS, "Referrer-Policy", REFERRER_POLICY,
                "Permissions-Policy", PERMISSIONS_POLICY);
    }

}
