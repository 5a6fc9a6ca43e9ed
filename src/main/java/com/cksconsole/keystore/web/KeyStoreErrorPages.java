package com.cksconsole.keystore.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import com.cksconsole.keystore.KeyStoreNotFoundException;
import com.cksconsole.keystore.KmsCallException;

/**
 * Pages in the console's look for the key store pages' two expected failures: an unknown key store ID (404)
 * and KMS not answering (503, with a retry link). Never a stack trace or exception text.
 */
@ControllerAdvice(basePackageClasses = KeyStoreErrorPages.class)
class KeyStoreErrorPages {

    static final String NOT_FOUND_VIEW = "keystores/not-found";
    static final String KMS_PROBLEM_VIEW = "keystores/kms-problem";

    @ExceptionHandler(KeyStoreNotFoundException.class)
    String notFound(KeyStoreNotFoundException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        model.addAttribute("keyStoreId", e.keyStoreId());
        return NOT_FOUND_VIEW;
    }

    @ExceptionHandler(KmsCallException.class)
    String kmsProblem(KmsCallException e, Model model, HttpServletRequest request, HttpServletResponse response) {
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        model.addAttribute("problem", KmsProblem.of(e.failure()));
        // Retrying a GET is safe; after a POST the operator starts again from the list.
        model.addAttribute("retryUrl", "GET".equals(request.getMethod())
                ? request.getRequestURI().substring(request.getContextPath().length())
                : KeyStoreListController.PATH);
        return KMS_PROBLEM_VIEW;
    }
}
