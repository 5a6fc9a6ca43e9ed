package com.cksconsole.security.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No user has that name: a 404 page, not a 500. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class UnknownUserException extends RuntimeException {

    public UnknownUserException(String username) {
        super("unknown user");
    }

}
