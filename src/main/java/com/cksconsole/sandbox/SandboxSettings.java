package com.cksconsole.sandbox;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * What the sandbox settings endpoints ({@code /sandbox-settings/**}) share: ADMIN only
 * (the console's security configuration says so too; checked here again because these are
 * functional routes), and two ways to answer: plain text for scripts and tests, or, for a
 * form of the settings page ({@value #FROM_PAGE_FIELD}={@value #FROM_PAGE}), a redirect
 * back to the page with a flash message (post/redirect/get).
 */
public final class SandboxSettings {

    /** The settings page. */
    public static final String PAGE = "/sandbox-settings/xks-proxy";

    /** The hidden field the page's forms send, so that the answer is the page again. */
    public static final String FROM_PAGE_FIELD = "from";

    public static final String FROM_PAGE = "page";

    /** Flash attribute: the success sentence (shown by fragments/forms :: flash). */
    public static final String SUCCESS = "success";

    /**
     * Flash attribute: which form failed, e.g. {@code add:/tenant-a} or {@code faults}.
     */
    public static final String FAILED_FORM = "failedForm";

    /** Flash attribute: field name -> error sentence of the failed form. */
    public static final String ERRORS = "errors";

    /** Flash attribute: field name -> what was typed (never a secret). */
    public static final String INPUT = "input";

    private SandboxSettings() {
    }

    /**
     * Refuses anyone but an ADMIN: the console's access-denied handler answers 403.
     */
    public static void requireAdministrator(ServerRequest request) {
        if (!request.servletRequest().isUserInRole("ADMIN")) {
            throw new AccessDeniedException("Sandbox settings need the ADMIN role");
        }
    }

    public static boolean fromPage(ServerRequest request) {
        return FROM_PAGE.equals(request.param(FROM_PAGE_FIELD).orElse(""));
    }

    /** 200 with a line of plain text. */
    public static ServerResponse text(String message) {
        return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(bytes(message));
    }

    /** 400 with a line of plain text. */
    public static ServerResponse badRequest(String message) {
        return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body(bytes(message));
    }

    /** Back to the page with a success sentence. */
    public static ServerResponse pageWithSuccess(ServerRequest request, String message) {
        return redirectToPage(request, Map.of(SUCCESS, message));
    }

    /**
     * Back to the page with the failed form's errors next to its fields and its input
     * (without secrets) kept.
     */
    public static ServerResponse pageWithErrors(ServerRequest request, String form, Map<String, String> errors,
            Map<String, String> input) {
        return redirectToPage(request, Map.of(FAILED_FORM, form, ERRORS, Map.copyOf(errors), INPUT, Map.copyOf(input)));
    }

    private static ServerResponse redirectToPage(ServerRequest request, Map<String, Object> attributes) {
        HttpServletRequest servletRequest = request.servletRequest();
        FlashMap flash = RequestContextUtils.getOutputFlashMap(servletRequest);
        flash.putAll(attributes);
        String location = servletRequest.getContextPath() + PAGE;
        return ServerResponse.status(HttpStatus.SEE_OTHER).location(URI.create(location)).build((req, res) -> {
            RequestContextUtils.saveOutputFlashMap(location, req, res);
            return null;
        });
    }

    private static byte[] bytes(String message) {
        return (message.endsWith("\n") ? message : message + "\n").getBytes(StandardCharsets.UTF_8);
    }

}
