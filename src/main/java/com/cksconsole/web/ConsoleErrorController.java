package com.cksconsole.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * The container's error dispatch (exceptions of controllers and filters, unknown pages,
 * refused requests), in place of Spring Boot's: always the console's HTML error page,
 * whatever the client's {@code Accept} header (Boot would answer other clients with its
 * JSON body), never an exception's text or a stack trace. When the cause is the console's
 * database being unavailable ({@link DatabaseUnavailable}), the page says so in plain
 * words, with 503 Service Unavailable.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ConsoleErrorController implements ErrorController {

    static final String DATABASE_UNAVAILABLE_VIEW = "error/database-unavailable";
    static final String GENERIC_VIEW = "error";

    private final ErrorAttributes errorAttributes;

    private final List<ErrorViewResolver> viewResolvers;

    ConsoleErrorController(ErrorAttributes errorAttributes, ObjectProvider<ErrorViewResolver> viewResolvers) {
        this.errorAttributes = errorAttributes;
        this.viewResolvers = viewResolvers.orderedStream().toList();
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        var webRequest = new ServletWebRequest(request);
        boolean databaseUnavailable = DatabaseUnavailable.isCauseOf(errorAttributes.getError(webRequest));
        HttpStatus status = databaseUnavailable ? HttpStatus.SERVICE_UNAVAILABLE : status(request);
        // Boot's defaults, as configured (server.error.include-*: never): status, reason
        // phrase, path, time.
        Map<String, Object> model = new LinkedHashMap<>(
                errorAttributes.getErrorAttributes(webRequest, ErrorAttributeOptions.defaults()));
        model.put("status", status.value());
        model.put("error", status.getReasonPhrase());
        response.setStatus(status.value());
        if (databaseUnavailable) {
            // The method of the failed request (the error dispatch itself may be a GET).
            String method = request.getAttribute("jakarta.servlet.error.method") instanceof String failed ? failed
                    : request.getMethod();
            boolean change = !"GET".equals(method) && !"HEAD".equals(method);
            model.put("nothingSent", change && request.getAttribute(DatabaseUnavailable.BEFORE_ANY_KMS_CALL) != null);
            return new ModelAndView(DATABASE_UNAVAILABLE_VIEW, model, status);
        }
        for (var resolver : viewResolvers) {
            var view = resolver.resolveErrorView(request, status, model);
            if (view != null) {
                return view;
            }
        }
        return new ModelAndView(GENERIC_VIEW, model, status);
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
            var status = HttpStatus.resolve(code);
            if (status != null) {
                return status;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

}
