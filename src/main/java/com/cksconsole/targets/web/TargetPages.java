package com.cksconsole.targets.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import com.cksconsole.targets.TargetNotFoundException;

/**
 * The Targets pages' errors: an unknown target is the console's 404 page, never a 500.
 */
@ControllerAdvice(assignableTypes = TargetAdministrationController.class)
class TargetPages {

    @ExceptionHandler({ TargetNotFoundException.class, MethodArgumentTypeMismatchException.class })
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "error/404";
    }

}
