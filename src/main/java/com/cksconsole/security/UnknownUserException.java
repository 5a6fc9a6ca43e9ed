package com.cksconsole.security;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No user has that name: a 404 page, not a 500. */
@ResponseStatus(HttpStatus.NOT_FOUND)
class UnknownUserException extends RuntimeException {

    UnknownUserException(String username) {
        super("unknown user");
    }
}
