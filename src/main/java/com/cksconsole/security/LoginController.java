package com.cksconsole.security;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Serves the sign-in page; Spring Security's filter handles the POST. */
@Controller
class LoginController {

    static final String VIEW = "login";

    @GetMapping("/login")
    String login() {
        return VIEW;
    }

}
